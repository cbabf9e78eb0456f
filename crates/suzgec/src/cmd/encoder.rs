//! `suzgec train encoder-data`: the training data of the abuse encoder, as piece ids.
//!
//! The encoder is fine-tuned outside Rust (PyTorch, `scripts/encoder/finetune.py`) on the pieces
//! this command writes, so that training and the runtime read exactly the same tokenization: the
//! one in `suzgec-encoder`. See `data/abuse/ENCODER.md` for the whole recipe.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use rayon::prelude::*;
use serde_json::json;
use suzgec_encoder::Encoder;

use super::abuse::{field, read_csv_column, read_jsonl};

/// Pieces kept per text (the network reads at most 128, `<s>` and `</s>` included).
const MAX_PIECES: usize = 126;

/// Arguments of `suzgec train encoder-data`.
#[derive(clap::Args, Debug)]
pub struct EncoderDataArgs {
    /// The model file whose tokenizer splits the texts.
    #[arg(long)]
    model: PathBuf,
    /// The labelled datasets folder.
    #[arg(long, default_value = "../shared/datasets")]
    data: PathBuf,
    /// The corpora folder (texts whose pieces the pruned vocabulary keeps).
    #[arg(long, default_value = "../shared/corpora")]
    corpora: PathBuf,
    /// Output folder: `data.jsonl` (labelled texts as piece ids) and `pieces.json` (the ids used).
    #[arg(long)]
    out: PathBuf,
}

/// One labelled text.
struct Labelled {
    source: &'static str,
    split: &'static str,
    lang: &'static str,
    label: bool,
    text: String,
}

fn labelled(args: &EncoderDataArgs) -> anyhow::Result<Vec<Labelled>> {
    let mut out = Vec::new();
    let sets = [
        ("offenseval", "offenseval2020-tr", "tr"),
        ("olid", "olid2019-en", "en"),
    ];
    for (source, folder, lang) in sets {
        for split in ["train", "dev"] {
            for r in read_jsonl(&args.data.join(folder).join(format!("{split}.jsonl")))? {
                out.push(Labelled {
                    source,
                    split,
                    lang,
                    label: field(&r, "label") == "OFF",
                    text: field(&r, "text").to_string(),
                });
            }
        }
    }
    for r in read_jsonl(&args.data.join("davidson2017-en/all.jsonl"))? {
        out.push(Labelled {
            source: "davidson",
            split: "train",
            lang: "en",
            label: field(&r, "label") != "neither",
            text: field(&r, "text").to_string(),
        });
    }
    // teamgzg: every file but data6 ("other") is offensive.
    for file in ["data1", "data2", "data3", "data4", "data5", "data7"] {
        let path = args.data.join("teamgzg-tr").join(format!("{file}.csv"));
        for text in read_csv_column(&path)? {
            out.push(Labelled {
                source: "teamgzg",
                split: "train",
                lang: "tr",
                label: true,
                text,
            });
        }
    }
    Ok(out)
}

/// Lines of the corpora that may train shipped models (their README says which).
fn corpus_lines(args: &EncoderDataArgs) -> anyhow::Result<Vec<String>> {
    let files = [
        "ttc3600/ttc3600.txt",
        "sadedegel_news/sadedegel_raw.txt",
        "product_reviews_neg_fthbrmnby/reviews_neg.txt",
    ];
    let mut lines = Vec::new();
    for file in files {
        let path = args.corpora.join(file);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        lines.extend(text.lines().map(str::to_string));
    }
    Ok(lines)
}

/// Runs `suzgec train encoder-data`.
pub fn data(args: &EncoderDataArgs) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(&args.model).with_context(|| format!("reading {}", args.model.display()))?;
    let tokenizer = Encoder::tokenizer_from_bytes(&bytes)?;
    std::fs::create_dir_all(&args.out)?;
    let texts = labelled(args)?;
    let ids: Vec<Vec<u32>> = texts
        .par_iter()
        .map(|t| tokenizer.encode(&t.text))
        .collect();
    let corpus: Vec<Vec<u32>> = corpus_lines(args)?
        .par_iter()
        .map(|l| tokenizer.encode(l))
        .collect();
    let mut used: BTreeSet<u32> = ids.iter().chain(&corpus).flatten().copied().collect();
    let specials = tokenizer.specials();
    used.extend([specials.bos, specials.eos, specials.pad, specials.unk]);

    let path = args.out.join("data.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    for (t, ids) in texts.iter().zip(&ids) {
        let line = json!({
            "source": t.source,
            "split": t.split,
            "lang": t.lang,
            "label": u8::from(t.label),
            "ids": &ids[..ids.len().min(MAX_PIECES)],
        });
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    std::fs::write(args.out.join("pieces.json"), serde_json::to_string(&used)?)?;
    println!(
        "{} labelled texts, {} corpus lines; {} of {} pieces used",
        texts.len(),
        corpus.len(),
        used.len(),
        tokenizer.len()
    );
    Ok(())
}
