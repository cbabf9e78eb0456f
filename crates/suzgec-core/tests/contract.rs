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
    let result = moderator().check(text, None);
    if let Ok(verdict) = &result {
        assert_contract(text, verdict);
    }
    result
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
