//! The core check on fixed comments: the whole check, and the analysis with and without language
//! detection, so the detector's share of the cost shows.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use suzgec_core::text::Analysis;
use suzgec_core::{Language, Moderator, Policy};

const COMMENTS: [(&str, &str); 8] = [
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
    // Hate against a group without a swear word, and a reader quoting it to condemn it: the hate
    // reading's work.
    (
        "group_hate",
        "Bence bu göçmenlerin hepsi asalak, hepsi ülkeden sürülmeli.",
    ),
    (
        "counter_speech",
        "'Suriyeliler asalak' diyenler utanmalı, bu düpedüz ırkçılık.",
    ),
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

    // The same with the policy's `encoder = false`: the fast path alone, for the comments whose
    // fast classifier score falls in the encoder's band.
    let mut fast = Policy::default();
    fast.classifier.encoder = false;
    let moderator = Moderator::new(fast).expect("the policy builds");
    moderator.warm_up();
    let mut group = c.benchmark_group("check_without_encoder");
    for (name, text) in COMMENTS {
        group.bench_function(name, |b| b.iter(|| moderator.check(black_box(text), None)));
    }
    group.finish();

    // The hate reading alone (hate lexicon and `hate::read`), on the same comments: its share of
    // `check_without_encoder` is what judging meaning costs.
    let lexicons = suzgec_core::lexicon::Lexicons::builtin().expect("lexicons parse");
    let mut group = c.benchmark_group("hate_reading");
    for (name, text) in COMMENTS {
        let analysis = Analysis::new(text, None);
        let beliefs = lexicons.beliefs.find(&analysis);
        let mut abuse = lexicons.turkish.find(&analysis);
        abuse.extend(lexicons.english.find(&analysis));
        group.bench_function(name, |b| {
            b.iter(|| {
                suzgec_core::rules::abuse::read_hate(
                    black_box(&analysis),
                    lexicons,
                    &beliefs,
                    &abuse,
                )
            })
        });
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

/// The `spelling` rule's errors (word checks, orthography, suggestions) on a correct 40-word comment
/// and on a careless one.
fn bench_spelling(c: &mut Criterion) {
    let spelling = suzgec_core::rules::Spelling::from_policy(&Policy::default()).expect("builds");
    suzgec_core::rules::Spelling::warm_up();
    let correct = Analysis::new(
        "Bu haberi okuyunca çok üzüldüm, yetkililer açıklama yapmalı gerekiyor. \
         Hükümet konuyu ciddiye almalı ve vatandaşların sorularına cevap vermeli. İstanbul'da \
         yaşayan herkes bu sorunu biliyor, ama kimse bir şey yapmıyor. Umarım \
         toplantıda bu tartışılır ve kalıcı bir çözüm bulunur. Herkese iyi akşamlar.",
        Some(Language::Tr),
    );
    let careless = Analysis::new(
        "herkez bilio bunu zaten yanlız sen bilmiyon ama bence bu işin sonu iyi olmıcak gidiyom \
         ben artık düşündüğnü söyle Türkiyenin hali, geliyormusun bende geleceğim",
        Some(Language::Tr),
    );
    let mut group = c.benchmark_group("spelling");
    group.bench_function("correct_40_words", |b| {
        b.iter(|| spelling.errors(black_box(&correct), 1))
    });
    group.bench_function("careless_with_suggestions", |b| {
        b.iter(|| spelling.errors(black_box(&careless), 3))
    });
    group.finish();
}

criterion_group!(benches, bench_check, bench_spelling);
criterion_main!(benches);
