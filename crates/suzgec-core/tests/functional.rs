//! The test part of the functional suite (`data/abuse/functional/test.jsonl`): hate against groups
//! and beliefs, counter-speech, negation, identity mentions and the rest, each functionality held to
//! an accuracy floor. The floors are the measured accuracy less a margin: raise them as the rules
//! improve, never lower them to let a change through unless the floor says beside it what the change
//! bought in exchange. The tuning part (`tune.jsonl`) is for development: `cargo run --release -p
//! suzgec-core --example functional`.

mod support;

use support::functional::{abuse_policy, cases, judge, mistakes, render, table};
use suzgec_core::Moderator;

const TEST: &str = include_str!("../../../data/abuse/functional/test.jsonl");

/// Each functionality's floor: the share of its cases (both languages) whose decision must be right,
/// five points under what was measured (`cargo run --release -p suzgec-core --example functional --
/// data/abuse/functional/test.jsonl`), rounded down to a twentieth.
const FLOORS: [(&str, f64); 26] = [
    ("abuse_individual", 0.90),             // measured 98.4%
    ("abuse_nonprotected_criticism", 0.95), // measured 100.0%
    ("abuse_nonprotected_insult", 0.95),    // measured 100.0%
    // Measured 75.6%, 100% before: a quotation whose stance the rules cannot read goes to review
    // instead of passing, which took `quote_endorsed` from 46.3% to 100%.
    ("counter_quote", 0.70),
    ("counter_reference", 0.90),      // measured 94.3%
    ("criticism_institutions", 0.95), // measured 100.0%
    ("dehumanisation", 0.95),         // measured 100.0%
    ("derogation_explicit", 0.80),    // measured 89.5%
    ("derogation_implicit", 0.55),    // measured 60.9%
    ("faith_talk", 0.95),             // measured 100.0%
    ("generalisation", 0.80),         // measured 85.7%
    ("identity_neutral", 0.90),       // measured 94.1%
    ("identity_positive", 0.95),      // measured 100.0%
    ("negated_hate", 0.95),           // measured 98.1%
    ("negated_praise", 0.55),         // measured 60.9%
    ("news_reporting", 0.85),         // measured 91.3%
    ("phrased_opinion", 0.85),        // measured 93.5%
    ("phrased_question", 0.80),       // measured 83.6%
    ("profanity_hateful", 0.95),      // measured 100.0%
    ("profanity_nonhateful", 0.95),   // measured 100.0%
    ("pronoun_reference", 0.85),      // measured 86.0%
    ("quote_endorsed", 0.95),         // measured 100.0%
    ("slur", 0.85),                   // measured 92.5%
    ("spelling_variation", 0.95),     // measured 100.0%
    ("threat_direct", 0.75),          // measured 81.4%
    ("threat_normative", 0.85),       // measured 91.7%
];

#[test]
fn every_functionality_of_the_test_part_meets_its_floor() {
    let cases = cases(TEST);
    assert!(cases.len() >= 1_000, "{} cases", cases.len());
    let moderator = Moderator::new(abuse_policy()).expect("policy builds");
    let outcomes = judge(&moderator, &cases);
    let rows = table(&outcomes);
    eprintln!("{}", render(&rows));
    let mut below = Vec::new();
    for (functionality, floor) in FLOORS {
        let (right, _, n) = rows
            .get(&(functionality.to_owned(), "all".to_owned()))
            .copied()
            .unwrap_or_else(|| panic!("no cases of {functionality}"));
        let accuracy = right as f64 / n as f64;
        if accuracy < floor {
            below.push(format!("{functionality}: {accuracy:.3} < {floor}"));
        }
    }
    let functionalities = rows.keys().filter(|(_, l)| l == "all").count();
    assert_eq!(
        functionalities,
        FLOORS.len(),
        "a functionality has no floor"
    );
    if !below.is_empty() {
        for line in mistakes(&outcomes) {
            eprintln!("{line}");
        }
    }
    assert!(below.is_empty(), "below the floor: {below:#?}");
}
