//! The abuse rules held against the test lists in `data/lexicons/`: clean sentences (many about
//! religion) get no abuse finding, abusive sentences get the rules they name.

use std::sync::OnceLock;

use suzgec_core::{Moderator, Policy, RuleId};

const CLEAN_SENTENCES: &str = include_str!("../../../data/lexicons/clean_sentences.txt");
const ABUSIVE_SENTENCES: &str = include_str!("../../../data/lexicons/abusive_sentences.txt");

fn moderator() -> &'static Moderator {
    static MODERATOR: OnceLock<Moderator> = OnceLock::new();
    MODERATOR.get_or_init(|| Moderator::new(Policy::default()).expect("default policy builds"))
}

/// The abuse rules among the verdict's reasons (review or reject).
fn fired(text: &str) -> Vec<RuleId> {
    moderator()
        .check(text, None)
        .expect("verdict")
        .abuse_rules()
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

#[test]
fn clean_sentences_are_never_refused_and_rarely_reviewed() {
    let mut reviewed = Vec::new();
    for sentence in lines(CLEAN_SENTENCES) {
        let verdict = moderator().check(sentence, None).expect("verdict");
        for reason in verdict.reasons.iter().filter(|r| r.rule.is_abuse()) {
            let settings = &moderator().policy().rules[&reason.rule];
            assert!(
                reason.confidence < settings.reject_at,
                "{sentence} refused by {}",
                reason.rule
            );
            reviewed.push(format!(
                "{sentence} -> {} {:.2}",
                reason.rule, reason.confidence
            ));
        }
    }
    // Measured with the committed models: one Turkish sentence goes to review through the
    // classifier (`Eski sikkeler…`: the character n-grams of `sik`); the encoder's second opinion
    // clears the three English ones the fast classifier alone sends there (`Religious schools…`,
    // `Shiitake mushrooms…`, `Atheists are citizens…`); see data/abuse/README.md. The lexicons
    // find nothing in any of them.
    assert!(reviewed.len() <= 2, "{reviewed:#?}");
}

#[test]
fn the_lexicons_find_no_abuse_in_clean_sentences() {
    use suzgec_core::lexicon::Lexicons;
    use suzgec_core::text::Analysis;
    let lexicons = Lexicons::builtin().expect("lexicons parse");
    for sentence in lines(CLEAN_SENTENCES) {
        let analysis = Analysis::new(sentence, None);
        let hits: Vec<String> = lexicons
            .turkish
            .find(&analysis)
            .into_iter()
            .chain(lexicons.english.find(&analysis))
            .map(|h| h.entry.term.clone())
            .collect();
        assert!(hits.is_empty(), "{sentence}: {hits:?}");
    }
}

/// `(text, rules, needs the classifier)` for each abusive sentence.
fn abusive_sentences() -> Vec<(&'static str, Vec<RuleId>, bool)> {
    let mut out = Vec::new();
    let mut classifier_section = false;
    for line in ABUSIVE_SENTENCES.lines() {
        if line.starts_with("# --- needs the classifiers") {
            classifier_section = true;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (text, rules) = line.split_once('\t').expect("text<TAB>rules");
        let rules = rules
            .split(',')
            .map(|r| r.trim().parse().expect("a rule id"))
            .collect();
        out.push((text, rules, classifier_section));
    }
    out
}

#[test]
fn abusive_sentences_with_listed_words_get_their_rules() {
    let mut missed = Vec::new();
    let sentences = abusive_sentences();
    for (text, want, _) in sentences.iter().filter(|s| !s.2) {
        let got = fired(text);
        if !want.iter().all(|r| got.contains(r)) {
            missed.push(format!("{text}: want {want:?}, got {got:?}"));
        }
    }
    assert_eq!(sentences.iter().filter(|s| !s.2).count(), 78);
    assert!(missed.is_empty(), "{missed:#?}");
}

#[test]
fn the_classifier_flags_most_abusive_sentences_without_a_listed_word() {
    let sentences = abusive_sentences();
    let hard: Vec<_> = sentences.iter().filter(|s| s.2).collect();
    let flagged = hard.iter().filter(|s| !fired(s.0).is_empty()).count();
    let with_rules = hard
        .iter()
        .filter(|s| {
            let got = fired(s.0);
            s.1.iter().all(|r| got.contains(r))
        })
        .count();
    eprintln!(
        "classifier section: {flagged}/{} flagged, {with_rules} with the expected rules",
        hard.len()
    );
    // Measured with the committed model; see data/abuse/README.md.
    assert_eq!(hard.len(), 10);
    assert!(flagged >= 4, "{flagged}");
}
