//! Throughput of the embedded restorer on fixed ASCII-typed sentences: news,
//! comments and tweets, with known, ambiguous and unknown words.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use suzgec_restore::Restorer;

/// Fixed inputs: ASCII-fied sentences of several genres (written for this
/// benchmark, not taken from the evaluation sets).
const SENTENCES: &[&str] = &[
    "Bu haberi okuyunca cok uzuldum, Allah sabir versin.",
    "Disisleri Bakani bugun yaptigi aciklamada iki ulke arasindaki gorusmelerin surecegini soyledi.",
    "Urun elime ulastiginda kutusu acilmisti ve sarj aleti calismiyordu.",
    "Turkiye'nin ihracati gecen yil yuzde 12 artarak rekor kirdi.",
    "@kullanici Hocam gercekten cok guzel anlatmissiniz, tesekkur ederim.",
    "Istanbul'da sabah saatlerinde baslayan yagmur trafigi olumsuz etkiledi.",
    "Cocuklarin egitimi icin ogretmenlerin ozverili calismasi gerekiyor.",
    "Mac sonunda teknik direktor oyuncularini tebrik etti ve taraftarlara tesekkur etti.",
    "Simdi dusununce o gun soyledigin sozlerin ne kadar dogru oldugunu anliyorum.",
    "Kargo cok gec geldi, satici ile iletisime gecmeye calistim ama cevap alamadim.",
    "Universitelerde yeni donem kayitlari onumuzdeki hafta basliyor.",
    "Hukumetin aciklamasina gore asgari ucret gorusmeleri aralik ayinda yapilacak.",
    "Gozluklerimi nereye koydugumu hatirlamiyorum, bugun hic sansim yok.",
    "Sehir merkezindeki tarihi cesmenin restorasyonu tamamlandi.",
    "Boyle bir skandali ancak bizim ulkemizde gorebiliriz, yaziklar olsun!",
    "Doktorlar hastanin durumunun iyiye gittigini ve yakinda taburcu edilecegini belirtti.",
];

fn bench(c: &mut Criterion) {
    let restorer = Restorer::embedded();
    // Load the dictionary the embedded restorer consults before measuring.
    suzgec_dict::Dictionary::turkish();
    let mut group = c.benchmark_group("restore");
    group.throughput(Throughput::Elements(SENTENCES.len() as u64));
    group.bench_function("sentences", |b| {
        b.iter(|| {
            for s in SENTENCES {
                black_box(restorer.restore(black_box(s)));
            }
        })
    });
    // The same without the Turkish dictionary, to show what consulting it
    // for unknown words costs.
    let plain =
        Restorer::from_bytes(include_bytes!("../../../data/restore/model.bin")).expect("model");
    group.bench_function("sentences_without_dictionary", |b| {
        b.iter(|| {
            for s in SENTENCES {
                black_box(plain.restore(black_box(s)));
            }
        })
    });
    group.bench_function("sentences_words", |b| {
        b.iter(|| {
            for s in SENTENCES {
                black_box(restorer.restore_words(black_box(s)));
            }
        })
    });
    group.finish();
    c.bench_function("load_model", |b| {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/restore/model.bin"
        ))
        .expect("model file");
        b.iter(|| black_box(Restorer::from_bytes(black_box(&bytes)).expect("model")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
