//! `suzgec learn`: learns a site's own line for the abuse rules from its moderators' past
//! decisions (an exported history, the decisions stored in Süzgeç's database, or both), and puts
//! the site model in force only when it agrees with the newest decisions better than the shipped
//! policy does: written to a file, or stored in the database where every server picks it up.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Args;
use suzgec_core::site::Agreement;
use suzgec_learn::{Decision, LearnOptions, Report};

use super::serve::{self, ConfigArgs};

/// Arguments of `suzgec learn`.
#[derive(Args, Debug)]
pub struct LearnArgs {
    /// Süzgeç's database (`--database-url` or a configuration file): learn from the decisions its
    /// moderators made and the feedback other platforms reported, and, without `--out`, store the
    /// model there, versioned, where every `suzgec serve` on it puts it in force.
    #[command(flatten)]
    database: ConfigArgs,
    /// A site's past decisions, JSON Lines: `{"text", "decision": "approve"|"reject",
    /// "rules"?: [rule ids], "decided_at"?: RFC 3339 time or date}`. Without `decided_at` on every
    /// line, the file's order is taken as oldest first.
    #[arg(long, value_name = "FILE")]
    history: Option<PathBuf>,
    /// Write the site model to this file instead of the database; the policy's `[site] model =
    /// "FILE"` or `suzgec check --site-model FILE` puts it in force.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Take the database's site model out of force and put the previous one back.
    #[arg(long, conflicts_with_all = ["history", "out", "force"])]
    rollback: bool,
    /// The policy file the site model adjusts; the built-in policy otherwise.
    #[arg(long, env = "SUZGEC_POLICY")]
    policy: Option<PathBuf>,
    /// Put the model in force even when it does not agree better with the held-out decisions.
    #[arg(long)]
    force: bool,
    /// The newest share of the decisions held out to measure agreement.
    #[arg(long, default_value_t = 0.2, value_parser = share)]
    holdout: f32,
    /// Fewest refusals and approvals a rule needs to learn its own line.
    #[arg(long, default_value_t = 20)]
    min_per_class: usize,
    /// Print the report as JSON on stdout.
    #[arg(long)]
    json: bool,
}

fn share(value: &str) -> Result<f32, String> {
    match value.parse::<f32>() {
        Ok(share) if share > 0.0 && share < 1.0 => Ok(share),
        _ => Err(format!("{value:?} is not a share between 0 and 1")),
    }
}

/// Where the site model goes.
enum Destination<'a> {
    File(&'a Path),
    Database(&'a ConfigArgs),
}

/// Runs `suzgec learn`. Exit status: 0 the model was put in force, 1 it was not (it does not
/// agree better), 2 error.
pub fn run(args: &LearnArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    if args.rollback {
        return rollback(args);
    }
    let destination = match (&args.out, args.database.names_database()) {
        (Some(out), _) => Destination::File(out),
        (None, true) => Destination::Database(&args.database),
        (None, false) => bail!("give --out FILE, or --database-url URL to store the site model"),
    };
    let mut decisions = Vec::new();
    if let Some(history) = &args.history {
        let file = File::open(history).with_context(|| format!("opening {}", history.display()))?;
        let (read, errors) = suzgec_learn::history::read(BufReader::new(file))
            .with_context(|| format!("reading {}", history.display()))?;
        for error in &errors {
            eprintln!("{}: {error}; skipped", history.display());
        }
        decisions.extend(read);
    }
    if args.database.names_database() {
        decisions.extend(stored_decisions(&args.database)?);
    } else if args.history.is_none() {
        bail!("give --history FILE, --database-url URL, or both");
    }
    // The site model adjusts the shipped rules: an old site model is not read.
    let policy = suzgec_learn::read_policy(args.policy.as_deref())?;
    let options = LearnOptions {
        holdout: args.holdout,
        min_per_class: args.min_per_class,
        ..LearnOptions::default()
    };
    let learnt = suzgec_learn::learn(&policy, &decisions, &options)?;
    for (at, why) in &learnt.report.unreadable {
        eprintln!("decision {}: {why}; skipped", at + 1);
    }
    let in_force = learnt.report.better() || args.force;
    let place = match destination {
        Destination::File(out) => {
            if in_force {
                std::fs::write(out, learnt.model.encode())
                    .with_context(|| format!("writing {}", out.display()))?;
            }
            format!("written to {}", out.display())
        }
        Destination::Database(database) => {
            let new = suzgec_server::site_models::to_store(&learnt.model, in_force);
            serve::runtime()?.block_on(async {
                let store = serve::open_store(database).await?;
                let stored = store.add_site_model(&new).await;
                store.close().await;
                anyhow::Ok(stored?)
            })?;
            "stored in the database and in force on every server within seconds".to_owned()
        }
    };
    let seconds = started.elapsed().as_secs_f32();
    if args.json {
        let info = learnt.model.info();
        let json = serde_json::json!({
            "version": info.version,
            "in_force": in_force,
            "decisions": learnt.report.decisions,
            "held_out": learnt.report.held_out,
            "not_abuse": learnt.report.not_abuse,
            "shipped": info.shipped,
            "site": info.site,
            "rules": info.rules,
            "refuses_more": info.refuses_more,
            "approves_more": info.approves_more,
            "seconds": seconds,
            "peak_memory_mb": peak_memory_mb(),
        });
        println!("{}", serde_json::to_string_pretty(&json)?);
    } else {
        print_report(&learnt.report, learnt.model.info(), seconds);
        match (in_force, learnt.report.better()) {
            (true, true) => println!(
                "The site model agrees better: {place} (version {}).",
                learnt.model.info().version
            ),
            (true, false) => println!(
                "The site model does not agree better; {place} anyway (--force, version {}).",
                learnt.model.info().version
            ),
            (false, _) => println!(
                "The site model does not agree better with the newest decisions: not put in \
                 force (--force does it anyway)."
            ),
        }
    }
    Ok(if in_force {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The decisions stored in the database, oldest first.
fn stored_decisions(database: &ConfigArgs) -> anyhow::Result<Vec<Decision>> {
    serve::runtime()?.block_on(async {
        let store = serve::open_store(database).await?;
        let decisions = suzgec_server::site_models::decisions(&store).await;
        store.close().await;
        anyhow::Ok(decisions?)
    })
}

/// `suzgec learn --rollback`.
fn rollback(args: &LearnArgs) -> anyhow::Result<ExitCode> {
    if !args.database.names_database() {
        bail!("--rollback needs the database: --database-url URL");
    }
    let now = serve::runtime()?.block_on(async {
        let store = serve::open_store(&args.database).await?;
        let now = store.rollback_site_model().await;
        store.close().await;
        anyhow::Ok(now?)
    })?;
    match now {
        Some(model) => println!("Site model {} is in force again.", model.version),
        None => println!("No site model is in force: the abuse rules are as shipped."),
    }
    Ok(ExitCode::SUCCESS)
}

fn print_report(report: &Report, info: &suzgec_core::site::SiteModelInfo, seconds: f32) {
    println!(
        "{} decisions read ({} refusals for other rules set aside); the newest {} held out.",
        report.decisions, report.not_abuse, report.held_out
    );
    let rules: Vec<&str> = report.rules.iter().map(|r| r.as_str()).collect();
    println!("Rules with the site's own line: {}", rules.join(", "));
    for (rule, why) in &report.left_as_shipped {
        println!("Left as shipped: {rule} ({why})");
    }
    println!();
    println!("Agreement with the {} held-out decisions:", report.held_out);
    println!(
        "{:<16} {:>8}  {:>22}  {:>22}",
        "", "macro-F1", "approved: kept/refused", "refused: approved/kept"
    );
    for (name, agreement) in [
        ("shipped policy", report.shipped),
        ("site model", report.site),
    ] {
        println!(
            "{name:<16} {:>8.3}  {:>22}  {:>22}",
            agreement.macro_f1,
            row(&agreement, 0),
            row(&agreement, 1)
        );
    }
    println!();
    let phrases = |list: &[suzgec_core::site::MovedPhrase]| {
        list.iter()
            .take(8)
            .map(|p| {
                format!(
                    "{} ({}: {:.0}% refused, shipped {:.0}%)",
                    p.phrase,
                    p.decisions,
                    p.site_refused * 100.0,
                    p.shipped_refused * 100.0
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("The site refuses more: {}", phrases(&info.refuses_more));
    println!("The site approves more: {}", phrases(&info.approves_more));
    println!();
    let memory = peak_memory_mb()
        .map(|m| format!(", peak memory {m} MB"))
        .unwrap_or_default();
    println!("Learnt in {seconds:.1} s{memory}.");
}

/// One row of the confusion table, as `a / b`.
fn row(agreement: &Agreement, truth: usize) -> String {
    let [a, b] = agreement.confusion[truth];
    format!("{a} / {b}")
}

/// The process's peak resident memory, where the system tells it (Linux).
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
