//! The core check on fixed comments: the whole check, and the analysis with and without language
//! detection, so the detector's share of the cost shows.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use suzgec_core::text::Analysis;
use suzgec_core::{Language, Moderator, Policy};

const COMMENTS: [(&str, &str); 6] = [
    (
        "turkish",
        "Bu haberi okuyunca çok üzüldüm, yetkililer bir an önce açıklama yapmalı.",
    ),
    (
        "ascii_turkish",
        "Bu haberi okuyunca cok uzuldum, yetkililer bir an once aciklama yapmali.",
    ),
    (
        "english",
        "This is a well written article, but the headline is misleading.",
    ),
    (
        "shouting",
        "BU HABER TAMAMEN YALAN, ABD'NİN DEDİĞİ GİBİ DEĞİL! HERKES BİLİYOR.",
    ),
    ("short", "Aynen öyle 👍"),
    // No Turkish letter and no marker word: the language model decides.
    (
        "needs_model",
        "Tebrikler, harika yazi olmus kaleminize saglik",
    ),
];

fn bench_check(c: &mut Criterion) {
    let moderator = Moderator::new(Policy::default()).expect("default policy builds");
    moderator.warm_up();
    let mut group = c.benchmark_group("check");
    for (name, text) in COMMENTS {
        group.bench_function(name, |b| b.iter(|| moderator.check(black_box(text), None)));
    }
    group.finish();

    let mut group = c.benchmark_group("analysis_without_detection");
    for (name, text) in COMMENTS {
        group.bench_function(name, |b| {
            b.iter(|| Analysis::new(black_box(text), Some(Language::Tr)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
