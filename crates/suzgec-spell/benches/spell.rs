//! The speller on fixed comments (written for this benchmark): checking every word of a 40-word
//! comment, and the suggestions for every error of a comment typed carelessly.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use suzgec_spell::{Check, Speller};

/// A correct 40-word news comment.
const CORRECT_40: &str = "Bu haberi okuyunca çok üzüldüm, yetkililer açıklama yapmalı. Hükümet \
    konuyu ciddiye almalı ve vatandaşların sorularına cevap vermeli. İstanbul'da yaşayan herkes bu \
    sorunu biliyor, ama kimse bir şey yapmıyor. Umarım toplantıda bu tartışılır ve kalıcı bir çözüm \
    bulunur. Herkese iyi akşamlar.";

/// A carelessly typed comment: eight errors of different kinds among 20 words.
const CARELESS: &str = "herkez bilio bunu zaten yanlız sen bilmiyon ama bence bu işin sonu \
    iyi olmıcak gidiyom ben artık düşündüğnü söyle Türkiyenin hali";

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || ",.".contains(c))
        .filter(|w| !w.is_empty())
        .collect()
}

fn bench_spell(c: &mut Criterion) {
    let tr = Speller::turkish();
    tr.warm_up();
    let correct = words(CORRECT_40);
    assert_eq!(correct.len(), 40);
    let careless = words(CARELESS);
    let wrong: Vec<&str> = careless
        .iter()
        .copied()
        .filter(|w| matches!(tr.check(w), Check::Wrong { .. }))
        .collect();
    assert!(wrong.len() >= 6, "{wrong:?}");

    let mut group = c.benchmark_group("spell");
    group.bench_function("check_40_correct_words", |b| {
        b.iter(|| {
            for w in &correct {
                black_box(tr.check(black_box(w)));
            }
        })
    });
    group.bench_function("check_careless_comment", |b| {
        b.iter(|| {
            for w in &careless {
                black_box(tr.check(black_box(w)));
            }
        })
    });
    group.bench_function("suggest_careless_comment", |b| {
        b.iter(|| {
            for w in &wrong {
                black_box(tr.suggest(black_box(w), 3));
            }
        })
    });
    group.bench_function("suggest_one_typo", |b| {
        b.iter(|| tr.suggest(black_box("düşündüğnü"), 3))
    });
    group.finish();
}

criterion_group!(benches, bench_spell);
criterion_main!(benches);
