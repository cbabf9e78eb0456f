//! `suzgec restore` (restore Turkish letters, one line at a time) and
//! `suzgec train restore` (build the restorer's model from correct text).

use std::io::{BufRead, BufReader, BufWriter, ErrorKind, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use suzgec_restore::train::{self, TrainOptions};
use suzgec_restore::{Restorer, TurkishDictionary};

/// Arguments of `suzgec restore`.
#[derive(clap::Args, Debug)]
pub struct RestoreArgs {
    /// Use this model file instead of the one built into the binary (the
    /// built-in Turkish dictionary is still consulted for unknown words).
    #[arg(long, value_name = "PATH")]
    model: Option<PathBuf>,
}

/// Reads lines on stdin and writes each one with its Turkish letters
/// restored: one output line per input line, nothing else on stdout.
///
/// Bytes that are not UTF-8 are passed through unchanged (the valid text
/// around them is restored); a closed stdout (`| head`) ends quietly.
pub fn run(args: &RestoreArgs) -> anyhow::Result<()> {
    let owned;
    let restorer = match &args.model {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            // Like the embedded model, consult the Turkish dictionary for
            // words the model does not know.
            owned = Restorer::from_bytes(&bytes)
                .with_context(|| format!("loading {}", path.display()))?
                .with_lexicon(TurkishDictionary);
            &owned
        }
        None => Restorer::embedded(),
    };
    match restore_stream(restorer) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other.context("restoring stdin to stdout"),
    }
}

fn restore_stream(restorer: &Restorer) -> std::io::Result<()> {
    let mut input = BufReader::with_capacity(1 << 16, std::io::stdin().lock());
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let mut end = line.len();
        if line[..end].ends_with(b"\n") {
            end -= 1;
        }
        if line[..end].ends_with(b"\r") {
            end -= 1;
        }
        for chunk in line[..end].utf8_chunks() {
            out.write_all(restorer.restore(chunk.valid()).as_bytes())?;
            out.write_all(chunk.invalid())?;
        }
        out.write_all(&line[end..])?;
        if !line.ends_with(b"\n") {
            out.write_all(b"\n")?;
        }
        // Flush when no more input is waiting, so interactive use and
        // line-by-line pipes see each answer at once.
        if input.buffer().is_empty() {
            out.flush()?;
        }
    }
    out.flush()
}

/// Arguments of `suzgec train restore`.
#[derive(clap::Args, Debug)]
pub struct TrainRestoreArgs {
    /// Text with correct Turkish letters, one document per line: JSON Lines
    /// with a string field `text` (`.jsonl`), otherwise the last
    /// tab-separated field of each line (`category<TAB>text`).
    #[arg(long = "corpus", required = true, value_name = "FILE")]
    corpus: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "PATH")]
    output: PathBuf,
    /// Order of the character n-gram model [default: the library's].
    #[arg(long, value_name = "N")]
    lm_order: Option<u8>,
    /// Passes of the letter classifier over the text [default: the library's].
    #[arg(long, value_name = "N")]
    epochs: Option<u32>,
    /// Keep sentences typed without Turkish letters (by default they are dropped).
    #[arg(long)]
    keep_ascii_typed: bool,
    /// After training, measure word accuracy on these files of correct text
    /// (same formats as --corpus), ASCII-fied.
    #[arg(long = "eval", value_name = "FILE")]
    eval: Vec<PathBuf>,
}

/// Trains the restorer's model and writes it; the report goes to stderr.
pub fn train(args: &TrainRestoreArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut documents = Vec::new();
    for path in &args.corpus {
        let docs = train::read_corpus(path)?;
        eprintln!("suzgec: {}: {} documents", path.display(), docs.len());
        documents.extend(docs);
    }
    let mut options = TrainOptions::default();
    if let Some(order) = args.lm_order {
        anyhow::ensure!((1..=10).contains(&order), "--lm-order must be in 1..=10");
        options.settings.lm_order = order;
    }
    if let Some(epochs) = args.epochs {
        options.classifier_epochs = epochs;
    }
    options.filter_ascii_typed = !args.keep_ascii_typed;
    let (model, report) = train::train(&documents, &options);
    let bytes = model.encode();
    std::fs::write(&args.output, &bytes)
        .with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!(
        "suzgec: {} documents, {} sentences ({} typed without Turkish letters, dropped), \
         {} words, {} keys ({} ambiguous), {} character n-grams, classifier {:.2}% on its \
         training letters; wrote {} ({:.1} MB) in {:.1} s",
        report.documents,
        report.sentences,
        report.sentences_ascii_typed,
        report.words,
        report.keys,
        report.ambiguous_keys,
        report.lm_entries,
        100.0 * report.classifier_train_accuracy,
        args.output.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    if !args.eval.is_empty() {
        let restorer = Restorer::from_model(&model).with_lexicon(TurkishDictionary);
        for path in &args.eval {
            let lines = train::read_corpus(path)?;
            let ev = train::evaluate(&restorer, &lines);
            eprintln!(
                "suzgec: {}: word accuracy {:.2}% ({} of {} words wrong)",
                path.display(),
                100.0 * ev.accuracy(),
                ev.words - ev.correct,
                ev.words
            );
        }
    }
    Ok(())
}
