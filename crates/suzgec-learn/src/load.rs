//! Loading a policy file with its site model (`[site] model`), the same way for the command line
//! and the server.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use suzgec_core::site::SiteModel;
use suzgec_core::{Moderator, Policy};

/// Why a policy or its site model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A file could not be read.
    #[error("reading {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The policy or the site model is not valid.
    #[error("{path}: {source}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Why.
        source: suzgec_core::Error,
    },
}

/// Reads a site model file.
pub fn read_site_model(path: &Path) -> Result<SiteModel, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    SiteModel::decode(&bytes).map_err(|source| LoadError::Invalid {
        path: path.to_owned(),
        source,
    })
}

/// The policy in a policy file, or the built-in policy without one.
pub fn read_policy(policy_file: Option<&Path>) -> Result<Policy, LoadError> {
    let Some(path) = policy_file else {
        return Ok(Policy::default());
    };
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    Policy::from_toml(&text).map_err(|source| LoadError::Invalid {
        path: path.to_owned(),
        source,
    })
}

/// The moderator of a policy file (the built-in policy without one), with the site model its
/// `[site] model` names (relative to the policy file), or with `site_model` instead when given.
pub fn load_policy_file(
    policy_file: Option<&Path>,
    site_model: Option<&Path>,
) -> Result<Moderator, LoadError> {
    let policy = read_policy(policy_file)?;
    let named = policy.site.model.as_ref().map(|model| {
        let base = policy_file.and_then(Path::parent).unwrap_or(Path::new(""));
        base.join(model)
    });
    let site = match site_model.map(Path::to_owned).or(named) {
        Some(path) => Some(Arc::new(read_site_model(&path)?)),
        None => None,
    };
    let path = policy_file.map_or_else(|| PathBuf::from("built-in policy"), Path::to_owned);
    let moderator = Moderator::new(policy)
        .map_err(|source| LoadError::Invalid { path, source })?
        .with_site_model(site);
    moderator.warm_up();
    Ok(moderator)
}
