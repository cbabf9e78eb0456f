//! `offensive`: demeaning, threatening or hateful content and innuendo (rencide edici cümleler veya
//! imalar).
//!
//! Two sources: the lexicons (`threat` and `dehumanising` entries: `seni öldüreceğim`, `hayvan
//! sürüsü`, `vermin`), and the abuse classifier for what no word list sees (`Kadın dediğin evinde
//! oturur`). The classifier's verdict goes to this rule when its `hate` head (aimed at a group)
//! outscores its `insult` head, and only when no lexicon of another abuse rule has already explained
//! the comment. Not fixable.
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
const CATEGORIES: [AbuseCategory; 2] = [AbuseCategory::Threat, AbuseCategory::Dehumanising];

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

/// The `offensive` rule.
pub struct Offensive {
    settings: Settings,
    site: SiteWords,
    classifier: ClassifierSettings,
}

impl Offensive {
    /// Builds the rule from its policy section and the site's word lists.
    pub fn new(context: &BuildContext<'_>) -> Result<Self, Error> {
        Ok(Offensive {
            settings: context.settings.params(RuleId::Offensive)?,
            site: SiteWords::new(context.policy)?,
            classifier: context.policy.classifier,
        })
    }
}

impl Rule for Offensive {
    fn id(&self) -> RuleId {
        RuleId::Offensive
    }

    fn check(&self, text: &Analysis<'_>) -> Outcome {
        let evidence = Evidence::of(text);
        let score = evidence.scores.map(|s| s.abusive);
        let lexicon = lexicon_finding(text, &self.site, &evidence.abuse, &CATEGORIES);
        let classifier = evidence
            .scores
            .filter(|s| self.settings.classifier && s.hate > s.insult)
            .filter(|_| lexicon.is_some() || !classifier_blocked(text, &self.site, evidence))
            .and_then(|_| evidence.abusive(text, &self.classifier));
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
                confidence,
                spans,
                message: Message {
                    tr: "Rencide edici içerik: yorumunuz aşağılayıcı, tehdit ya da nefret içeren \
                         ifadeler veya imalar içeriyor. Bu tür yorumlar yayımlanmaz."
                        .into(),
                    en: "Offensive content: your comment contains demeaning, threatening or \
                         hateful statements or allusions. Such comments are not published."
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

    fn rule() -> Offensive {
        testing::with_default_policy(RuleId::Offensive, Offensive::new)
    }

    fn check(text: &str) -> Option<Finding> {
        testing::finding(&rule(), text)
    }

    #[test]
    fn threats_and_dehumanising_words_are_caught() {
        for text in [
            "Seni öldüreceğim, bekle sen",
            "Suriyeli sürüsü defolsun gitsin",
            "I will kill you and your family",
            "They are vermin and subhuman",
        ] {
            let finding = check(text).unwrap_or_else(|| panic!("missed {text:?}"));
            assert!(finding.confidence >= 0.7, "{text}: {}", finding.confidence);
        }
    }

    #[test]
    fn news_about_violence_is_not_a_threat() {
        for text in [
            "Kazada iki kişi hayatını kaybetti.",
            "Mahkeme sanığa ağırlaştırılmış müebbet verdi.",
        ] {
            assert!(check(text).is_none_or(|f| f.confidence < 0.4), "{text}");
        }
    }
}
