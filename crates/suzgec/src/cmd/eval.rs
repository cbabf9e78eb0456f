//! `suzgec eval`: measures the rules on labelled JSON Lines.
//!
//! Each line is an object with `text`, `expected` (the rule ids that must fire; `[]` for a clean
//! comment) and optionally `decision` (`approve`, `review` or `reject`). A rule "fires" on a comment
//! when the verdict lists it among its reasons.
//!
//! Labelled datasets with their own label fields need no conversion:
//!
//! - `--binary label=OFF` reads the truth from a field (`OFF` is offensive, any other value not)
//!   and scores "any of the four abuse rules fires" (or the rules named by `--rules`): precision,
//!   recall and F1 of both classes and their macro average (OffensEval, OLID).
//! - `--by target` counts, for each value of a field, how many comments each rule fires on
//!   (TEKNOFEST's classes).

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
    /// A site model (`suzgec learn`) that adjusts the abuse rules, instead of the one the policy's
    /// `[site] model` names.
    #[arg(long, value_name = "FILE")]
    site_model: Option<PathBuf>,
    /// The comments' language, instead of detecting it.
    #[arg(long)]
    language: Option<Language>,
    /// Print the scores as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Print up to this many wrongly judged comments per rule, to see what goes wrong.
    #[arg(long, default_value_t = 0)]
    show_errors: usize,
    /// Binary truth from a field: `FIELD=VALUE[,VALUE…]` (e.g. `label=OFF`); lines need no
    /// `expected` field, and the score is "any of `--rules` fires".
    #[arg(long, value_name = "FIELD=VALUES")]
    binary: Option<String>,
    /// The rules whose firing counts as flagged in `--binary` mode.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "swearing,insult,offensive,belief_attack"
    )]
    rules: Vec<RuleId>,
    /// Count, per value of this field, the comments each rule fires on.
    #[arg(long, value_name = "FIELD")]
    by: Option<String>,
}

/// Precision, recall and F1 of one class in `--binary` mode.
#[derive(Debug, Default, Clone, Serialize)]
struct ClassScore {
    precision: f64,
    recall: f64,
    f1: f64,
}

/// The `--binary` score: both classes and their macro average.
#[derive(Debug, Default, Clone, Serialize)]
struct BinaryScore {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
    true_negatives: usize,
    positive: ClassScore,
    negative: ClassScore,
    macro_f1: f64,
}

impl BinaryScore {
    fn finish(&mut self) {
        let class = |tp: usize, fp: usize, fn_: usize| {
            let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
            let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
            let f1 = if precision + recall == 0.0 {
                0.0
            } else {
                2.0 * precision * recall / (precision + recall)
            };
            ClassScore {
                precision,
                recall,
                f1,
            }
        };
        self.positive = class(
            self.true_positives,
            self.false_positives,
            self.false_negatives,
        );
        self.negative = class(
            self.true_negatives,
            self.false_negatives,
            self.false_positives,
        );
        self.macro_f1 = (self.positive.f1 + self.negative.f1) / 2.0;
    }
}

/// Per value of the `--by` field: comments, and comments each rule fired on.
#[derive(Debug, Default, Clone, Serialize)]
struct ClassCounts {
    comments: usize,
    any_abuse_rule: usize,
    fired: BTreeMap<RuleId, usize>,
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
    /// The `--binary` score.
    #[serde(skip_serializing_if = "Option::is_none")]
    binary: Option<BinaryScore>,
    /// The `--by` counts.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    by_class: BTreeMap<String, ClassCounts>,
}

/// One judged example.
enum Judged {
    Example {
        text: String,
        expected: Vec<RuleId>,
        fired: Vec<RuleId>,
        decision: Option<(Decision, Decision)>,
        /// The `--binary` truth.
        flagged: Option<bool>,
        /// The `--by` field's value.
        class: Option<String>,
    },
    Failed(String),
}

/// Runs `suzgec eval`. Exit status 0 when the file was read through, whatever the scores.
pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let binary = match &args.binary {
        Some(spec) => {
            let (field, values) = spec
                .split_once('=')
                .context("--binary takes FIELD=VALUE[,VALUE…]")?;
            let values: Vec<String> = values.split(',').map(str::to_owned).collect();
            Some((field.to_owned(), values))
        }
        None => None,
    };
    let moderator = super::moderator(args.policy.as_deref(), args.site_model.as_deref())?;
    let file =
        File::open(&args.file).with_context(|| format!("opening {}", args.file.display()))?;
    let mut report = Report::default();
    let mut wrong: BTreeMap<RuleId, Vec<String>> = BTreeMap::new();
    let work = |input: Input| -> Judged {
        let (fields, text) = match input {
            Input::Record { fields, text } => (fields, text),
            Input::Invalid { error, .. } => return Judged::Failed(error.message),
        };
        let value_of = |name: &str| match fields.get(name) {
            Some(Value::String(v)) => Some(v.clone()),
            Some(Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        };
        let flagged = binary
            .as_ref()
            .map(|(field, values)| value_of(field).is_some_and(|v| values.contains(&v)));
        let class = args.by.as_deref().map(|f| value_of(f).unwrap_or_default());
        let expected: Vec<RuleId> = match fields.get("expected") {
            None if binary.is_some() || class.is_some() => Vec::new(),
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
                flagged,
                class,
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
                flagged,
                class,
            } => {
                report.examples += 1;
                let any = fired.iter().any(|r| args.rules.contains(r));
                if let Some(want) = flagged {
                    let score = report.binary.get_or_insert_with(BinaryScore::default);
                    match (want, any) {
                        (true, true) => score.true_positives += 1,
                        (false, true) => score.false_positives += 1,
                        (true, false) => score.false_negatives += 1,
                        (false, false) => score.true_negatives += 1,
                    }
                    if want != any {
                        let examples = wrong.entry(RuleId::Swearing).or_default();
                        if examples.len() < args.show_errors {
                            examples.push(format!(
                                "{} {text}",
                                if any {
                                    "any-rule false alarm:"
                                } else {
                                    "any-rule missed:"
                                }
                            ));
                        }
                    }
                }
                if let Some(class) = class {
                    let counts = report.by_class.entry(class).or_default();
                    counts.comments += 1;
                    counts.any_abuse_rule += usize::from(any);
                    for rule in &fired {
                        *counts.fired.entry(*rule).or_default() += 1;
                    }
                }
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
    report
        .rules
        .retain(|_, s| s.true_positives + s.false_positives + s.false_negatives > 0);
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
    if let Some(binary) = report.binary.as_mut() {
        binary.finish();
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
    if let Some(b) = &report.binary {
        println!(
            "\nany of the rules fires: tp {} fp {} fn {} tn {}",
            b.true_positives, b.false_positives, b.false_negatives, b.true_negatives
        );
        for (name, c) in [("positive", &b.positive), ("negative", &b.negative)] {
            println!(
                "  {name:<9} precision {:.3} recall {:.3} f1 {:.3}",
                c.precision, c.recall, c.f1
            );
        }
        println!("  macro-F1 {:.3}", b.macro_f1);
    }
    if !report.by_class.is_empty() {
        println!("\nper class: comments, any of the rules, then each rule that fired");
        for (class, c) in &report.by_class {
            let cells: Vec<String> = c.fired.iter().map(|(r, n)| format!("{r} {n}")).collect();
            println!(
                "  {class:<12} {:>5} {:>5} ({:.1}%)  {}",
                c.comments,
                c.any_abuse_rule,
                100.0 * c.any_abuse_rule as f64 / c.comments.max(1) as f64,
                cells.join(", ")
            );
        }
    }
    if !report.decisions.is_empty() {
        println!("\ndecisions (expected → predicted):");
        for (want, row) in &report.decisions {
            let cells: Vec<String> = row.iter().map(|(got, n)| format!("{got} {n}")).collect();
            println!("  {want:<8} → {}", cells.join(", "));
        }
    }
}
