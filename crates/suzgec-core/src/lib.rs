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
        let site = self.site_model();
        let mut outcomes = match site {
            None => self.outcomes_asking_the_encoder_if_it_matters(&analysis),
            // A site model weighs the rules' confidences its own way: the encoder is asked.
            Some(_) => self.outcomes(&analysis),
        };
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

    /// Every rule's outcome, with the encoder asked only as far as its answer could change the
    /// judgement (the decision, and whether an abuse rule gives a reason): the rules that read it
    /// run first with its answer assumed lowest and highest, then at the ends of each estimate it
    /// makes at an intermediate layer (see [`rules::abuse::EncoderAnswer`]). Where the judgement
    /// is the same at both ends, the encoder stops: before it starts, the outcomes are those of
    /// the fast path alone (`encoder = false`); at an estimate, those of the estimate.
    fn outcomes_asking_the_encoder_if_it_matters(
        &self,
        analysis: &Analysis<'_>,
    ) -> Vec<(RuleId, Outcome)> {
        use rules::abuse::{EncoderAnswer, Evidence};
        use suzgec_encoder::{Encoder, Reading};
        if !self.policy.classifier.encoder || !self.rules.iter().any(|r| r.id().is_abuse()) {
            return self.outcomes(analysis);
        }
        let evidence = Evidence::of(analysis);
        evidence.set_encoder_answer(EncoderAnswer::LOWEST);
        let mut outcomes = self.outcomes(analysis);
        if !evidence.encoder_wanted() {
            evidence.set_encoder_answer(EncoderAnswer::Asked);
            return outcomes;
        }
        let mut decided_between = |lowest, highest| {
            evidence.set_encoder_answer(lowest);
            self.recheck_abuse_rules(analysis, &mut outcomes);
            let low = self.judgement(&outcomes);
            evidence.set_encoder_answer(highest);
            self.recheck_abuse_rules(analysis, &mut outcomes);
            low == self.judgement(&outcomes)
        };
        let answer = if decided_between(EncoderAnswer::LOWEST, EncoderAnswer::HIGHEST) {
            EncoderAnswer::Unasked
        } else {
            let reading = Encoder::embedded().ok().and_then(|encoder| {
                encoder.try_reading(analysis.text(), |estimate| {
                    decided_between(
                        EncoderAnswer::Assumed(estimate.lowest()),
                        EncoderAnswer::Assumed(estimate.highest()),
                    )
                })
            });
            match reading {
                Some(Ok(Reading::Final(scores))) => {
                    evidence.encoder_has_read(scores);
                    EncoderAnswer::Asked
                }
                Some(Ok(Reading::Early(estimate))) => EncoderAnswer::Assumed(estimate.scores()),
                // The encoder is busy (the process's limit of parallel runs) or failed.
                _ => EncoderAnswer::Unasked,
            }
        };
        evidence.set_encoder_answer(answer);
        self.recheck_abuse_rules(analysis, &mut outcomes);
        outcomes
    }

    /// Runs the abuse rules again, replacing their outcomes.
    fn recheck_abuse_rules(&self, analysis: &Analysis<'_>, outcomes: &mut [(RuleId, Outcome)]) {
        for (rule, (id, outcome)) in self.rules.iter().zip(outcomes) {
            if id.is_abuse() {
                *outcome = rule.check(analysis);
            }
        }
    }

    /// What the policy decides on a rule's finding, if anything.
    fn rule_decision(&self, rule: RuleId, confidence: f32) -> Option<Decision> {
        self.policy.rules.get(&rule)?.decide(confidence)
    }

    /// The policy's decision on the rules' outcomes, and whether an abuse rule gives a reason
    /// (a moderator then reads the comment as possible abuse, whatever else it has).
    fn judgement(&self, outcomes: &[(RuleId, Outcome)]) -> (Decision, bool) {
        let (mut decision, mut abuse) = (Decision::Approve, false);
        for (rule, outcome) in outcomes {
            let finding = outcome.finding.as_ref();
            if let Some(d) = finding.and_then(|f| self.rule_decision(*rule, f.confidence)) {
                decision = decision.max(d);
                abuse |= rule.is_abuse();
            }
        }
        (decision, abuse)
    }

    /// The policy's verdict on the rules' outcomes.
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
            let Some(rule_decision) = self.rule_decision(rule, finding.confidence) else {
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
    fn the_encoder_is_skipped_only_where_it_cannot_change_the_decision() {
        let moderator = moderator();
        let cases = include_str!("../../../data/abuse/functional/tune.jsonl");
        let (mut read, mut skipped, mut early) = (0, 0, 0);
        for line in cases.lines().step_by(4) {
            let case: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let text = case["text"].as_str().expect("text");
            let asking = Analysis::new(text, None);
            let asked = moderator.judgement(&moderator.outcomes(&asking));
            let judging = Analysis::new(text, None);
            let outcomes = moderator.outcomes_asking_the_encoder_if_it_matters(&judging);
            assert_eq!(moderator.judgement(&outcomes), asked, "{text}");
            let (asked_it, read_it) = (
                rules::abuse::Evidence::of(&asking).encoder_read(),
                rules::abuse::Evidence::of(&judging).encoder_read(),
            );
            assert!(asked_it || !read_it, "{text}");
            let left_early = matches!(
                rules::abuse::Evidence::of(&judging).encoder_answer(),
                rules::abuse::EncoderAnswer::Assumed(scores) if scores.group_hate.is_none()
            );
            read += usize::from(read_it);
            skipped += usize::from(asked_it && !read_it && !left_early);
            early += usize::from(left_early);
        }
        assert!(
            read > 0 && skipped > 0 && early > 0,
            "read {read}, skipped {skipped}, left early {early}"
        );
    }

    #[test]
    fn comments_refused_for_swearing_are_not_read_by_the_encoder() {
        let moderator = moderator();
        let cases = include_str!("../../../data/abuse/functional/tune.jsonl");
        let mut unsure = 0;
        for line in cases.lines() {
            let case: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let swears = case["expected"].as_array().expect("expected rules");
            if !swears.iter().any(|rule| rule == "swearing") {
                continue;
            }
            let text = case["text"].as_str().expect("text");
            let analysis = Analysis::new(text, None);
            let outcomes = moderator.outcomes_asking_the_encoder_if_it_matters(&analysis);
            if moderator.judgement(&outcomes).0 != Decision::Reject {
                continue; // a mild word goes to review
            }
            let evidence = rules::abuse::Evidence::of(&analysis);
            assert!(!evidence.encoder_read(), "{text}");
            unsure += usize::from(evidence.encoder_wanted());
        }
        // Some of them leave the fast classifier unsure: without the swear word's refusal, the
        // encoder would read them.
        assert!(unsure > 0);
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
