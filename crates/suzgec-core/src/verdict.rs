//! The verdict contract: what every interface (CLI, HTTP API, storage) returns and stores.
//!
//! The JSON shape is fixed by `schema/verdict.schema.json` at the repository root and versioned by
//! [`VERDICT_VERSION`]. Offsets in [`Span`] are Unicode scalar (code point) offsets into the text as
//! it was submitted, before any normalisation, so `text.chars().skip(start).take(end - start)` is the
//! span's text in every language binding.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Version of the verdict JSON shape; bumped on any incompatible change.
pub const VERDICT_VERSION: u32 = 1;

/// The outcome for one comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Publish the comment.
    Approve,
    /// A human moderator decides.
    Review,
    /// Refuse the comment; the reasons say why.
    Reject,
}

impl Decision {
    /// The stable lower-case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Review => "review",
            Decision::Reject => "reject",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The language a comment is written in, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Turkish, with or without its letters.
    Tr,
    /// English.
    En,
    /// Azerbaijani: recognised so that it is not judged as misspelled Turkish.
    Az,
    /// Anything else, or too little text to tell.
    Other,
}

impl Language {
    /// The ISO 639-1 code (or `other`).
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Tr => "tr",
            Language::En => "en",
            Language::Az => "az",
            Language::Other => "other",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Language {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "tr" => Ok(Language::Tr),
            "en" => Ok(Language::En),
            "az" => Ok(Language::Az),
            "other" => Ok(Language::Other),
            _ => Err(crate::Error::UnknownLanguage(s.to_owned())),
        }
    }
}

/// Stable identifiers of the policy's seven rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    /// Profanity (küfür), including obfuscated forms.
    Swearing,
    /// Name-calling aimed at a person or group (hakaret).
    Insult,
    /// Demeaning, threatening or hateful content; innuendo (rencide edici cümleler veya imalar).
    Offensive,
    /// Hostility aimed at a religion, its figures, books, places or believers (inançlara saldırı).
    BeliefAttack,
    /// Misspellings and Turkish orthography rules (imla kuralları).
    Spelling,
    /// Turkish typed without Turkish letters (Türkçe karakter kullanılmayan).
    NoTurkishChars,
    /// Written in capital letters (büyük harflerle).
    AllCaps,
}

impl RuleId {
    /// Every rule, in the order the policy text names them.
    pub const ALL: [RuleId; 7] = [
        RuleId::Swearing,
        RuleId::Insult,
        RuleId::Offensive,
        RuleId::BeliefAttack,
        RuleId::Spelling,
        RuleId::NoTurkishChars,
        RuleId::AllCaps,
    ];

    /// The rules about how a comment is written rather than what it says.
    pub const FORM: [RuleId; 3] = [RuleId::Spelling, RuleId::NoTurkishChars, RuleId::AllCaps];

    /// The rules about what a comment says: swearing, insults, offensive content, attacks on
    /// beliefs.
    pub const ABUSE: [RuleId; 4] = [
        RuleId::Swearing,
        RuleId::Insult,
        RuleId::Offensive,
        RuleId::BeliefAttack,
    ];

    /// Whether this is one of the [`RuleId::ABUSE`] rules.
    pub fn is_abuse(self) -> bool {
        RuleId::ABUSE.contains(&self)
    }

    /// The stable snake_case id.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::Swearing => "swearing",
            RuleId::Insult => "insult",
            RuleId::Offensive => "offensive",
            RuleId::BeliefAttack => "belief_attack",
            RuleId::Spelling => "spelling",
            RuleId::NoTurkishChars => "no_turkish_chars",
            RuleId::AllCaps => "all_caps",
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RuleId {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::ALL
            .into_iter()
            .find(|rule| rule.as_str() == s)
            .ok_or_else(|| crate::Error::UnknownRule(s.to_owned()))
    }
}

/// A piece of the submitted text that a reason points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First code point of the span (Unicode scalar offset into the submitted text).
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The submitted text between `start` and `end`.
    pub text: String,
    /// What the author could write here instead, when the rule knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

/// A message shown to the commenter, in both languages of the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Turkish text.
    pub tr: String,
    /// English text.
    pub en: String,
}

/// What a finding is about beyond its rule, so that integrations can map reasons onto other
/// taxonomies (Perspective's attributes, OpenAI's moderation categories).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    /// A threat or a call to violence or expulsion.
    Threat,
    /// Aimed at a protected group or a belief rather than at one person.
    Group,
}

/// Why a comment was not simply approved: one rule's finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The rule that fired.
    pub rule: RuleId,
    /// How sure the rule is, 0 to 1.
    pub confidence: f32,
    /// Where in the text.
    pub spans: Vec<Span>,
    /// What to tell the author, in Turkish and English.
    pub message: Message,
    /// The whole comment with only this reason's fixes applied, for fixable rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// What the finding is about beyond its rule, when the rule can tell.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aspects: Vec<Aspect>,
}

/// Which policy produced a verdict, so stored verdicts can be traced to their configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyRef {
    /// The policy's name (`default` for the built-in one).
    pub name: String,
    /// The policy's version string.
    pub version: String,
    /// The version of the site model that adjusted the abuse rules (`suzgec learn`), when one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_model: Option<String>,
}

/// The result of checking one comment against the policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Version of this JSON shape ([`VERDICT_VERSION`]).
    pub version: u32,
    /// What happens to the comment.
    pub decision: Decision,
    /// The language the comment was judged in.
    pub language: Language,
    /// Every rule that contributed to the decision, in the policy's rule order.
    pub reasons: Vec<Reason>,
    /// The comment with every fixable reason's fix applied, when there is at least one.
    pub suggested_text: Option<String>,
    /// Scores of the rules that compute one whether or not they fire, 0 to 1.
    pub scores: BTreeMap<RuleId, f32>,
    /// The policy that decided.
    pub policy: PolicyRef,
}

impl Verdict {
    /// The abuse rules among the reasons (review or reject), in the policy's rule order.
    pub fn abuse_rules(&self) -> Vec<RuleId> {
        self.reasons
            .iter()
            .map(|r| r.rule)
            .filter(|r| r.is_abuse())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_round_trip_through_their_names() {
        for rule in RuleId::ALL {
            assert_eq!(rule.as_str().parse::<RuleId>().ok(), Some(rule));
            let json = serde_json::to_string(&rule).expect("rule id serialises");
            assert_eq!(json, format!("\"{}\"", rule.as_str()));
        }
        assert!("shouting".parse::<RuleId>().is_err());
    }

    #[test]
    fn decisions_order_from_mild_to_severe() {
        assert!(Decision::Approve < Decision::Review);
        assert!(Decision::Review < Decision::Reject);
    }
}
