//! `insult`: name-calling aimed at a person or group (hakaret).
//!
//! Two sources: the lexicons (`tr.tsv`/`en.tsv` entries of the categories `insult` and `slur`,
//! roots with their suffixes: `gerizekalısın`, `şerefsizler`), and the abuse classifier for
//! insults without a listed word. The classifier's verdict goes to this rule when its `insult`
//! head (aimed at a person) outscores its `hate` head (aimed at a group, which `offensive` reports),
//! and only when no lexicon of another abuse rule has already explained the comment. Not fixable.
//!
//! Parameters: `classifier` (default `true`) turns the classifier part on.

use serde::Deserialize;

use super::abuse::{
    Evidence, SiteWords, classifier_blocked, lexicon_finding, spans, whole_comment,
};
use super::{BuildContext, Finding, Outcome, Rule};
use crate::Error;
use crate::lexicon::AbuseCategory;
use crate::policy::ClassifierSettings;
use crate::text::Analysis;
use crate::verdict::{Message, RuleId};

/// The lexicon categories this rule reports.
const CATEGORIES: [AbuseCategory; 2] = [AbuseCategory::Insult, AbuseCategory::Slur];

/// The rule's own parameters in the policy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    /// Whether the classifier may fire the rule without a listed word.
    #[serde(default = "default_classifier")]
    classifier: bool,
}

fn default_classifier() -> bool {
    true
}

/// The `insult` rule.
pub struct Insult {
    settings: Settings,
    site: SiteWords,
    classifier: ClassifierSettings,
}

impl Insult {
    /// Builds the rule from its policy section and the site's word lists.
    pub fn new(context: &BuildContext<'_>) -> Result<Self, Error> {
        Ok(Insult {
            settings: context.settings.params(RuleId::Insult)?,
            site: SiteWords::new(context.policy)?,
            classifier: context.policy.classifier,
        })
    }
}

impl Rule for Insult {
    fn id(&self) -> RuleId {
        RuleId::Insult
    }

    fn check(&self, text: &Analysis<'_>) -> Outcome {
        let evidence = Evidence::of(text);
        let score = evidence.scores.map(|s| s.insult);
        let lexicon = lexicon_finding(text, &self.site, evidence.asserted_abuse(), &CATEGORIES);
        let classifier = evidence
            .scores
            .filter(|s| self.settings.classifier && s.insult >= s.hate)
            .filter(|_| lexicon.is_some() || !classifier_blocked(text, &self.site, evidence))
            .and_then(|_| evidence.abusive(text, &self.classifier))
            .map(|p| p * evidence.classifier_weight())
            .filter(|&p| p > 0.0);
        let (confidence, spans) = match (lexicon, classifier) {
            (None, None) => {
                return Outcome {
                    score,
                    finding: None,
                };
            }
            (Some((c, ranges)), cls) => (c.max(cls.unwrap_or(0.0)), spans(text, ranges)),
            (None, Some(c)) => (c, whole_comment(text)),
        };
        Outcome {
            score,
            finding: Some(Finding {
                aspects: Vec::new(),
                confidence,
                spans,
                message: Message {
                    tr: "Hakaret: yorumunuz bir kişiye ya da topluluğa hakaret içeriyor. Hakaret \
                         içeren yorumlar yayımlanmaz."
                        .into(),
                    en: "Insult: your comment insults a person or a group. Comments with insults \
                         are not published."
                        .into(),
                },
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    fn rule() -> Insult {
        testing::with_default_policy(RuleId::Insult, Insult::new)
    }

    fn check(text: &str) -> Option<Finding> {
        testing::finding(&rule(), text)
    }

    #[test]
    fn inflected_insults_are_caught_with_their_spans() {
        for (text, word) in [
            ("Bu haberi yazan gerizekalısın sen", "gerizekalısın"),
            ("Şerefsizler yine kazandı", "Şerefsizler"),
            ("g.e.r.i.z.e.k.a.l.ı", "g.e.r.i.z.e.k.a.l.ı"),
            ("You are a stupid idiot", "idiot"),
        ] {
            let finding = check(text).unwrap_or_else(|| panic!("missed {text:?}"));
            assert!(
                finding.spans.iter().any(|s| s.text == word),
                "{text}: {:?}",
                finding.spans
            );
        }
    }

    #[test]
    fn a_mild_word_alone_is_less_sure_than_a_clear_one() {
        let mild = check("Aptal aptal konuşma").expect("fires").confidence;
        let clear = check("Şerefsiz herif").expect("fires").confidence;
        assert!(mild < clear, "{mild} {clear}");
    }

    #[test]
    fn ordinary_comments_pass() {
        for text in [
            "Bu haberi okuyunca çok üzüldüm.",
            "Maç çok güzeldi, tebrikler.",
            "Thanks for the article, very informative.",
        ] {
            assert!(check(text).is_none_or(|f| f.confidence < 0.4), "{text}");
        }
    }
}
