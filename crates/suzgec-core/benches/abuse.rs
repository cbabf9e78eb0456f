//! The abuse rules' path (analysis without language detection, lexicons, classifier) on tweets:
//! the first 1,000 OffensEval-TR dev texts when `../shared/datasets` is there (the speed
//! target is 10,000 comments per second on one core), fixed comments otherwise.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use suzgec_core::{Language, Moderator, Policy};

const FIXED: [&str; 6] = [
    "Bu haberi okuyunca çok üzüldüm, yetkililer bir an önce açıklama yapmalı.",
    "@USER Siktir git buradan, kimse senin fikrini sormadı",
    "Bu haberi yazan gerizekalısın sen",
    "s1ktir lan a.q bu nasıl iş o r o s p u",
    "Cuma namazından sonra dua edildi.",
    "You are a stupid idiot and this article is garbage",
];

fn texts() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/datasets/offenseval2020-tr/dev.jsonl"
    );
    let from_file: Vec<String> = std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(str::to_owned))
        .take(1000)
        .collect();
    if from_file.is_empty() {
        FIXED.iter().map(|s| (*s).to_owned()).collect()
    } else {
        from_file
    }
}

fn bench_abuse(c: &mut Criterion) {
    let policy = Policy::from_toml(
        "name='abuse'\nversion='1'\n[rules.swearing]\naction='reject'\n[rules.insult]\n\
         action='reject'\n[rules.offensive]\naction='reject'\n[rules.belief_attack]\naction='reject'",
    )
    .expect("policy parses");
    let moderator = Moderator::new(policy).expect("builds");
    let texts = texts();
    let mut group = c.benchmark_group("abuse");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("offenseval_tr_dev", |b| {
        b.iter(|| {
            for text in &texts {
                let _ = black_box(moderator.check(black_box(text), Some(Language::Tr)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_abuse);
criterion_main!(benches);
