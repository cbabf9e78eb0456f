//! `suzgec check`: one comment as a readable or JSON verdict, or a stream of JSON Lines.

use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use owo_colors::{OwoColorize, Stream};
use serde_json::Value;
use suzgec_core::{Decision, Language, Moderator, Verdict};

use super::jsonl::{self, Input, LineError};

/// Arguments of `suzgec check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The comment to check; `-` reads it from stdin. Omit it with `--jsonl`.
    #[arg(required_unless_present = "jsonl", conflicts_with = "jsonl")]
    text: Option<String>,
    /// Print the verdict as JSON.
    #[arg(long)]
    json: bool,
    /// Read JSON Lines from stdin (objects with a string field `text`) and write each object back
    /// with a `verdict` field (or an `error` field), in input order.
    #[arg(long)]
    pub jsonl: bool,
    /// Policy file (TOML); the built-in policy otherwise (`suzgec policy default` prints it).
    #[arg(long, env = "SUZGEC_POLICY")]
    policy: Option<PathBuf>,
    /// A site model (`suzgec learn`) that adjusts the abuse rules, instead of the one the policy's
    /// `[site] model` names.
    #[arg(long, value_name = "FILE")]
    site_model: Option<PathBuf>,
    /// The comment's language (tr, en, az, other), instead of detecting it.
    #[arg(long)]
    language: Option<Language>,
    /// Worker threads for `--jsonl`; all cores by default.
    #[arg(long)]
    threads: Option<usize>,
}

/// Runs `suzgec check`. Exit status: 0 approved, 1 refused or sent to review, 2 error.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let moderator = super::moderator(args.policy.as_deref(), args.site_model.as_deref())?;
    if args.jsonl {
        let threads = args.threads.unwrap_or_else(rayon::current_num_threads);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        pool.install(|| check_jsonl(&moderator, args.language))?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = match args.text.as_deref() {
        Some("-") | None => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("reading the comment from stdin")?;
            text
        }
        Some(text) => text.to_owned(),
    };
    let verdict = moderator.check(&text, args.language)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&verdict)?);
    } else {
        print_readable(&text, &verdict);
    }
    Ok(if verdict.decision == Decision::Approve {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Checks every line of stdin, writing one output line per input line.
fn check_jsonl(moderator: &Moderator, language: Option<Language>) -> anyhow::Result<()> {
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let work = |input: Input| -> String {
        let line = match input {
            Input::Record { mut fields, text } => {
                match moderator.check(&text, language) {
                    Ok(verdict) => fields.insert(
                        "verdict".into(),
                        serde_json::to_value(verdict).unwrap_or(Value::Null),
                    ),
                    Err(e) => fields.insert(
                        "error".into(),
                        LineError {
                            code: e.code(),
                            message: e.to_string(),
                        }
                        .to_json(),
                    ),
                };
                Value::Object(fields)
            }
            Input::Invalid { fields, error } => {
                let mut fields = fields.unwrap_or_default();
                fields.insert("error".into(), error.to_json());
                Value::Object(fields)
            }
        };
        line.to_string()
    };
    jsonl::stream(stdin, work, |line| {
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}

/// Prints a verdict for people: the decision, then each reason with its spans marked in the text.
fn print_readable(text: &str, verdict: &Verdict) {
    let decision = match verdict.decision {
        Decision::Approve => verdict
            .decision
            .if_supports_color(Stream::Stdout, |d| d.green())
            .to_string(),
        Decision::Review => verdict
            .decision
            .if_supports_color(Stream::Stdout, |d| d.yellow())
            .to_string(),
        Decision::Reject => verdict
            .decision
            .if_supports_color(Stream::Stdout, |d| d.red())
            .to_string(),
    };
    let site_model = verdict
        .policy
        .site_model
        .as_ref()
        .map(|v| format!(", site model {v}"))
        .unwrap_or_default();
    println!(
        "{}  (language: {}, policy: {} {}{site_model})",
        decision.if_supports_color(Stream::Stdout, |d| d.bold()),
        verdict.language,
        verdict.policy.name,
        verdict.policy.version
    );
    let english = verdict.language == Language::En;
    for reason in &verdict.reasons {
        let message = if english {
            &reason.message.en
        } else {
            &reason.message.tr
        };
        println!(
            "\n  {} ({:.0}%): {}",
            reason.rule.if_supports_color(Stream::Stdout, |r| r.bold()),
            reason.confidence * 100.0,
            message
        );
        println!("    {}", marked(text, &reason.spans));
        for span in reason
            .spans
            .iter()
            .filter(|s| s.replacement.is_some())
            .take(8)
        {
            println!(
                "    {} → {}",
                span.text,
                span.replacement.as_deref().unwrap_or_default()
            );
        }
    }
    if let Some(suggestion) = &verdict.suggested_text {
        let label = if english {
            "suggested text"
        } else {
            "önerilen metin"
        };
        println!(
            "\n  {}: {}",
            label.if_supports_color(Stream::Stdout, |l| l.bold()),
            suggestion
        );
    }
}

/// The text on one line with the spans underlined (or in brackets without colour).
fn marked(text: &str, spans: &[suzgec_core::Span]) -> String {
    let mut out = String::new();
    let mut at = 0;
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    for span in spans {
        if span.start < at || span.end > chars.len() {
            continue;
        }
        out.extend(&chars[at..span.start]);
        let piece: String = chars[span.start..span.end].iter().collect();
        let shown = piece
            .if_supports_color(Stream::Stdout, |p| p.red().underline().to_string())
            .to_string();
        if shown == piece {
            out.push_str(&format!("[{piece}]"));
        } else {
            out.push_str(&shown);
        }
        at = span.end;
    }
    out.extend(&chars[at.min(chars.len())..]);
    out
}
