//! Development tool: train a model and measure it without the `suzgec` binary.
//!
//! ```text
//! cargo run --release -p suzgec-restore --features train --example restore_eval -- \
//!     train OUT.bin CORPUS...
//! cargo run --release -p suzgec-restore --features train --example restore_eval -- \
//!     eval MODEL.bin GOLD.jsonl...
//! ... restore MODEL.bin < ascii.txt     # one restored line per line (VERBOSE=1: the changes)
//! ... memory                            # load time and resident memory of Restorer::embedded()
//! ... dict < words.txt                  # `1 word` / `0 word`: the Turkish dictionary's verdict
//! ```
//! `eval` reads JSONL files with a `text` field of correct text. `LEXICON=1`
//! makes `eval` and `restore` consult the Turkish dictionary as
//! `Restorer::embedded()` does; decision weights can be overridden by
//! environment variables (`W_LM`, `RARE`, `BEAM`, `LEX_MARGIN`, `KEEP_MARGIN`, …)
//! and training options by `LM_ORDER`, `LM_MIN`, `EPOCHS`, `RATE`, `CAP`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use suzgec_restore::Restorer;
use suzgec_restore::train::{self, TrainOptions};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("train") => {
            let out = PathBuf::from(&args[1]);
            let mut docs = Vec::new();
            for p in &args[2..] {
                docs.extend(train::read_corpus(Path::new(p))?);
            }
            let mut opts = TrainOptions::default();
            opts.settings.lm_order = env_or("LM_ORDER", opts.settings.lm_order);
            opts.lm_min_count = env_or("LM_MIN", opts.lm_min_count);
            opts.classifier_epochs = env_or("EPOCHS", opts.classifier_epochs);
            opts.classifier_rate = env_or("RATE", opts.classifier_rate);
            opts.classifier_cap = env_or("CAP", opts.classifier_cap);
            let t = Instant::now();
            let (model, report) = train::train(&docs, &opts);
            let bytes = model.encode();
            std::fs::write(&out, &bytes)?;
            eprintln!("{report:#?}\n{} bytes in {:?}", bytes.len(), t.elapsed());
        }
        Some("eval") => {
            let bytes = std::fs::read(&args[1])?;
            let t = Instant::now();
            let m = suzgec_restore::Model::decode(&bytes)?;
            eprintln!("decode {:?}", t.elapsed());
            let t2 = Instant::now();
            drop(Restorer::from_model(&m));
            eprintln!("build {:?}", t2.elapsed());
            let t = Instant::now();
            let mut r = Restorer::from_bytes(&bytes)?;
            eprintln!("load {:?}, heap {} MB", t.elapsed(), r.heap_bytes() >> 20);
            let mut s = r.settings().clone();
            s.lm_weight = env_or("W_LM", s.lm_weight);
            s.left_weight = env_or("W_LEFT", s.left_weight);
            s.right_weight = env_or("W_RIGHT", s.right_weight);
            s.context_prior = env_or("CTX_PRIOR", s.context_prior);
            s.form_prior = env_or("FORM_PRIOR", s.form_prior);
            s.rare_count = env_or("RARE", s.rare_count);
            s.beam = env_or("BEAM", s.beam);
            s.letter_weight = env_or("W_LETTER", s.letter_weight);
            s.unknown_lm_weight = env_or("W_ULM", s.unknown_lm_weight);
            s.unknown_letter_weight = env_or("W_ULETTER", s.unknown_letter_weight);
            s.lexicon_margin = env_or("LEX_MARGIN", s.lexicon_margin);
            s.name_keep_margin = env_or("KEEP_MARGIN", s.name_keep_margin);
            r.set_settings(s);
            if std::env::var("LEXICON").is_ok_and(|v| v == "1") {
                let t = Instant::now();
                suzgec_dict::Dictionary::turkish();
                eprintln!("dictionary load {:?}", t.elapsed());
                r = r.with_lexicon(suzgec_restore::TurkishDictionary);
            }
            let top: usize = env_or("TOP", 25);
            for p in &args[2..] {
                let lines: Vec<String> = std::fs::read_to_string(p)?
                    .lines()
                    .map(|l| {
                        let v: serde_json::Value = serde_json::from_str(l).expect("json");
                        v["text"].as_str().expect("text").to_owned()
                    })
                    .collect();
                let t = Instant::now();
                let ev = train::evaluate(&r, &lines);
                println!(
                    "{p}: {:.4} ({} / {} words wrong; unknown {} of which wrong {}) in {:?}",
                    ev.accuracy(),
                    ev.words - ev.correct,
                    ev.words,
                    ev.unknown,
                    ev.unknown_wrong,
                    t.elapsed()
                );
                let fmt = |v: &[(String, usize)]| {
                    v.iter()
                        .take(top)
                        .map(|(k, n)| format!("{k} {n}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                println!("  letters: {}", fmt(&ev.letter_errors));
                println!("  words: {}", fmt(&ev.word_errors));
            }
        }
        Some("restore") => {
            use std::io::BufRead;
            let mut r = Restorer::from_bytes(&std::fs::read(&args[1])?)?;
            if std::env::var("LEXICON").is_ok_and(|v| v == "1") {
                r = r.with_lexicon(suzgec_restore::TurkishDictionary);
            }
            let verbose = std::env::var("VERBOSE").is_ok();
            for line in std::io::stdin().lock().lines() {
                let line = line?;
                println!("{}", r.restore(&line));
                if verbose {
                    for w in r.restore_words(&line) {
                        println!("  {w:?}");
                    }
                }
            }
        }
        Some("memory") => {
            // Resident memory after loading the embedded restorer and its
            // dictionary and restoring one sentence (Linux only).
            let status = || std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let field = |s: &str, name: &str| {
                s.lines()
                    .find(|l| l.starts_with(name))
                    .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_owned())
                    .unwrap_or_default()
            };
            let t = Instant::now();
            let r = Restorer::embedded();
            let load = t.elapsed();
            let s = status();
            eprintln!(
                "model loaded in {load:?}: VmRSS {} kB, VmHWM {} kB",
                field(&s, "VmRSS:"),
                field(&s, "VmHWM:")
            );
            let t = Instant::now();
            println!("{}", r.restore("Dun Ozbegen ile gorustuk, cok guzeldi."));
            let s = status();
            eprintln!(
                "first restore (loads the dictionary) {:?}: VmRSS {} kB, VmHWM {} kB",
                t.elapsed(),
                field(&s, "VmRSS:"),
                field(&s, "VmHWM:")
            );
        }
        Some("dict") => {
            use std::io::BufRead;
            let d = suzgec_dict::Dictionary::turkish();
            for line in std::io::stdin().lock().lines() {
                let line = line?;
                println!("{} {}", u8::from(d.check(&line)), line);
            }
        }
        _ => eprintln!("usage: restore_eval train OUT CORPUS... | eval MODEL GOLD.jsonl..."),
    }
    Ok(())
}
