//! The policy's rules: each reads the shared [`Analysis`] and says whether, where and how surely the
//! comment breaks one part of the policy.
//!
//! Adding a rule is one file here and one line in [`build`].

pub mod abuse;
mod all_caps;
mod belief_attack;
pub mod hate;
mod insult;
mod no_turkish_chars;
mod offensive;
mod spelling;
mod swearing;

pub use all_caps::AllCaps;
pub use belief_attack::BeliefAttack;
pub use insult::Insult;
pub use no_turkish_chars::NoTurkishChars;
pub use offensive::Offensive;
pub use spelling::{Spelling, SpellingError, SpellingErrorKind};
pub use swearing::Swearing;

use crate::Error;
use crate::policy::{Policy, RuleSettings};
use crate::text::Analysis;
use crate::verdict::{Aspect, Message, RuleId, Span};

/// One part of the policy, checked against a comment.
pub trait Rule: Send + Sync {
    /// The rule's stable id.
    fn id(&self) -> RuleId;

    /// Checks one analysed comment.
    fn check(&self, text: &Analysis<'_>) -> Outcome;
}

/// What a rule made of one comment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// A score the rule computes for every comment (classifiers do; word lists need not).
    pub score: Option<f32>,
    /// What the rule found, if anything.
    pub finding: Option<Finding>,
}

impl Outcome {
    /// Nothing found, no score.
    pub fn clean() -> Self {
        Outcome::default()
    }

    /// A finding without a separate score.
    pub fn found(finding: Finding) -> Self {
        Outcome {
            score: None,
            finding: Some(finding),
        }
    }
}

/// A rule's finding on one comment: becomes a [`crate::verdict::Reason`] if the policy acts on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// How sure the rule is, 0 to 1.
    pub confidence: f32,
    /// Where in the submitted text; spans with a replacement are the rule's fix.
    pub spans: Vec<Span>,
    /// What to tell the author.
    pub message: Message,
    /// What the finding is about beyond its rule (a threat, a group), when the rule can tell.
    pub aspects: Vec<Aspect>,
}

/// Settings shared by all rules that build from the policy.
pub struct BuildContext<'p> {
    /// The whole policy (site word lists and limits).
    pub policy: &'p Policy,
    /// This rule's section of the policy.
    pub settings: &'p RuleSettings,
}

/// Builds every rule the policy turns on, in the policy's rule order.
pub fn build(policy: &Policy) -> Result<Vec<Box<dyn Rule>>, Error> {
    let mut rules: Vec<Box<dyn Rule>> = Vec::new();
    for (id, settings) in policy.enabled_rules() {
        let context = BuildContext { policy, settings };
        match id {
            // The abuse rules share one lexicon and classifier pass per comment (`abuse::Evidence`).
            RuleId::Swearing => rules.push(Box::new(Swearing::new(&context)?)),
            RuleId::Insult => rules.push(Box::new(Insult::new(&context)?)),
            RuleId::Offensive => rules.push(Box::new(Offensive::new(&context)?)),
            RuleId::BeliefAttack => rules.push(Box::new(BeliefAttack::new(&context)?)),
            RuleId::NoTurkishChars => rules.push(Box::new(NoTurkishChars::new(&context)?)),
            RuleId::AllCaps => rules.push(Box::new(AllCaps::new(&context)?)),
            RuleId::Spelling => rules.push(Box::new(Spelling::new(&context)?)),
        }
    }
    Ok(rules)
}

/// Helpers for the rules' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{BuildContext, Finding, Rule};
    use crate::Error;
    use crate::policy::Policy;
    use crate::text::Analysis;
    use crate::verdict::RuleId;

    /// Builds a rule from the built-in policy's section for it.
    pub fn with_default_policy<R>(
        id: RuleId,
        new: impl FnOnce(&BuildContext<'_>) -> Result<R, Error>,
    ) -> R {
        let policy = Policy::default();
        let settings = &policy.rules[&id];
        new(&BuildContext {
            policy: &policy,
            settings,
        })
        .expect("rule builds from the default policy")
    }

    /// What a rule finds in `text`, with the language detected.
    pub fn finding(rule: &dyn Rule, text: &str) -> Option<Finding> {
        rule.check(&Analysis::new(text, None)).finding
    }
}
