//! Writes what heads at the encoder's intermediate layers would read, for the comments the built-in
//! policy sends to the encoder: for each such comment of the JSON Lines on stdin (`text`, `label`),
//! the mean token vector after every layer of its first window and the final `abusive` logit.
//! `scripts/encoder/exits.py` reads the output to measure how early each comment's answer is known.
//!
//! `cargo run --release -p suzgec-core --example encoder_layers -- OUT.f32 < ../shared/datasets/olid2019-en/dev.jsonl > OUT.jsonl`
//!
//! OUT.f32 holds, per comment, `layers × hidden` little-endian `f32`s; stdout one JSON line per
//! comment (its line number, label, language, fast probability and final logit).

use std::io::{BufRead, Write};

use rayon::prelude::*;
use suzgec_core::Policy;
use suzgec_core::rules::abuse::Evidence;
use suzgec_core::text::Analysis;
use suzgec_encoder::Encoder;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: encoder_layers OUT.f32 < IN.jsonl")?;
    let settings = Policy::default().classifier;
    let encoder = Encoder::embedded().map_err(|e| e.to_string())?;
    let lines: Vec<String> = std::io::stdin().lock().lines().collect::<Result<_, _>>()?;
    let rows: Vec<(serde_json::Value, Vec<f32>)> = lines
        .par_iter()
        .enumerate()
        .filter_map(|(line, text)| {
            let record: serde_json::Value = serde_json::from_str(text).ok()?;
            let text = record["text"].as_str()?;
            let analysis = Analysis::new(text, None);
            let fast = Evidence::of(&analysis).scores?.abusive;
            if !settings.asks_encoder(fast) {
                return None;
            }
            let ids = encoder.windows(text).into_iter().next()?;
            let every: Vec<usize> = (1..=encoder.network().config().layers).collect();
            let mut layers = Vec::new();
            encoder
                .network()
                .pooled_unless(&ids, &every, |_, pooled| {
                    layers.push(pooled.to_vec());
                    false
                })
                .ok()?;
            let logit = encoder.network().head().logit(layers.last()?);
            let meta = serde_json::json!({
                "line": line, "label": record["label"], "fast": fast, "logit": logit,
                "language": analysis.language(),
            });
            Some((meta, layers.concat()))
        })
        .collect();
    let mut file = std::io::BufWriter::new(std::fs::File::create(out)?);
    let mut stdout = std::io::stdout().lock();
    for (meta, vectors) in rows {
        for v in vectors {
            file.write_all(&v.to_le_bytes())?;
        }
        writeln!(stdout, "{meta}")?;
    }
    Ok(())
}
