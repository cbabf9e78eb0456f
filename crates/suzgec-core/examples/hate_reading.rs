//! What the hate reading makes of each line of standard input: the attacks it finds, the words it
//! sets aside as reported, condemned or negated, whether the line is counter-speech, and what the
//! encoder's heads read in it:
//! `echo "'Hepsi hain' diyenler utanmalı" | cargo run --release -p suzgec-core --example hate_reading`.

use std::io::BufRead;

use suzgec_core::rules::abuse::Evidence;
use suzgec_core::text::Analysis;

fn main() -> std::io::Result<()> {
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let analysis = Analysis::new(&line, None);
        let reading = &Evidence::of(&analysis).hate;
        println!("{line}");
        for attack in &reading.attacks {
            let words: Vec<String> = attack
                .chars
                .iter()
                .map(|r| analysis.span(r.clone(), None).text)
                .collect();
            println!(
                "  attack {:?} on {:?} ({:.2}): {words:?}",
                attack.kind, attack.target, attack.confidence
            );
        }
        for range in &reading.disowned {
            let words: Vec<&str> = analysis.skeleton.words[range.clone()]
                .iter()
                .map(|w| w.text.as_str())
                .collect();
            println!("  disowned: {words:?}");
        }
        println!("  counter-speech: {:?}", reading.counter_speech);
        match suzgec_encoder::Encoder::embedded().map(|e| e.scores(&line)) {
            Ok(Ok(scores)) => println!(
                "  encoder: abusive {:.3}, group hate {}",
                scores.abusive,
                scores
                    .group_hate
                    .map_or("(no head)".to_string(), |p| format!("{p:.3}"))
            ),
            Ok(Err(error)) => println!("  encoder: {error}"),
            Err(error) => println!("  encoder: not loaded ({error})"),
        }
    }
    Ok(())
}
