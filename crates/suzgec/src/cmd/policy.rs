//! `suzgec policy`: print the built-in policy, validate a policy file.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use suzgec_core::policy::DEFAULT_POLICY_TOML;

/// What to do with policies.
#[derive(Subcommand, Debug)]
pub enum PolicyCommand {
    /// Print the built-in policy, with every setting documented: a starting point for your own.
    Default,
    /// Check that a policy file is valid and say which rules it runs.
    Validate {
        /// The policy file (TOML).
        file: PathBuf,
    },
}

/// Runs a policy subcommand.
pub fn run(command: &PolicyCommand) -> anyhow::Result<ExitCode> {
    match command {
        PolicyCommand::Default => print!("{DEFAULT_POLICY_TOML}"),
        PolicyCommand::Validate { file } => {
            let moderator = super::moderator(Some(file), None)?;
            let policy = moderator.policy();
            let rules: Vec<&str> = policy.enabled_rules().map(|(id, _)| id.as_str()).collect();
            println!(
                "{}: policy `{}` version {}, rules: {}",
                file.display(),
                policy.name,
                policy.version,
                rules.join(", ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
