//! `offensive`: demeaning, threatening or hateful content and innuendo (rencide edici cümleler veya
//! imalar).
//!
//! Three sources: the lexicons (`threat` and `dehumanising` entries: `seni öldüreceğim`, `hayvan
//! sürüsü`, `vermin`); the reading of what the comment says about a protected group
//! ([`super::hate`]: `Göçmenler bu şehrin mikrobu`, `Kürtlerin kökünü kazıyacağız`, `Kadından
//! yönetici olmaz`), whose message names the group; and the abuse classifier for what neither
//! sees (`Kadın dediğin evinde oturur`). Counter-speech (`'Hepsi hırsız' diyenler utanmalı`) is
//! not held against the commenter. The classifier's verdict goes to this rule when its `hate` head (aimed at a group)
//! outscores its `insult` head, and only when no lexicon of another abuse rule has already explained
//! the comment. Not fixable.
//!
//! Parameters: `classifier` (default `true`) turns the classifier part on.

use serde::Deserialize;

use super::abuse::{
    Evidence, GROUP_HATE_CONFIDENCE, SiteWords, classifier_blocked, lexicon_finding, spans,
    whole_comment,
};
use super::hate::{self, AttackKind, Target};
use super::{BuildContext, Finding, Outcome, Rule};
use crate::Error;
use crate::lexicon::AbuseCategory;
use crate::policy::ClassifierSettings;
use crate::text::Analysis;
use crate::verdict::{Aspect, Message, RuleId};

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
        let lexicon = lexicon_finding(text, &self.site, evidence.asserted_abuse(), &CATEGORIES);
        let group_attacks = || {
            evidence
                .hate
                .attacks
                .iter()
                .filter(|a| matches!(a.target, Target::Group(_)))
        };
        let attacks = hate::summary(group_attacks());
        let mut aspects = Vec::new();
        let threatens = lexicon.as_ref().is_some_and(|_| {
            evidence.asserted_abuse().any(|h| {
                h.entry.tag.category == AbuseCategory::Threat && !self.site.allows(text, h)
            })
        });
        if threatens || group_attacks().any(|a| a.kind == AttackKind::Threat) {
            aspects.push(Aspect::Threat);
        }
        if attacks.is_some() {
            aspects.push(Aspect::Group);
        }
        let classifier = evidence
            .scores
            .filter(|s| self.settings.classifier && s.hate > s.insult)
            .filter(|_| lexicon.is_some() || !classifier_blocked(text, &self.site, evidence))
            .and_then(|_| evidence.abusive(text, &self.classifier))
            .map(|p| p * evidence.classifier_weight())
            .filter(|&p| p > 0.0);
        let mut confidence = classifier.unwrap_or(0.0);
        let mut ranges = Vec::new();
        if let Some((c, found)) = lexicon {
            confidence = confidence.max(c);
            ranges.extend(found);
        }
        let mut message = Message {
            tr: "Rencide edici içerik: yorumunuz aşağılayıcı, tehdit ya da nefret içeren ifadeler \
                 veya imalar içeriyor. Bu tür yorumlar yayımlanmaz."
                .into(),
            en: "Offensive content: your comment contains demeaning, threatening or hateful \
                 statements or allusions. Such comments are not published."
                .into(),
        };
        if let Some((c, found, tr, en)) = attacks {
            confidence = confidence.max(c);
            ranges.extend(found);
            message = Message {
                tr: format!(
                    "Rencide edici içerik: yorumunuz bir topluluğu ({tr}) aşağılıyor, tehdit \
                     ediyor ya da ona karşı nefret yayıyor. Bir topluluğu hedef alan yorumlar \
                     yayımlanmaz."
                ),
                en: format!(
                    "Offensive content: your comment demeans, threatens or spreads hate against a \
                     group ({en}). Comments that target a group are not published."
                ),
            };
        }
        if confidence < GROUP_HATE_CONFIDENCE {
            let hint = evidence
                .unspoken_group_hate(text, &self.classifier, |t| matches!(t, Target::Group(_)));
            if let Some((named, tr, en)) = hint {
                confidence = GROUP_HATE_CONFIDENCE;
                ranges.extend(named);
                aspects = vec![Aspect::Group];
                message = Message {
                    tr: format!(
                        "Rencide edici olabilir: yorumunuz bir topluluğu ({tr}) hedef alıyor gibi \
                         görünüyor. Yorumunuzu bir moderatör inceleyecek."
                    ),
                    en: format!(
                        "Possibly offensive: your comment seems to target a group ({en}). A \
                         moderator will review it."
                    ),
                };
            }
        }
        if confidence <= 0.0 {
            return Outcome {
                score,
                finding: None,
            };
        }
        let spans = if ranges.is_empty() {
            whole_comment(text)
        } else {
            spans(text, ranges)
        };
        Outcome {
            score,
            finding: Some(Finding {
                confidence,
                spans,
                message,
                aspects,
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
    fn threats_and_attacks_on_groups_say_so() {
        let threat = check("Seni öldüreceğim, bekle sen").expect("a threat");
        assert_eq!(threat.aspects, vec![Aspect::Threat]);
        let group = check("Kürtlerin kökünü kazıyacağız").expect("a threat to a group");
        assert_eq!(group.aspects, vec![Aspect::Threat, Aspect::Group]);
        let derogation = check("Göçmenler bu şehrin mikrobu").expect("dehumanising a group");
        assert_eq!(derogation.aspects, vec![Aspect::Group]);
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
