//! Learning a site's line end to end on the project's functional suite: a lenient site that lets
//! insults to people and to non-protected groups through, but not hate, learns from the tuning
//! part and is measured on the test part (other templates); a site that decides as the shipped
//! policy does learns nothing worth putting in force; bad histories are refused.

use std::sync::Arc;

use suzgec_core::{Moderator, Policy, RuleId};
use suzgec_learn::testing::{self, Case};
use suzgec_learn::{Decision, Error, LearnOptions, learn};

/// The abuse rules without the encoder: the site model is learnt the same way over either, and
/// the fast path keeps the test short.
fn moderator() -> Moderator {
    let mut policy = Policy::default().abuse_only();
    policy.classifier.encoder = false;
    Moderator::new(policy).expect("the policy builds")
}

fn refused_share<'a>(moderator: &Moderator, texts: impl Iterator<Item = &'a str>) -> f32 {
    let (mut refused, mut all) = (0, 0);
    for text in texts {
        let verdict = moderator.check(text, None).expect("suite texts are valid");
        all += 1;
        refused += usize::from(!verdict.abuse_rules().is_empty());
    }
    refused as f32 / all.max(1) as f32
}

#[test]
fn a_lenient_site_learns_to_let_insults_through_but_not_hate() {
    let shipped = moderator();
    let history: Vec<Decision> = testing::tune().iter().map(Case::lenient_decision).collect();
    let learnt = learn(shipped.policy(), &history, &LearnOptions::default()).expect("learns");
    let report = &learnt.report;
    assert!(report.better(), "{report:?}");
    assert!(report.rules.contains(&RuleId::Insult), "{report:?}");
    assert!(
        report.site.macro_f1 > report.shipped.macro_f1 + 0.05,
        "{report:?}"
    );

    let model = Arc::new(learnt.model);
    let site = Moderator::new(shipped.policy().clone())
        .expect("builds")
        .with_site_model(Some(Arc::clone(&model)));
    let test = testing::test();
    let insults = || {
        test.iter()
            .filter(|c| c.lenient_refuses() != c.refused)
            .map(|c| c.text.as_str())
    };
    let hate = || test.iter().filter(|c| c.hateful).map(|c| c.text.as_str());
    let (insults_before, insults_after) = (
        refused_share(&shipped, insults()),
        refused_share(&site, insults()),
    );
    let (hate_before, hate_after) = (
        refused_share(&shipped, hate()),
        refused_share(&site, hate()),
    );
    assert!(insults().count() >= 50);
    assert!(
        insults_before > 0.8 && insults_after < 0.5,
        "insults refused: shipped {insults_before}, site {insults_after}"
    );
    assert!(
        hate_after >= hate_before - 0.1,
        "hate refused: shipped {hate_before}, site {hate_after}"
    );
    let verdict = site
        .check(insults().next().expect("an insult"), None)
        .expect("verdict");
    assert!(verdict.policy.site_model.is_some());

    // What learning measures from a comment's inputs is what checking it decides.
    for case in test.iter().step_by(5) {
        let (_, inputs) = shipped.site_inputs(&case.text, None).expect("valid");
        let verdict = site.check(&case.text, None).expect("valid");
        let checked = !verdict.abuse_rules().is_empty();
        assert_eq!(
            model.refuses(&inputs, shipped.policy()),
            checked,
            "{}",
            case.text
        );
    }
}

#[test]
fn a_site_that_decides_as_shipped_learns_nothing_to_put_in_force() {
    let shipped = moderator();
    let history: Vec<Decision> = testing::tune()
        .iter()
        .step_by(3)
        .map(|case| {
            let verdict = shipped.check(&case.text, None).expect("valid");
            Decision {
                text: case.text.clone(),
                refused: !verdict.reasons.is_empty(),
                rules: None,
                decided_at: None,
            }
        })
        .collect();
    let learnt = learn(shipped.policy(), &history, &LearnOptions::default()).expect("learns");
    assert_eq!(learnt.report.shipped.macro_f1, 1.0, "{:?}", learnt.report);
    assert!(!learnt.report.better());
}

#[test]
fn empty_one_sided_and_tiny_histories_are_refused_with_a_reason() {
    let moderator = moderator();
    let decision = |text: &str, refused| Decision {
        text: text.into(),
        refused,
        rules: None,
        decided_at: None,
    };
    let options = LearnOptions::default();
    assert!(matches!(
        learn(moderator.policy(), &[], &options),
        Err(Error::Empty)
    ));
    let approvals = vec![decision("Güzel haber", false); 100];
    let error = learn(moderator.policy(), &approvals, &options)
        .err()
        .expect("refused");
    assert!(matches!(error, Error::OneSided(_)));
    assert!(error.to_string().contains("both approvals and refusals"));
    let few = [
        decision("Güzel haber", false),
        decision("Sen bir salaksın", true),
    ];
    assert!(matches!(
        learn(moderator.policy(), &few, &options),
        Err(Error::TooFew(2))
    ));
    // Refusals for how a comment is written are not the site model's to learn.
    let mut capitals = vec![decision("Güzel haber", false); 60];
    capitals.extend((0..60).map(|i| Decision {
        rules: Some(vec![RuleId::AllCaps]),
        ..decision(&format!("BU HABER {i} GÜZEL"), true)
    }));
    assert!(matches!(
        learn(moderator.policy(), &capitals, &options),
        Err(Error::OneSided(_))
    ));
}

#[test]
fn decisions_are_held_out_newest_first() {
    let moderator = moderator();
    let tune = testing::tune();
    // In time order: 320 decisions of both kinds, then 80 refusals. The file lists them newest
    // first, so holding out its last lines would hold out old decisions of both kinds.
    let older = tune.iter().step_by(2).take(320);
    let newest = tune
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|c| c.refused)
        .take(80);
    let mut history: Vec<Decision> = older
        .chain(newest)
        .enumerate()
        .map(|(i, c)| Decision {
            text: c.text.clone(),
            refused: c.refused,
            rules: None,
            decided_at: chrono::DateTime::from_timestamp(1_700_000_000 + i as i64 * 60, 0),
        })
        .collect();
    history.reverse();
    let learnt = learn(moderator.policy(), &history, &LearnOptions::default()).expect("learns");
    assert_eq!(learnt.report.held_out, 80);
    let [approved, refused] = learnt.report.shipped.confusion;
    assert_eq!(approved[0] + approved[1], 0, "{:?}", learnt.report);
    assert_eq!(refused[0] + refused[1], 80);
}
