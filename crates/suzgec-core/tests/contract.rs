//! The verdict contract held against hostile and arbitrary input: every verdict validates against
//! `schema/verdict.schema.json`, no input panics, and every span lies within the submitted text and
//! names the text it covers.

use std::sync::OnceLock;

use proptest::prelude::*;
use suzgec_core::{Error, Moderator, Policy, Verdict};

const SCHEMA: &str = include_str!("../../../schema/verdict.schema.json");
const BLNS: &str = include_str!("../../../data/testdata/blns/blns.json");

fn moderator() -> &'static Moderator {
    static MODERATOR: OnceLock<Moderator> = OnceLock::new();
    MODERATOR.get_or_init(|| Moderator::new(Policy::default()).expect("default policy builds"))
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: serde_json::Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
        jsonschema::validator_for(&schema).expect("schema is a valid JSON Schema")
    })
}

/// Asserts everything the contract promises about a verdict for `text`.
fn assert_contract(text: &str, verdict: &Verdict) {
    let json = serde_json::to_value(verdict).expect("verdict serialises");
    let errors: Vec<String> = validator()
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "verdict for {text:?} breaks the schema: {errors:?}\n{json:#}"
    );
    let chars: Vec<char> = text.chars().collect();
    for reason in &verdict.reasons {
        for span in &reason.spans {
            assert!(
                span.start <= span.end && span.end <= chars.len(),
                "span {span:?} out of bounds in {text:?}"
            );
            let named: String = chars[span.start..span.end].iter().collect();
            assert_eq!(
                named, span.text,
                "span text differs from the submitted text in {text:?}"
            );
        }
    }
}

fn check(text: &str) -> Result<Verdict, Error> {
    check_with(moderator(), text)
}

fn check_with(moderator: &Moderator, text: &str) -> Result<Verdict, Error> {
    let result = moderator.check(text, None);
    if let Ok(verdict) = &result {
        assert_contract(text, verdict);
    }
    result
}

/// The built-in policy for the fuzzer: without the abuse encoder, which costs tens of
/// milliseconds a comment, unless `SUZGEC_FUZZ_ENCODER=1`.
fn fuzz_moderator() -> &'static Moderator {
    static MODERATOR: OnceLock<Moderator> = OnceLock::new();
    MODERATOR.get_or_init(|| {
        let mut policy = Policy::default();
        policy.classifier.encoder = std::env::var("SUZGEC_FUZZ_ENCODER").is_ok_and(|v| v == "1");
        Moderator::new(policy).expect("default policy builds")
    })
}

#[test]
fn every_naughty_string_gets_a_valid_verdict_or_a_clear_error() {
    let strings: Vec<String> = serde_json::from_str(BLNS).expect("blns.json is a list of strings");
    assert!(strings.len() > 400);
    for s in &strings {
        match check(s) {
            Ok(_) => {}
            Err(Error::EmptyText) => assert!(
                s.trim().is_empty() || !s.chars().any(char::is_alphanumeric),
                "{s:?}"
            ),
            Err(e) => panic!("unexpected error for {s:?}: {e}"),
        }
    }
}

#[test]
fn naughty_strings_inside_a_comment_that_needs_fixes_keep_the_contract() {
    // Every third string, inside words that the spelling and Turkish-letter rules fix: their
    // spans and replacements must still point into the text as submitted.
    let strings: Vec<String> = serde_json::from_str(BLNS).expect("blns.json is a list of strings");
    for s in strings.iter().step_by(3) {
        let text = format!("avmdeki Tayyar a {s} gs nin kadir abi senı bayaaaa cok guzel");
        assert!(check(&text).is_ok(), "{text:?}");
    }
}

#[test]
fn shouting_verdicts_validate_against_the_schema() {
    let verdict = check("BU HABER 👍🏽 TAMAMEN YALAN, ABD'NİN DEDİĞİ GİBİ DEĞİL").expect("verdict");
    assert!(!verdict.reasons.is_empty());
    assert!(verdict.suggested_text.is_some());
}

#[test]
fn spans_count_code_points_past_emoji_and_combining_marks() {
    // "👨‍👩‍👧" is five code points, "gu\u{308}zel" six.
    let text = "👨‍👩‍👧 BU HABER GU\u{308}ZEL DEĞİL";
    let verdict = check(text).expect("verdict");
    let spans = &verdict.reasons[0].spans;
    assert_eq!(spans[0].text, "BU");
    assert_eq!((spans[0].start, spans[0].end), (6, 8));
    assert_eq!(spans[2].text, "GU\u{308}ZEL");
    // Replacements are in NFC: the decomposed "u\u{308}" comes back composed.
    assert_eq!(
        verdict.suggested_text.as_deref(),
        Some("👨‍👩‍👧 Bu haber güzel değil")
    );
}

#[test]
fn one_megabyte_of_text_is_a_clear_error() {
    let text = "çok güzel bir haber ".repeat(52_429);
    assert!(text.len() >= 1_000_000);
    assert!(matches!(check(&text), Err(Error::TextTooLong { .. })));
}

#[test]
fn control_characters_rtl_marks_and_html_get_verdicts() {
    for text in [
        "merhaba\u{0}dünya\u{7}",
        "\u{202E}ŞEY BU\u{202C} NORMAL",
        "مرحبا بالعالم",
        "<script>alert('XSS')</script>",
        "'; DROP TABLE comments; --",
        "e\u{301}\u{301}\u{301}\u{301} Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
        "🏳️‍🌈 👩🏾‍🚀 🇹🇷",
    ] {
        check(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics_and_spans_stay_on_their_text(text in "\\PC{0,200}") {
        let _ = check(&text);
    }

    #[test]
    fn arbitrary_mixed_case_turkish_never_panics(text in "[A-ZÇĞİIÖŞÜa-zçğıiöşü'’ .!?0-9@#*$]{0,120}") {
        let _ = check(&text);
    }
}

/// Texts the fuzzer starts from: the naughty strings, the functional suite's comments (Turkish and
/// English, hateful and not) and the lexicons' test sentences.
fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds: Vec<String> = serde_json::from_str(BLNS).expect("blns.json is a list");
        for suite in [
            include_str!("../../../data/abuse/functional/tune.jsonl"),
            include_str!("../../../data/abuse/functional/test.jsonl"),
        ] {
            seeds.extend(suite.lines().filter_map(|line| {
                let case: serde_json::Value = serde_json::from_str(line).ok()?;
                Some(case["text"].as_str()?.to_owned())
            }));
        }
        for sentences in [
            include_str!("../../../data/lexicons/abusive_sentences.txt"),
            include_str!("../../../data/lexicons/clean_sentences.txt"),
        ] {
            seeds.extend(
                sentences
                    .lines()
                    .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                    .map(str::to_owned),
            );
        }
        seeds
    })
}

/// One change to a comment, as typing, pasting and mangling make them.
#[derive(Debug, Clone)]
enum Mutation {
    /// Insert a character at a position (a fraction of the length).
    Insert(f64, char),
    /// Remove up to `n` characters from a position.
    Remove(f64, usize),
    /// Put another seed's text at a position.
    Splice(f64, usize),
    /// Upper-case (Turkish rules) or lower-case the text from a position.
    Case(f64, bool),
    /// Repeat the text, up to four times.
    Repeat(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..=1.0f64;
    prop_oneof![
        (at.clone(), any::<char>()).prop_map(|(a, c)| Mutation::Insert(a, c)),
        (
            at.clone(),
            prop::sample::select(vec![
                'ı', 'İ', 'ş', 'Ş', '\u{307}', '\u{200D}', '\u{202E}', '\'', '’', '*', '@', '0',
                '4', '\n', '\u{0}'
            ])
        )
            .prop_map(|(a, c)| Mutation::Insert(a, c)),
        (at.clone(), 1..20usize).prop_map(|(a, n)| Mutation::Remove(a, n)),
        (at.clone(), any::<usize>()).prop_map(|(a, s)| Mutation::Splice(a, s)),
        (at, any::<bool>()).prop_map(|(a, upper)| Mutation::Case(a, upper)),
        (2..=4usize).prop_map(Mutation::Repeat),
    ]
}

/// A seed changed by each mutation in turn.
fn mutated(seed: usize, mutations: &[Mutation]) -> String {
    let seeds = seeds();
    let mut chars: Vec<char> = seeds[seed % seeds.len()].chars().collect();
    let place = |chars: &Vec<char>, at: f64| ((chars.len() as f64) * at) as usize;
    for mutation in mutations {
        match *mutation {
            Mutation::Insert(at, c) => {
                let i = place(&chars, at);
                chars.insert(i, c);
            }
            Mutation::Remove(at, n) => {
                let i = place(&chars, at).min(chars.len());
                let end = (i + n).min(chars.len());
                chars.drain(i..end);
            }
            Mutation::Splice(at, other) => {
                let i = place(&chars, at);
                let pasted: Vec<char> = seeds[other % seeds.len()].chars().collect();
                chars.splice(i..i, pasted);
            }
            Mutation::Case(at, upper) => {
                let i = place(&chars, at);
                let tail: String = chars[i..].iter().collect();
                let changed = if upper {
                    tail.replace('i', "İ").to_uppercase()
                } else {
                    tail.replace('I', "ı").to_lowercase()
                };
                chars.truncate(i);
                chars.extend(changed.chars());
            }
            Mutation::Repeat(times) => {
                let once = chars.clone();
                for _ in 1..times {
                    chars.extend_from_slice(&once);
                }
            }
        }
    }
    chars.into_iter().collect()
}

/// Cases of the mutation fuzzer: `SUZGEC_FUZZ_CASES` (`scripts/fuzz.sh N`), a short slice by
/// default.
fn fuzz_cases() -> u32 {
    std::env::var("SUZGEC_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: fuzz_cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_comments_never_panic_and_keep_the_contract(
        seed in any::<usize>(),
        mutations in prop::collection::vec(mutation(), 0..8),
    ) {
        let text = mutated(seed, &mutations);
        match check_with(fuzz_moderator(), &text) {
            Ok(verdict) => {
                // A fix is a whole comment that can be checked again.
                if let Some(fixed) = &verdict.suggested_text {
                    let _ = check_with(fuzz_moderator(), fixed);
                }
            }
            Err(Error::EmptyText | Error::TextTooLong { .. }) => {}
            Err(other) => panic!("unexpected error for {text:?}: {other}"),
        }
    }
}
