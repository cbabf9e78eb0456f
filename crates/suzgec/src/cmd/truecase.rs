//! `suzgec train truecase`: the table that tells the `all_caps` fix which Turkish words keep a
//! capital in mid-sentence.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use suzgec_core::text::TruecaseCounts;

/// Options of `suzgec train truecase`.
#[derive(Args, Debug)]
pub struct TrainTruecaseArgs {
    /// Edited Turkish text (news), one document per line: JSON Lines with a string field `text`
    /// (`.jsonl`), otherwise the last tab-separated field of each line.
    #[arg(long = "corpus", value_name = "FILE", required = true)]
    corpus: Vec<PathBuf>,
    /// Where to write the table.
    #[arg(long, value_name = "PATH")]
    output: PathBuf,
    /// Keep words and word pairs seen in mid-sentence at least this many times.
    #[arg(long, value_name = "N", default_value_t = 2)]
    min_count: u32,
    /// A word keeps its capital when edited text capitalises it at least this share of the time.
    #[arg(long, value_name = "SHARE", default_value_t = 0.7)]
    share: f64,
}

/// Counts the corpora and writes the table; the report goes to stderr.
pub fn train(args: &TrainTruecaseArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        (0.5..=1.0).contains(&args.share),
        "--share must be between 0.5 and 1"
    );
    let mut counts = TruecaseCounts::default();
    let mut names = Vec::new();
    for path in &args.corpus {
        let docs = suzgec_restore::train::read_corpus(path)?;
        eprintln!("suzgec: {}: {} documents", path.display(), docs.len());
        for doc in &docs {
            counts.add_text(doc);
        }
        names.push(path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        ));
    }
    let made_by = format!(
        "suzgec train truecase --min-count {} --share {} from {}",
        args.min_count,
        args.share,
        names.join(", ")
    );
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(&args.output)
            .with_context(|| format!("creating {}", args.output.display()))?,
    );
    let (words, pairs) = counts.write_table(&mut out, args.min_count, args.share, &made_by)?;
    out.flush()?;
    eprintln!(
        "suzgec: {} words keep a capital, {} word pairs go against their word; wrote {}",
        words,
        pairs,
        args.output.display()
    );
    Ok(())
}
