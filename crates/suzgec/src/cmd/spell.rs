//! `suzgec spell` (the spelling errors of each line, as JSON Lines) and `suzgec train spell` (the
//! word-frequency model of the Turkish suggester).

use std::io::{BufRead, BufReader, BufWriter, ErrorKind, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use serde_json::json;
use suzgec_core::rules::Spelling;
use suzgec_core::text::Analysis;
use suzgec_core::{Language, Policy};
use suzgec_spell::train::{FinishOptions, WordCounter};

/// Arguments of `suzgec spell`.
#[derive(clap::Args, Debug)]
pub struct SpellArgs {
    /// The lines' language (tr, en), instead of detecting it line by line.
    #[arg(long, value_name = "LANG")]
    language: Option<Language>,
    /// Suggestions per flagged word.
    #[arg(long, value_name = "N", default_value_t = 3)]
    suggestions: usize,
}

/// Reads lines of text on stdin and writes, per line, the spelling errors found with their
/// suggestions as one JSON object: `{"text", "language", "errors": [{"start", "end", "word",
/// "kind", "suggestions"}]}`, offsets in code points of the line. Every error is reported, whatever
/// the policy's tolerance. Bytes that are not UTF-8 are read as U+FFFD.
pub fn run(args: &SpellArgs) -> anyhow::Result<()> {
    let spelling = Spelling::from_policy(&Policy::default())?;
    Spelling::warm_up();
    match spell_stream(&spelling, args) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other.context("spelling stdin to stdout"),
    }
}

fn spell_stream(spelling: &Spelling, args: &SpellArgs) -> std::io::Result<()> {
    let mut input = BufReader::with_capacity(1 << 16, std::io::stdin().lock());
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\n', '\r']);
        let analysis = Analysis::new(text, args.language);
        let errors: Vec<serde_json::Value> = spelling
            .errors(&analysis, args.suggestions)
            .into_iter()
            .map(|e| {
                let span = analysis.span(e.chars, None);
                json!({
                    "start": span.start,
                    "end": span.end,
                    "word": span.text,
                    "kind": e.kind.as_str(),
                    "suggestions": e.suggestions,
                })
            })
            .collect();
        let record = json!({"text": text, "language": analysis.language(), "errors": errors});
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
        if input.buffer().is_empty() {
            out.flush()?;
        }
    }
    out.flush()
}

/// Arguments of `suzgec train spell`.
#[derive(clap::Args, Debug)]
pub struct TrainSpellArgs {
    /// Correct Turkish text, one document per line: JSON Lines with a string field `text`
    /// (`.jsonl`), otherwise the last tab-separated field of each line (`category<TAB>text`).
    #[arg(long = "corpus", value_name = "FILE")]
    corpus: Vec<PathBuf>,
    /// Edited Turkish text (news, books), same formats: counted like `--corpus`, and its words
    /// that the dictionary lacks are kept when seen at least `--min-attested` times.
    #[arg(long = "edited", value_name = "FILE")]
    edited: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "PATH")]
    output: PathBuf,
    /// Keep words seen at least this many times.
    #[arg(long, value_name = "N", default_value_t = 2)]
    min_count: u64,
    /// Keep words the dictionary lacks seen this many times in `--edited` text (0: none).
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_attested: u64,
    /// Keep, capitalised, names the dictionary lacks that `--edited` text writes capitalised at
    /// least this many times and almost never in lower case (0: none).
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_name: u64,
}

/// Counts the corpora's words, keeps those the Turkish dictionary accepts, writes the model; the
/// report goes to stderr.
pub fn train(args: &TrainSpellArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        !args.corpus.is_empty() || !args.edited.is_empty(),
        "give at least one --corpus or --edited file"
    );
    let started = Instant::now();
    let mut counter = WordCounter::new();
    let mut names = Vec::new();
    let name = |path: &PathBuf| {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        )
    };
    let files = args.corpus.iter().map(|p| (p, false));
    for (path, edited) in files.chain(args.edited.iter().map(|p| (p, true))) {
        let docs = suzgec_restore::train::read_corpus(path)?;
        eprintln!("suzgec: {}: {} documents", path.display(), docs.len());
        for doc in &docs {
            if edited {
                counter.add_edited_text(doc);
            } else {
                counter.add_text(doc);
            }
        }
        names.push(if edited {
            format!("{} (edited)", name(path))
        } else {
            name(path)
        });
    }
    let comments = vec![
        format!(
            "Made by `suzgec train spell --min-count {} --min-attested {} --min-name {}` from: {}.",
            args.min_count,
            args.min_attested,
            args.min_name,
            names.join(", ")
        ),
        "Words the tr_TR dictionary (with data/spell/supplement-tr.tsv) accepts, lower case or \
         capitalised for proper nouns, words it lacks that the edited text uses often, and names \
         it lacks that the edited text writes capitalised."
            .to_owned(),
    ];
    let options = FinishOptions {
        min_count: args.min_count,
        min_attested: args.min_attested,
        min_name: args.min_name,
        foreign: Some(suzgec_dict::Dictionary::english()),
        exclude: suzgec_spell::Speller::turkish().misspellings(),
    };
    let list = counter.finish(suzgec_dict::Dictionary::turkish(), &options, comments);
    let text = list.encode();
    std::fs::write(&args.output, &text)
        .with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!(
        "suzgec: {} word tokens, {} words kept; wrote {} ({:.1} MB) in {:.1} s",
        list.total,
        list.words.len(),
        args.output.display(),
        text.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
