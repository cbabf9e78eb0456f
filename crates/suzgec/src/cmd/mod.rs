//! The subcommands, one module each; shared plumbing lives here.

pub mod abuse;
pub mod check;
pub mod detect;
pub mod encoder;
pub mod eval;
pub mod jsonl;
pub mod policy;
pub mod restore;
pub mod serve;
pub mod spell;

use std::path::Path;

use anyhow::Context;
use suzgec_core::{Moderator, Policy};

/// Builds the moderator for a policy file, or for the built-in policy when there is none.
pub fn moderator(policy_file: Option<&Path>) -> anyhow::Result<Moderator> {
    let policy = match policy_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Policy::from_toml(&text)
                .with_context(|| format!("in policy file {}", path.display()))?
        }
        None => Policy::default(),
    };
    let moderator = Moderator::new(policy)?;
    moderator.warm_up();
    Ok(moderator)
}
