//! What the hate reading makes of each line of standard input: the attacks it finds, the words it
//! sets aside as reported, condemned or negated, and whether the line is counter-speech:
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
    }
    Ok(())
}
