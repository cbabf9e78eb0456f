//! How long the encoder takes to score one comment, by length.

use criterion::{Criterion, criterion_group, criterion_main};
use suzgec_encoder::Encoder;

fn bench(c: &mut Criterion) {
    let encoder = Encoder::embedded().expect("the embedded model loads");
    let short = "Bu adam ne diyor ya, hiç utanmıyor mu";
    let tweet = "@USER Haberi okudum ama bu kadar sorumsuzca bir açıklama beklemiyordum, \
                 yazıklar olsun size, hepiniz aynısınız zaten";
    let long =
        "Belediyenin aldığı bu karar mahalle sakinlerini çok zor durumda bırakacak. ".repeat(4);
    let mut group = c.benchmark_group("encoder");
    for (name, text) in [("short", short), ("tweet", tweet), ("long", long.as_str())] {
        group.bench_function(name, |b| b.iter(|| encoder.probability(text)));
    }
    group.finish();
    c.bench_function("encoder/load", |b| {
        b.iter(|| Encoder::from_bytes(include_bytes!("../../../data/abuse/encoder.safetensors")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
