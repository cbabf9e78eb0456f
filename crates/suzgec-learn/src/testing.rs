//! Histories for tests (feature `testing`): the project's functional suite decided by a lenient
//! site, one that lets insults to people and to non-protected groups through when they carry no
//! swear word, and decides the rest as the policy says.

use serde_json::Value;
use suzgec_core::RuleId;

use crate::Decision;

const TUNE: &str = include_str!("../../../data/abuse/functional/tune.jsonl");
const TEST: &str = include_str!("../../../data/abuse/functional/test.jsonl");

/// One case of the functional suite.
#[derive(Debug, Clone)]
pub struct Case {
    /// The comment.
    pub text: String,
    /// Its functionality (`abuse_individual`, `slur`, …).
    pub functionality: String,
    /// Hate against a group or a belief.
    pub hateful: bool,
    /// Whether the policy refuses it.
    pub refused: bool,
    /// The rules that should fire.
    pub expected: Vec<RuleId>,
}

impl Case {
    /// Whether the lenient site refuses it.
    pub fn lenient_refuses(&self) -> bool {
        let insult = matches!(
            self.functionality.as_str(),
            "abuse_individual" | "abuse_nonprotected_insult"
        );
        self.refused && !(insult && self.expected == [RuleId::Insult])
    }

    /// The lenient site's decision on it.
    pub fn lenient_decision(&self) -> Decision {
        Decision {
            text: self.text.clone(),
            refused: self.lenient_refuses(),
            rules: None,
            decided_at: None,
        }
    }
}

/// The tuning part's cases, in an order that mixes functionalities and languages (the file is
/// sorted by id) as a site's decisions come.
pub fn tune() -> Vec<Case> {
    cases(TUNE)
}

/// The test part's cases, mixed the same way.
pub fn test() -> Vec<Case> {
    cases(TEST)
}

fn cases(jsonl: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = jsonl
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .map(|case| {
            let field = |name: &str| case[name].as_str().unwrap_or_default().to_owned();
            Case {
                text: field("text"),
                functionality: field("functionality"),
                hateful: field("label") == "hateful",
                refused: field("decision") == "reject",
                expected: case["expected"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|v| v.as_str()?.parse().ok()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    cases.sort_by_key(|c| {
        c.text.bytes().fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
    });
    cases
}
