//! `suzgec learn`: learns a site's own line for the abuse rules from its moderators' past
//! decisions, and writes the site model only when it agrees with the newest decisions better than
//! the shipped policy does.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use suzgec_core::site::Agreement;
use suzgec_learn::{LearnOptions, Report};

/// Arguments of `suzgec learn`.
#[derive(Args, Debug)]
pub struct LearnArgs {
    /// The site's past decisions, JSON Lines: `{"text", "decision": "approve"|"reject",
    /// "rules"?: [rule ids], "decided_at"?: RFC 3339 time or date}`. Without `decided_at` on every
    /// line, the file's order is taken as oldest first.
    #[arg(long, value_name = "FILE")]
    history: PathBuf,
    /// Where to write the site model; the policy's `[site] model = "FILE"` or `suzgec check
    /// --site-model FILE` puts it in force.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The policy file the site model adjusts; the built-in policy otherwise.
    #[arg(long, env = "SUZGEC_POLICY")]
    policy: Option<PathBuf>,
    /// Write the model even when it does not agree better with the held-out decisions.
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

/// Runs `suzgec learn`. Exit status: 0 the model was written, 1 it was not (it does not agree
/// better), 2 error.
pub fn run(args: &LearnArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let file =
        File::open(&args.history).with_context(|| format!("opening {}", args.history.display()))?;
    let (decisions, errors) = suzgec_learn::history::read(BufReader::new(file))
        .with_context(|| format!("reading {}", args.history.display()))?;
    for error in &errors {
        eprintln!("{}: {error}; skipped", args.history.display());
    }
    // The site model adjusts the shipped rules: an old site model is not read.
    let policy = args.policy.as_deref();
    let moderator = suzgec_learn::load_policy_file(policy, None)?.with_site_model(None);
    let options = LearnOptions {
        holdout: args.holdout,
        min_per_class: args.min_per_class,
        ..LearnOptions::default()
    };
    let learnt = suzgec_learn::learn(&moderator, &decisions, &options)
        .with_context(|| format!("learning from {}", args.history.display()))?;
    for (at, why) in &learnt.report.unreadable {
        eprintln!("decision {}: {why}; skipped", at + 1);
    }
    let write = learnt.report.better() || args.force;
    if write {
        std::fs::write(&args.out, learnt.model.encode())
            .with_context(|| format!("writing {}", args.out.display()))?;
    }
    let seconds = started.elapsed().as_secs_f32();
    if args.json {
        let info = learnt.model.info();
        let json = serde_json::json!({
            "version": info.version,
            "written": write,
            "out": args.out,
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
        print_report(&learnt.report, learnt.model.info(), args, write, seconds);
    }
    Ok(if write {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_report(
    report: &Report,
    info: &suzgec_core::site::SiteModelInfo,
    args: &LearnArgs,
    written: bool,
    seconds: f32,
) {
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
    match (written, report.better()) {
        (true, true) => println!(
            "The site model agrees better: written to {} (version {}).",
            args.out.display(),
            info.version
        ),
        (true, false) => println!(
            "The site model does not agree better; written to {} anyway (--force, version {}).",
            args.out.display(),
            info.version
        ),
        (false, _) => println!(
            "The site model does not agree better with the newest decisions: nothing written \
             (--force writes it anyway)."
        ),
    }
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
