//! `suzgec`: serves the comment platform and moderation gateway, checks comments against a news
//! site's comment policy, evaluates the rules on labelled data, restores Turkish letters and trains
//! models.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Süzgeç: comment moderation for Turkish and English news sites.
#[derive(Parser, Debug)]
#[command(name = "suzgec", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the moderation API, article pages with comments, and the moderator area.
    Serve(cmd::serve::ServeArgs),
    /// Check comments against the policy and print verdicts.
    Check(cmd::check::CheckArgs),
    /// Measure the rules on labelled JSON Lines: precision, recall and F1 per rule.
    Eval(cmd::eval::EvalArgs),
    /// Learn the site's own line for the abuse rules from its moderators' past decisions.
    Learn(cmd::learn::LearnArgs),
    /// Detect the language of JSON Lines texts (to measure the detector).
    Detect(cmd::detect::DetectArgs),
    /// Restore Turkish letters in lines of text typed without them (stdin to stdout).
    Restore(cmd::restore::RestoreArgs),
    /// Print the spelling errors of each line on stdin, with suggestions, as JSON Lines.
    Spell(cmd::spell::SpellArgs),
    /// Train a model from corpora.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Work with policies.
    #[command(subcommand)]
    Policy(cmd::policy::PolicyCommand),
    /// Manage moderator and admin logins.
    #[command(subcommand)]
    User(cmd::serve::UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(cmd::serve::TokenCommand),
    /// Write every stored comment with its history as JSON Lines.
    Export(cmd::serve::ExportArgs),
    /// Store comments written by `suzgec export`.
    Import(cmd::serve::ImportArgs),
    /// Copy a live SQLite database to a new file (PostgreSQL: pg_dump).
    Backup(cmd::serve::BackupArgs),
}

/// The models `suzgec train` builds.
#[derive(Subcommand, Debug)]
enum TrainCommand {
    /// The Turkish-letter restorer, from text with correct letters.
    Restore(cmd::restore::TrainRestoreArgs),
    /// The abuse classifier, from the labelled datasets.
    Abuse(cmd::abuse::TrainAbuseArgs),
    /// The spelling suggester's word-frequency model, from correct Turkish text.
    Spell(cmd::spell::TrainSpellArgs),
    /// The table of Turkish words that keep a capital in mid-sentence, from edited text.
    Truecase(cmd::truecase::TrainTruecaseArgs),
    /// The abuse encoder's training data: the labelled texts as the encoder's piece ids.
    EncoderData(cmd::encoder::EncoderDataArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let many_comments = match &cli.command {
        Command::Check(args) => args.jsonl,
        Command::Eval(_) => true,
        _ => false,
    };
    if many_comments && let Err(error) = cmd::jsonl::one_thread_per_comment() {
        eprintln!("suzgec: {error:#}");
        return ExitCode::from(2);
    }
    let result = match &cli.command {
        Command::Serve(args) => cmd::serve::serve(args).map(|()| ExitCode::SUCCESS),
        Command::User(command) => cmd::serve::user(command).map(|()| ExitCode::SUCCESS),
        Command::Token(command) => cmd::serve::token(command).map(|()| ExitCode::SUCCESS),
        Command::Export(args) => cmd::serve::export(args).map(|()| ExitCode::SUCCESS),
        Command::Import(args) => cmd::serve::import(args).map(|()| ExitCode::SUCCESS),
        Command::Backup(args) => cmd::serve::backup(args).map(|()| ExitCode::SUCCESS),
        Command::Check(args) => cmd::check::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Learn(args) => cmd::learn::run(args),
        Command::Detect(args) => cmd::detect::run(args),
        Command::Restore(args) => cmd::restore::run(args).map(|()| ExitCode::SUCCESS),
        Command::Spell(args) => cmd::spell::run(args).map(|()| ExitCode::SUCCESS),
        Command::Train(TrainCommand::Restore(args)) => {
            cmd::restore::train(args).map(|()| ExitCode::SUCCESS)
        }
        Command::Train(TrainCommand::Abuse(args)) => {
            cmd::abuse::train(args).map(|()| ExitCode::SUCCESS)
        }
        Command::Train(TrainCommand::Spell(args)) => {
            cmd::spell::train(args).map(|()| ExitCode::SUCCESS)
        }
        Command::Train(TrainCommand::Truecase(args)) => {
            cmd::truecase::train(args).map(|()| ExitCode::SUCCESS)
        }
        Command::Train(TrainCommand::EncoderData(args)) => {
            cmd::encoder::data(args).map(|()| ExitCode::SUCCESS)
        }
        Command::Policy(command) => cmd::policy::run(command),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("suzgec: {error:#}");
            ExitCode::from(2)
        }
    }
}
