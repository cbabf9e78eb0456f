//! Measures the abuse rules' encoder stage on JSON Lines comments (`text` field) from stdin: the
//! share of comments the built-in policy sends to the encoder, and the encoder's latency on them
//! (median, 90th and 99th percentile, one thread). With `--scores`, prints each comment's fast
//! classifier and encoder probabilities instead, for choosing how the two combine.
//!
//! `cargo run --release -p suzgec-core --example encoder_stage < ../shared/datasets/offenseval2020-tr/dev.jsonl`

use std::io::BufRead;
use std::time::Instant;

use suzgec_core::Policy;
use suzgec_core::rules::abuse::Evidence;
use suzgec_core::text::Analysis;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let print_scores = std::env::args().any(|a| a == "--scores");
    let settings = Policy::default().classifier;
    let (mut comments, mut micros) = (0usize, Vec::new());
    for line in std::io::stdin().lock().lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        let text = record["text"].as_str().unwrap_or_default();
        let analysis = Analysis::new(text, None);
        let evidence = Evidence::of(&analysis);
        let fast = evidence.scores.map(|s| s.abusive);
        comments += 1;
        if print_scores {
            let encoder = evidence.encoder_probability(&analysis);
            let out = serde_json::json!({
                "label": record["label"], "fast": fast, "encoder": encoder,
                "lexicon": !evidence.abuse.is_empty(),
            });
            println!("{out}");
        } else if fast.is_some_and(|p| settings.asks_encoder(p)) {
            let started = Instant::now();
            evidence.encoder_probability(&analysis);
            micros.push(started.elapsed().as_micros());
        }
    }
    if !print_scores {
        micros.sort_unstable();
        let at = |q: f64| {
            let i = ((micros.len() as f64 * q) as usize).min(micros.len().saturating_sub(1));
            micros.get(i).map_or(0.0, |&m| m as f64 / 1000.0)
        };
        println!(
            "{comments} comments, {} ({:.1}%) reach the encoder; latency ms: median {:.1}, p90 {:.1}, p99 {:.1}",
            micros.len(),
            100.0 * micros.len() as f64 / comments.max(1) as f64,
            at(0.5),
            at(0.9),
            at(0.99)
        );
    }
    Ok(())
}
