//! Scoring Süzgeç on the functional suite (`data/abuse/functional/`): each case's decision under the
//! abuse rules, per functionality and language. Shared by the suite's test and its example.

use std::collections::BTreeMap;

use serde::Deserialize;
use suzgec_core::{Decision, Moderator, Policy, RuleId, Verdict};

/// One case of the suite.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub id: String,
    pub language: String,
    pub functionality: String,
    pub text: String,
    /// `reject` or `approve`.
    pub decision: String,
    /// The rules the policy should give (for refused cases).
    pub expected: Vec<RuleId>,
}

/// How Süzgeç judged one case.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub case: Case,
    pub verdict: Verdict,
    /// The decision is right: refused (rejected or sent to review) when the case is refused,
    /// approved when it is approved.
    pub decision_right: bool,
    /// Every expected rule is among the verdict's reasons.
    pub rules_right: bool,
}

/// Parses a suite file.
pub fn cases(jsonl: &str) -> Vec<Case> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("line {}: {e}", i + 1)))
        .collect()
}

/// The built-in policy with only the four abuse rules on: the suite judges meaning, not spelling.
pub fn abuse_policy() -> Policy {
    Policy::default().abuse_only()
}

/// Judges every case.
pub fn judge(moderator: &Moderator, cases: &[Case]) -> Vec<Outcome> {
    cases
        .iter()
        .map(|case| {
            let verdict = moderator.check(&case.text, None).expect("a verdict");
            let refused = verdict.decision != Decision::Approve;
            let decision_right = refused == (case.decision == "reject");
            let rules_right = case
                .expected
                .iter()
                .all(|rule| verdict.reasons.iter().any(|r| r.rule == *rule));
            Outcome {
                case: case.clone(),
                verdict,
                decision_right,
                rules_right,
            }
        })
        .collect()
}

/// Per functionality: (right decisions, right rules, cases), in each language and both.
pub fn table(outcomes: &[Outcome]) -> BTreeMap<(String, String), (usize, usize, usize)> {
    let mut rows: BTreeMap<(String, String), (usize, usize, usize)> = BTreeMap::new();
    for o in outcomes {
        for language in [o.case.language.as_str(), "all"] {
            let row = rows
                .entry((o.case.functionality.clone(), language.to_owned()))
                .or_default();
            row.0 += usize::from(o.decision_right);
            row.1 += usize::from(o.decision_right && o.rules_right);
            row.2 += 1;
        }
    }
    rows
}

/// The table as text: functionality, language, decision accuracy, decision-and-rule accuracy.
pub fn render(rows: &BTreeMap<(String, String), (usize, usize, usize)>) -> String {
    let mut out = String::from("functionality                  lang  cases  decision  and rule\n");
    for ((functionality, language), (right, rules, n)) in rows {
        out.push_str(&format!(
            "{functionality:<30} {language:<4} {n:>6}  {:>7.1}%  {:>7.1}%\n",
            100.0 * *right as f64 / *n as f64,
            100.0 * *rules as f64 / *n as f64
        ));
    }
    out
}

/// The cases judged wrongly, one line each: `WRONG` for a wrong decision, `RULE` for a right
/// decision with an expected rule missing; id, functionality, text, what was wanted, what was given.
pub fn mistakes(outcomes: &[Outcome]) -> Vec<String> {
    outcomes
        .iter()
        .filter(|o| !o.decision_right || !o.rules_right)
        .map(|o| {
            let given: Vec<String> = o
                .verdict
                .reasons
                .iter()
                .map(|r| format!("{}:{:.2}", r.rule, r.confidence))
                .collect();
            let wanted: Vec<String> = o.case.expected.iter().map(ToString::to_string).collect();
            format!(
                "{}\t{}\t{}\t{:?}\twant {} {}\tgot {} {}",
                if o.decision_right { "RULE" } else { "WRONG" },
                o.case.id,
                o.case.functionality,
                o.case.text,
                o.case.decision,
                wanted.join(","),
                o.verdict.decision,
                given.join(",")
            )
        })
        .collect()
}
