//! The subcommands, one module each; shared plumbing lives here.

pub mod abuse;
pub mod check;
pub mod detect;
pub mod encoder;
pub mod eval;
pub mod jsonl;
pub mod learn;
pub mod policy;
pub mod restore;
pub mod serve;
pub mod spell;
pub mod truecase;

use std::path::Path;

use suzgec_core::Moderator;

/// Builds the moderator for a policy file, or for the built-in policy when there is none, with
/// the site model the policy names or `site_model` instead.
pub fn moderator(
    policy_file: Option<&Path>,
    site_model: Option<&Path>,
) -> anyhow::Result<Moderator> {
    Ok(suzgec_learn::load_policy_file(policy_file, site_model)?)
}
