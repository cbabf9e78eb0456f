//! The subcommands, one module each; shared plumbing lives here.

pub mod check;
pub mod detect;
pub mod eval;
pub mod jsonl;
pub mod policy;
pub mod restore;
pub mod spell;

use std::path::Path;

use anyhow::Context;
use suzgec_core::{Moderator, Policy};

/// Builds the moderator for a policy file, or for the built-in policy when there is none, and warns
/// on stderr about rules the policy turns on that this build does not have.
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
    if !moderator.unavailable_rules().is_empty() {
        let names: Vec<&str> = moderator
            .unavailable_rules()
            .iter()
            .map(|r| r.as_str())
            .collect();
        eprintln!(
            "suzgec: note: rules not available in this build yet: {}",
            names.join(", ")
        );
    }
    moderator.warm_up();
    Ok(moderator)
}
