//! Süzgeç's moderation core: checks a comment against a news site's comment policy and returns a
//! [`Verdict`] that says what to do with it, why, where, and how the author can fix it.
//!
//! Data flows one way: the text is analysed once ([`text::Analysis`]: normalisation, tokens,
//! language, skeleton), each [`rules::Rule`] reads the analysis and reports a finding, and the
//! [`Policy`] turns findings into a decision. This crate does no I/O: policies arrive as TOML text,
//! word lists and models are embedded.
//!
//! ```
//! use suzgec_core::{Decision, Moderator, Policy};
//!
//! let moderator = Moderator::new(Policy::default()).unwrap();
//! let verdict = moderator.check("İSTANBUL'DA HAVA ÇOK GÜZEL", None).unwrap();
//! assert_eq!(verdict.decision, Decision::Reject);
//! assert_eq!(verdict.suggested_text.as_deref(), Some("İstanbul'da hava çok güzel"));
//! ```

mod error;
pub mod fix;
pub mod lexicon;
pub mod policy;
pub mod rules;
pub mod site;
pub mod text;
pub mod verdict;

use std::collections::BTreeMap;
use std::sync::{Arc, PoisonError, RwLock};

pub use error::Error;
pub use policy::Policy;
pub use verdict::{
    Aspect, Decision, Language, Message, Reason, RuleId, Span, VERDICT_VERSION, Verdict,
};

use rules::{Outcome, Rule};
use site::{SiteInputs, SiteModel};
use text::Analysis;

/// A policy with its rules built, ready to check comments; cheap to share between threads.
pub struct Moderator {
    policy: Policy,
    rules: Vec<Box<dyn Rule>>,
    /// Swapped while comments are checked when a server picks up a newly learnt model.
    site: RwLock<Option<Arc<SiteModel>>>,
}

impl Moderator {
    /// Builds the rules the policy turns on.
    pub fn new(policy: Policy) -> Result<Self, Error> {
        let rules = rules::build(&policy)?;
        Ok(Moderator {
            policy,
            rules,
            site: RwLock::new(None),
        })
    }

    /// The same policy with a site's own line for the abuse rules (`suzgec learn`), or without
    /// one.
    pub fn with_site_model(self, site: Option<Arc<SiteModel>>) -> Self {
        self.set_site_model(site);
        self
    }

    /// Puts a site model in force (or none), for the comments checked from now on.
    pub fn set_site_model(&self, site: Option<Arc<SiteModel>>) {
        *self.site.write().unwrap_or_else(PoisonError::into_inner) = site;
    }

    /// The site model in force, if any.
    pub fn site_model(&self) -> Option<Arc<SiteModel>> {
        self.site
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The policy in force.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Loads models and tables now, so that the first comment is not slower than the rest.
    pub fn warm_up(&self) {
        text::lang::warm_up();
        if self.rules.iter().any(|r| r.id() == RuleId::Spelling) {
            rules::Spelling::warm_up();
        }
    }

    /// Checks one comment. `language` replaces language detection when the caller knows it.
    ///
    /// Errors on text with no visible character and on text longer than the policy's `max_chars`.
    pub fn check(&self, submitted: &str, language: Option<Language>) -> Result<Verdict, Error> {
        let analysis = self.analyse(submitted, language)?;
        let mut outcomes = self.outcomes(&analysis);
        let site = self.site_model();
        if let Some(site) = &site {
            site.adjust(&analysis, &mut outcomes, &self.policy);
        }
        let mut verdict = self.decide(&analysis, outcomes);
        verdict.policy.site_model = site.map(|s| s.info().version.clone());
        Ok(verdict)
    }

    /// The shipped verdict on one comment (no site model) and what a site model reads of it: the
    /// input of `suzgec learn`.
    pub fn site_inputs(
        &self,
        submitted: &str,
        language: Option<Language>,
    ) -> Result<(Verdict, SiteInputs), Error> {
        let analysis = self.analyse(submitted, language)?;
        let outcomes = self.outcomes(&analysis);
        let inputs = SiteInputs::of(&analysis, &outcomes);
        Ok((self.decide(&analysis, outcomes), inputs))
    }

    fn analyse<'a>(
        &self,
        submitted: &'a str,
        language: Option<Language>,
    ) -> Result<Analysis<'a>, Error> {
        if !has_visible_text(submitted) {
            return Err(Error::EmptyText);
        }
        let chars = submitted.chars().count();
        if chars > self.policy.max_chars {
            return Err(Error::TextTooLong {
                chars,
                limit: self.policy.max_chars,
            });
        }
        Ok(Analysis::new(submitted, language))
    }

    /// Every rule's outcome, in the policy's rule order.
    fn outcomes(&self, analysis: &Analysis<'_>) -> Vec<(RuleId, Outcome)> {
        self.rules
            .iter()
            .map(|rule| (rule.id(), rule.check(analysis)))
            .collect()
    }

    /// The policy's decision on the rules' outcomes.
    fn decide(&self, analysis: &Analysis<'_>, outcomes: Vec<(RuleId, Outcome)>) -> Verdict {
        let submitted = analysis.original;
        let mut decision = Decision::Approve;
        let mut reasons = Vec::new();
        let mut scores = BTreeMap::new();
        for (rule, outcome) in outcomes {
            if let Some(score) = outcome.score {
                scores.insert(rule, score);
            }
            let Some(finding) = outcome.finding else {
                continue;
            };
            let Some(rule_decision) = self
                .policy
                .rules
                .get(&rule)
                .and_then(|s| s.decide(finding.confidence))
            else {
                continue;
            };
            decision = decision.max(rule_decision);
            let fixable = finding.spans.iter().any(|s| s.replacement.is_some());
            let suggestion =
                fixable.then(|| fix::apply(submitted, &[&finding.spans], analysis.case_rules()));
            reasons.push(Reason {
                rule,
                confidence: finding.confidence,
                spans: finding.spans,
                message: finding.message,
                suggestion,
                aspects: finding.aspects,
            });
        }
        let fixes: Vec<&[Span]> = reasons
            .iter()
            .filter(|r| r.suggestion.is_some())
            .map(|r| &r.spans[..])
            .collect();
        let suggested_text =
            (!fixes.is_empty()).then(|| fix::apply(submitted, &fixes, analysis.case_rules()));
        Verdict {
            version: VERDICT_VERSION,
            decision,
            language: analysis.language(),
            reasons,
            suggested_text,
            scores,
            policy: self.policy.reference(),
        }
    }
}

/// Characters that show nothing: whitespace, control and format characters (zero-width spaces,
/// direction marks, byte order marks).
/// Whether a text has something to judge: a character that is not whitespace, a control character
/// or an invisible format character (a text without one is refused as empty).
pub fn has_visible_text(text: &str) -> bool {
    !text.chars().all(is_invisible)
}

fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{AD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moderator() -> Moderator {
        Moderator::new(Policy::default()).expect("default policy builds")
    }

    #[test]
    fn clean_text_is_approved_with_no_reasons() {
        let verdict = moderator()
            .check("Bu haberi okuyunca çok üzüldüm.", None)
            .expect("verdict");
        assert_eq!(verdict.decision, Decision::Approve);
        assert!(verdict.reasons.is_empty());
        assert_eq!(verdict.suggested_text, None);
        assert_eq!(verdict.language, Language::Tr);
        assert_eq!(verdict.version, VERDICT_VERSION);
    }

    #[test]
    fn empty_and_invisible_text_is_an_error() {
        for text in ["", "   \n\t", "\u{200B}\u{200F}", "\u{FEFF}"] {
            assert!(
                matches!(moderator().check(text, None), Err(Error::EmptyText)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn overlong_text_is_an_error_that_says_the_limit() {
        let text = "a".repeat(10_001);
        let error = moderator().check(&text, None).expect_err("too long");
        assert_eq!(
            error.to_string(),
            "the text has 10001 characters; the policy allows at most 10000"
        );
    }

    #[test]
    fn a_review_only_policy_never_rejects() {
        let policy =
            Policy::from_toml("name='soft'\nversion='1'\n[rules.all_caps]\naction='review'")
                .expect("policy parses");
        let verdict = Moderator::new(policy)
            .expect("builds")
            .check("HEPİNİZ YALANCISINIZ", None)
            .expect("verdict");
        assert_eq!(verdict.decision, Decision::Review);
        assert_eq!(verdict.policy.name, "soft");
    }

    #[test]
    fn every_reason_of_a_fixable_rule_has_a_suggestion() {
        let verdict = moderator()
            .check("HEPİNİZ YALANCISINIZ", None)
            .expect("verdict");
        assert_eq!(verdict.decision, Decision::Reject);
        // "yalancısınız" (you are liars) may also be reported as an insult, without a suggestion.
        let all_caps = verdict
            .reasons
            .iter()
            .find(|r| r.rule == RuleId::AllCaps)
            .expect("all_caps fires");
        assert_eq!(all_caps.suggestion.as_deref(), Some("Hepiniz yalancısınız"));
        assert_eq!(
            verdict.suggested_text.as_deref(),
            Some("Hepiniz yalancısınız")
        );
    }
}
