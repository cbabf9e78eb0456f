//! Where the built-in policy's check time goes, comment by comment, on JSON Lines comments (`text`
//! field) from stdin, one thread: the whole check's median, 99th percentile and worst, then the
//! same for the stages that make its tail (the spelling rule, beside the full search for every
//! word's correction that the rule ran on every comment until it learnt to skip it; the encoder),
//! and what the slowest 1% of comments spent in each.
//!
//! `cargo run --release -p suzgec-core --example check_profile < ../shared/datasets/olid2019-en/dev.jsonl`

use std::io::BufRead;
use std::time::Instant;

use suzgec_core::rules::abuse::Evidence;
use suzgec_core::rules::{Rule, Spelling};
use suzgec_core::text::Analysis;
use suzgec_core::{Moderator, Policy};

/// One comment's times, in milliseconds.
struct Times {
    check: f64,
    spelling: f64,
    search: f64,
    encoder: f64,
    chars: usize,
}

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

fn percentile(values: &mut [f64], q: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let i = ((values.len() as f64 * q) as usize).min(values.len().saturating_sub(1));
    values.get(i).copied().unwrap_or(0.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let policy = Policy::default();
    let moderator = Moderator::new(policy.clone())?;
    moderator.warm_up();
    let spelling = Spelling::from_policy(&policy)?;
    let mut all = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        let text = record["text"].as_str().unwrap_or_default();
        let started = Instant::now();
        if moderator.check(text, None).is_err() {
            continue;
        }
        let check = ms(started);
        // The stages again, each on a fresh analysis so nothing is cached between them.
        let analysis = Analysis::new(text, None);
        let started = Instant::now();
        spelling.check(&analysis);
        let spelling_ms = ms(started);
        let started = Instant::now();
        spelling.errors(&analysis, 1);
        let search = ms(started);
        let analysis = Analysis::new(text, None);
        let evidence = Evidence::of(&analysis);
        let asks = evidence
            .scores
            .is_some_and(|s| policy.classifier.asks_encoder(s.abusive));
        let started = Instant::now();
        if asks {
            evidence.encoder_probability(&analysis);
        }
        let encoder = if asks { ms(started) } else { 0.0 };
        all.push(Times {
            check,
            spelling: spelling_ms,
            search,
            encoder,
            chars: text.chars().count(),
        });
    }
    let column = |f: fn(&Times) -> f64| all.iter().map(f).collect::<Vec<f64>>();
    println!("{} comments, one thread, milliseconds:", all.len());
    for (name, mut values) in [
        ("whole check", column(|t| t.check)),
        ("spelling rule", column(|t| t.spelling)),
        ("full correction search", column(|t| t.search)),
        ("encoder (when asked)", column(|t| t.encoder)),
    ] {
        let worst = values.iter().copied().fold(0.0, f64::max);
        println!(
            "  {name:22} median {:7.2}  p99 {:7.2}  worst {:7.2}",
            percentile(&mut values, 0.5),
            percentile(&mut values, 0.99),
            worst
        );
    }
    all.sort_by(|a, b| b.check.total_cmp(&a.check));
    let slowest = &all[..(all.len() / 100).max(1)];
    let mean = |f: fn(&Times) -> f64| slowest.iter().map(f).sum::<f64>() / slowest.len() as f64;
    let total = |f: fn(&Times) -> f64| all.iter().map(f).sum::<f64>();
    println!(
        "  all comments: spelling rule {:.0} ms in total, full correction search {:.0} ms",
        total(|t| t.spelling),
        total(|t| t.search)
    );
    println!(
        "  slowest 1% ({} comments): check {:.1}, spelling {:.1}, encoder {:.1}, {:.0} characters (means)",
        slowest.len(),
        mean(|t| t.check),
        mean(|t| t.spelling),
        mean(|t| t.encoder),
        mean(|t| t.chars as f64)
    );
    Ok(())
}
