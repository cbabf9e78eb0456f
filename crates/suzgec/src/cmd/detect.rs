//! `suzgec detect`: the language detector on its own, over JSON Lines, to measure it.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

use clap::Args;
use serde_json::{Value, json};
use suzgec_core::Language;
use suzgec_core::text::Analysis;

use super::jsonl::{self, Input};

/// Arguments of `suzgec detect`.
#[derive(Args, Debug)]
pub struct DetectArgs {
    /// The field that holds the text.
    #[arg(long, default_value = "text")]
    field: String,
    /// The language every line is in: prints the accuracy on stderr.
    #[arg(long)]
    expect: Option<Language>,
    /// Print only the summary, not each line.
    #[arg(long)]
    quiet: bool,
}

/// Runs `suzgec detect`: reads JSON Lines on stdin, adds `language` and `language_confidence`.
pub fn run(args: &DetectArgs) -> anyhow::Result<ExitCode> {
    suzgec_core::text::lang::warm_up();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut total = 0usize;
    let work = |input: Input| -> Option<(Value, Language)> {
        let fields = match input {
            Input::Record { fields, .. } => fields,
            Input::Invalid { fields, .. } => fields?,
        };
        let text = fields.get(&args.field)?.as_str()?.to_owned();
        let detection = Analysis::new(&text, None).detection;
        let mut fields = fields;
        fields.insert("language".into(), json!(detection.language));
        fields.insert("language_confidence".into(), json!(detection.confidence));
        Some((Value::Object(fields), detection.language))
    };
    jsonl::stream(std::io::stdin().lock(), work, |result| {
        if let Some((line, language)) = result {
            total += 1;
            *counts.entry(language.as_str()).or_default() += 1;
            if !args.quiet {
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    })?;
    out.flush()?;
    let shares: Vec<String> = counts
        .iter()
        .map(|(lang, n)| {
            format!(
                "{lang} {n} ({:.1}%)",
                100.0 * *n as f64 / total.max(1) as f64
            )
        })
        .collect();
    eprintln!("{total} texts: {}", shares.join(", "));
    if let Some(expected) = args.expect {
        let right = counts.get(expected.as_str()).copied().unwrap_or(0);
        eprintln!(
            "accuracy ({expected}): {:.2}%",
            100.0 * right as f64 / total.max(1) as f64
        );
    }
    Ok(ExitCode::SUCCESS)
}
