//! `suzgec eval`: measures the rules on labelled JSON Lines.
//!
//! Each line is an object with `text`, `expected` (the rule ids that must fire; `[]` for a clean
//! comment) and optionally `decision` (`approve`, `review` or `reject`). A rule "fires" on a comment
//! when the verdict lists it among its reasons.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use serde::Serialize;
use serde_json::Value;
use suzgec_core::{Decision, Language, RuleId};

use super::jsonl::{self, Input};

/// Arguments of `suzgec eval`.
#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Labelled JSON Lines file.
    file: PathBuf,
    /// Policy file (TOML); the built-in policy otherwise.
    #[arg(long, env = "SUZGEC_POLICY")]
    policy: Option<PathBuf>,
    /// The comments' language, instead of detecting it.
    #[arg(long)]
    language: Option<Language>,
    /// Print the scores as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Print up to this many wrongly judged comments per rule, to see what goes wrong.
    #[arg(long, default_value_t = 0)]
    show_errors: usize,
}

/// Counts for one rule.
#[derive(Debug, Default, Clone, Serialize)]
struct RuleScore {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
    precision: f64,
    recall: f64,
    f1: f64,
}

/// What `suzgec eval` measured.
#[derive(Debug, Default, Serialize)]
struct Report {
    examples: usize,
    errors: usize,
    rules: BTreeMap<RuleId, RuleScore>,
    /// Expected decision → predicted decision → count.
    decisions: BTreeMap<Decision, BTreeMap<Decision, usize>>,
}

/// One judged example.
enum Judged {
    Example {
        text: String,
        expected: Vec<RuleId>,
        fired: Vec<RuleId>,
        decision: Option<(Decision, Decision)>,
    },
    Failed(String),
}

/// Runs `suzgec eval`. Exit status 0 when the file was read through, whatever the scores.
pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let moderator = super::moderator(args.policy.as_deref())?;
    let file =
        File::open(&args.file).with_context(|| format!("opening {}", args.file.display()))?;
    let mut report = Report::default();
    let mut wrong: BTreeMap<RuleId, Vec<String>> = BTreeMap::new();
    let work = |input: Input| -> Judged {
        let (fields, text) = match input {
            Input::Record { fields, text } => (fields, text),
            Input::Invalid { error, .. } => return Judged::Failed(error.message),
        };
        let expected: Vec<RuleId> = match fields.get("expected") {
            Some(Value::Array(items)) => {
                match items
                    .iter()
                    .map(|v| v.as_str().unwrap_or("").parse::<RuleId>())
                    .collect()
                {
                    Ok(rules) => rules,
                    Err(e) => return Judged::Failed(e.to_string()),
                }
            }
            _ => return Judged::Failed("no list field `expected`".into()),
        };
        let expected_decision = match fields.get("decision").and_then(Value::as_str) {
            Some(name) => match serde_json::from_value::<Decision>(Value::String(name.into())) {
                Ok(d) => Some(d),
                Err(_) => return Judged::Failed(format!("unknown decision `{name}`")),
            },
            None => None,
        };
        match moderator.check(&text, args.language) {
            Ok(verdict) => Judged::Example {
                fired: verdict.reasons.iter().map(|r| r.rule).collect(),
                decision: expected_decision.map(|d| (d, verdict.decision)),
                expected,
                text,
            },
            Err(e) => Judged::Failed(e.to_string()),
        }
    };
    let mut line = 0usize;
    jsonl::stream(BufReader::new(file), work, |judged| {
        line += 1;
        match judged {
            Judged::Failed(message) => {
                report.errors += 1;
                eprintln!("{}:{line}: {message}", args.file.display());
            }
            Judged::Example {
                text,
                expected,
                fired,
                decision,
            } => {
                report.examples += 1;
                for rule in RuleId::ALL {
                    let (want, got) = (expected.contains(&rule), fired.contains(&rule));
                    let score = report.rules.entry(rule).or_default();
                    match (want, got) {
                        (true, true) => score.true_positives += 1,
                        (false, true) => score.false_positives += 1,
                        (true, false) => score.false_negatives += 1,
                        (false, false) => {}
                    }
                    if want != got {
                        let examples = wrong.entry(rule).or_default();
                        if examples.len() < args.show_errors {
                            examples.push(format!(
                                "{} {text}",
                                if got { "false alarm:" } else { "missed:" }
                            ));
                        }
                    }
                }
                if let Some((want, got)) = decision {
                    *report
                        .decisions
                        .entry(want)
                        .or_default()
                        .entry(got)
                        .or_default() += 1;
                }
            }
        }
        Ok(())
    })?;
    let unavailable = moderator.unavailable_rules();
    report.rules.retain(|rule, s| {
        !unavailable.contains(rule) && s.true_positives + s.false_positives + s.false_negatives > 0
    });
    for score in report.rules.values_mut() {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        score.precision = ratio(
            score.true_positives,
            score.true_positives + score.false_positives,
        );
        score.recall = ratio(
            score.true_positives,
            score.true_positives + score.false_negatives,
        );
        score.f1 = if score.precision + score.recall == 0.0 {
            0.0
        } else {
            2.0 * score.precision * score.recall / (score.precision + score.recall)
        };
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_table(&report);
        for (rule, examples) in &wrong {
            for example in examples {
                println!("{rule}: {example}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_table(report: &Report) {
    println!(
        "{} examples, {} lines not judged",
        report.examples, report.errors
    );
    println!(
        "{:<18} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}",
        "rule", "tp", "fp", "fn", "precision", "recall", "f1"
    );
    for (rule, s) in &report.rules {
        println!(
            "{:<18} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>6.3}",
            rule.as_str(),
            s.true_positives,
            s.false_positives,
            s.false_negatives,
            s.precision,
            s.recall,
            s.f1
        );
    }
    if !report.decisions.is_empty() {
        println!("\ndecisions (expected → predicted):");
        for (want, row) in &report.decisions {
            let cells: Vec<String> = row.iter().map(|(got, n)| format!("{got} {n}")).collect();
            println!("  {want:<8} → {}", cells.join(", "));
        }
    }
}
