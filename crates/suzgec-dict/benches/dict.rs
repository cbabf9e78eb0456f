//! Checks per second of the embedded dictionaries on fixed words (known,
//! inflected, ASCII-typed and misspelled), and the time to load them.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use suzgec_dict::Dictionary;

/// Fixed Turkish inputs the dictionary accepts: plain, inflected, proper
/// nouns (written for this benchmark).
const TURKISH_CORRECT: &[&str] = &[
    "çok",
    "güzel",
    "bir",
    "haber",
    "evlerimizden",
    "öğrencilerin",
    "açıklamada",
    "yaptığı",
    "teşekkür",
    "ederim",
    "İstanbul",
    "Ankara'da",
];
/// Fixed Turkish inputs it rejects: ASCII-typed, misspelled, colloquial,
/// names it lacks. Rejecting costs more: every affix has to be tried.
const TURKISH_WRONG: &[&str] = &[
    "cok",
    "guzel",
    "herkez",
    "yanlız",
    "birşey",
    "gidiyom",
    "hükümet",
    "Saracoğlu",
];
/// Fixed English inputs.
const ENGLISH: &[&str] = &[
    "the",
    "news",
    "comments",
    "written",
    "recieve",
    "teh",
    "London",
    "isn't",
    "moderation",
    "beautiful",
];

fn bench(c: &mut Criterion) {
    let tr = Dictionary::turkish();
    let en = Dictionary::english();
    let mut group = c.benchmark_group("check");
    for (name, words) in [
        ("turkish_correct", TURKISH_CORRECT),
        ("turkish_wrong", TURKISH_WRONG),
    ] {
        group.throughput(Throughput::Elements(words.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for w in words {
                    black_box(tr.check(black_box(w)));
                }
            })
        });
    }
    group.throughput(Throughput::Elements(ENGLISH.len() as u64));
    group.bench_function("english", |b| {
        b.iter(|| {
            for w in ENGLISH {
                black_box(en.check(black_box(w)));
            }
        })
    });
    group.finish();

    let aff = |name: &str| {
        std::fs::read_to_string(format!(
            "{}/../../data/hunspell/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("dictionary file")
    };
    let (tr_aff, tr_dic) = (aff("tr_TR.aff"), aff("tr_TR.dic"));
    let (en_aff, en_dic) = (aff("en_US.aff"), aff("en_US.dic"));
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("turkish", |b| {
        b.iter(|| black_box(Dictionary::from_hunspell(&tr_aff, &tr_dic).expect("tr_TR")))
    });
    group.bench_function("english", |b| {
        b.iter(|| black_box(Dictionary::from_hunspell(&en_aff, &en_dic).expect("en_US")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
