//! Süzgeç's verdict as the scores other moderation services give: one number from 0 to 1 per
//! category (Perspective's attributes, OpenAI's moderation categories), so that a client's
//! threshold keeps its meaning.
//!
//! A category is a family of reasons. Its score says how the policy treats the comment for those
//! reasons alone:
//!
//! | score | meaning |
//! | --- | --- |
//! | 0.90 to 1.00 | a reason of the category rejects the comment (higher: surer) |
//! | 0.81 to 0.89 | a reason of the category sends it to a moderator |
//! | 0 to 0.50 | no reason of the category; half the highest raw score of its rules |
//!
//! So a score above 0.8 (Coral's default threshold) always means the policy would not approve the
//! comment, and 0.9 separates refusals from reviews.

use suzgec_core::{Aspect, Decision, Policy, Reason, RuleId, Span, Verdict};

/// A family of reasons that another service scores as one number.
pub struct Category {
    /// Whether a reason belongs to the category.
    pub includes: fn(&Reason) -> bool,
    /// The rules whose raw scores show how close an approved comment came.
    pub rules: &'static [RuleId],
    /// Only refusals count as findings (Perspective's `SEVERE_TOXICITY`); a review scores as
    /// half its confidence.
    pub rejections_only: bool,
}

/// Any abuse: swearing, insults, offensive content, attacks on beliefs.
pub fn is_abuse(reason: &Reason) -> bool {
    reason.rule.is_abuse()
}

/// An attack on a protected group or a belief.
pub fn attacks_group(reason: &Reason) -> bool {
    reason.rule == RuleId::BeliefAttack
        || (reason.rule == RuleId::Offensive && reason.aspects.contains(&Aspect::Group))
}

/// A threat or a call to violence, against anyone.
pub fn threatens(reason: &Reason) -> bool {
    is_abuse(reason) && reason.aspects.contains(&Aspect::Threat)
}

/// Abuse aimed at a person rather than a group: swearing and insults count, since the policy
/// refuses both.
pub fn harasses(reason: &Reason) -> bool {
    matches!(reason.rule, RuleId::Swearing | RuleId::Insult)
        || (reason.rule == RuleId::Offensive && !attacks_group(reason))
}

/// A category's score for a verdict, with each span of its reasons scored as its reason.
pub fn score<'v>(
    verdict: &'v Verdict,
    policy: &Policy,
    category: &Category,
) -> (f32, Vec<(&'v Span, f32)>) {
    let mut value = category
        .rules
        .iter()
        .filter_map(|rule| verdict.scores.get(rule))
        .fold(0f32, |a, &b| a.max(b))
        .clamp(0.0, 1.0)
        * 0.5;
    let mut spans = Vec::new();
    for reason in verdict.reasons.iter().filter(|r| (category.includes)(r)) {
        let reason_value = reason_score(reason, policy, category.rejections_only);
        value = value.max(reason_value);
        spans.extend(reason.spans.iter().map(|span| (span, reason_value)));
    }
    (value, spans)
}

/// One reason's score on the scale above.
fn reason_score(reason: &Reason, policy: &Policy, rejections_only: bool) -> f32 {
    let confidence = reason.confidence.clamp(0.0, 1.0);
    let Some(settings) = policy.rules.get(&reason.rule) else {
        return confidence * 0.5;
    };
    match settings.decide(confidence) {
        Some(Decision::Reject) => 0.9 + 0.1 * share(confidence, settings.reject_at, 1.0),
        Some(Decision::Review) if !rejections_only => {
            0.81 + 0.08 * share(confidence, settings.review_at, settings.reject_at)
        }
        _ => confidence * 0.5,
    }
}

/// Where `x` lies between `low` and `high`, 0 to 1.
fn share(x: f32, low: f32, high: f32) -> f32 {
    if high > low {
        ((x - low) / (high - low)).clamp(0.0, 1.0)
    } else {
        1.0
    }
}

/// A score as JSON shows it: three decimals, what a threshold can tell apart, without the noise of
/// a 32-bit float printed as 64 bits.
pub fn rounded(value: f32) -> f64 {
    (f64::from(value) * 1000.0).round() / 1000.0
}

/// Code point offsets into `text` as UTF-16 code unit offsets (what JavaScript clients index by).
pub struct Utf16Offsets(Vec<usize>);

impl Utf16Offsets {
    /// The table for one text.
    pub fn new(text: &str) -> Self {
        let mut offsets = Vec::with_capacity(text.len() + 1);
        let mut at = 0;
        offsets.push(0);
        for c in text.chars() {
            at += c.len_utf16();
            offsets.push(at);
        }
        Utf16Offsets(offsets)
    }

    /// The UTF-16 offset of a code point offset (the text's end past it).
    pub fn of(&self, chars: usize) -> usize {
        self.0
            .get(chars)
            .or_else(|| self.0.last())
            .copied()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use suzgec_core::Moderator;

    fn verdict(text: &str) -> (Verdict, Policy) {
        let moderator = Moderator::new(Policy::default()).expect("default policy");
        let verdict = moderator.check(text, None).expect("checks");
        (verdict, moderator.policy().clone())
    }

    const TOXICITY: Category = Category {
        includes: is_abuse,
        rules: &RuleId::ABUSE,
        rejections_only: false,
    };

    #[test]
    fn above_the_threshold_exactly_when_the_policy_holds_the_category_against_it() {
        for text in [
            "Siktir git lan",
            "Bu yazar tam bir gerizekalı",
            "Maç çok güzeldi, tebrikler.",
            "Göçmenler bu şehrin mikrobu",
            "Seni öldüreceğim",
            "Yarın hava yağmurlu olacakmış.",
        ] {
            let (verdict, policy) = verdict(text);
            let (value, spans) = score(&verdict, &policy, &TOXICITY);
            let held = verdict.reasons.iter().any(is_abuse);
            assert_eq!(value > 0.8, held, "{text}: {value} {verdict:?}");
            assert_eq!(!spans.is_empty(), held, "{text}");
            if verdict.decision == Decision::Approve {
                assert!(value <= 0.5, "{text}: {value}");
            }
        }
    }

    #[test]
    fn groups_and_threats_are_told_apart() {
        let (verdict, policy) = verdict("Kürtlerin kökünü kazıyacağız");
        let threat = Category {
            includes: threatens,
            rules: &[],
            rejections_only: false,
        };
        let group = Category {
            includes: attacks_group,
            ..threat
        };
        let person = Category {
            includes: harasses,
            ..threat
        };
        assert!(score(&verdict, &policy, &threat).0 > 0.8);
        assert!(score(&verdict, &policy, &group).0 > 0.8);
        assert!(score(&verdict, &policy, &person).0 <= 0.5);
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs_twice() {
        let offsets = Utf16Offsets::new("a😀b");
        assert_eq!(
            (offsets.of(0), offsets.of(1), offsets.of(2), offsets.of(3)),
            (0, 1, 3, 4)
        );
        assert_eq!(offsets.of(99), 4);
    }
}
