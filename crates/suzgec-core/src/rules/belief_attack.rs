//! `belief_attack`: insults or hostility aimed at a religion, its holy figures, books, places or
//! believers, atheists included (inançlara saldırı).
//!
//! A belief target alone is never a finding: talk about religion, sharp criticism of institutions
//! included (`Diyanet'in bütçesi bence çok yüksek`), passes. The rule fires on
//!
//! 1. a belief-specific hostile term (`yobaz`, `gavur`, `kafir`, `infidel`, `sky fairy`);
//! 2. an abuse-lexicon hit (any category) within `window` words of a target (`Aleviler şerefsiz`,
//!    `Fuck Islam`) — except `Allah` as the subject of a curse (`Allah belanı versin`), which
//!    invokes God rather than attacking a belief;
//! 3. what the comment says about a belief ([`super::hate`]: `Alevilerin hepsi hain`, `Kur'an
//!    yakılmalı`, `Müslümanlardan adam olmaz`), whose message names the belief;
//! 4. the abuse classifier's score on a comment that names a target (`Bütün camiler yıkılmalı`),
//!    reported with the lower confidence of a whole-comment judgement (scaled by
//!    `classifier_weight`).
//!
//! Hostility that the comment quotes or reports to condemn it, or negates, is not held against the
//! commenter. Not fixable by the author.

use serde::Deserialize;

use super::abuse::{Evidence, GROUP_HATE_CONFIDENCE, SiteWords, lexicon_confidence, spans};
use super::hate::{self, AttackKind, Target, distance};
use super::{BuildContext, Finding, Outcome, Rule};
use crate::Error;
use crate::lexicon::{BeliefKind, BeliefTag, Hit};
use crate::policy::ClassifierSettings;
use crate::text::Analysis;
use crate::verdict::{Aspect, Message, RuleId};

/// The confidence of a belief-specific hostile term.
const HOSTILE_TERM_CONFIDENCE: f32 = 0.9;

/// The rule's own parameters in the policy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    /// How many words apart an abuse word and a belief target may stand to count as one attack.
    #[serde(default = "default_window")]
    window: usize,
    /// Whether the classifier may fire the rule on a comment that names a target.
    #[serde(default = "default_classifier")]
    classifier: bool,
    /// The classifier's score is multiplied by this to give the rule's confidence.
    #[serde(default = "default_classifier_weight")]
    classifier_weight: f32,
}

fn default_window() -> usize {
    5
}

fn default_classifier() -> bool {
    true
}

fn default_classifier_weight() -> f32 {
    0.75
}

/// The `belief_attack` rule.
pub struct BeliefAttack {
    settings: Settings,
    site: SiteWords,
    classifier: ClassifierSettings,
}

impl BeliefAttack {
    /// Builds the rule from its policy section and the site's word lists.
    pub fn new(context: &BuildContext<'_>) -> Result<Self, Error> {
        let settings: Settings = context.settings.params(RuleId::BeliefAttack)?;
        if !(0.0..=1.0).contains(&settings.classifier_weight) {
            return Err(Error::RuleSettings {
                rule: RuleId::BeliefAttack,
                message: "classifier_weight must be between 0 and 1".into(),
            });
        }
        Ok(BeliefAttack {
            settings,
            site: SiteWords::new(context.policy)?,
            classifier: context.policy.classifier,
        })
    }
}

impl Rule for BeliefAttack {
    fn id(&self) -> RuleId {
        RuleId::BeliefAttack
    }

    fn check(&self, text: &Analysis<'_>) -> Outcome {
        let evidence = Evidence::of(text);
        let allowed = |h: &Hit<'_, BeliefTag>| self.site.allows(text, h);
        let mut confidence = 0f32;
        let mut ranges = Vec::new();
        let mut targets = Vec::new();
        for hit in evidence.beliefs.iter().filter(|h| !allowed(h)) {
            if hit.entry.tag.kind == BeliefKind::HostileTerm {
                if !evidence.hate.disowns(&hit.words) {
                    confidence = confidence.max(HOSTILE_TERM_CONFIDENCE);
                    ranges.push(hit.chars.clone());
                }
            } else if !hate::is_cursing_god(text, hit) {
                targets.push(hit);
            }
        }
        let mut message = None;
        let attacks = || {
            evidence
                .hate
                .attacks
                .iter()
                .filter(|a| matches!(a.target, Target::Belief(_)))
        };
        let mut aspects = vec![Aspect::Group];
        if attacks().any(|a| a.kind == AttackKind::Threat) {
            aspects.insert(0, Aspect::Threat);
        }
        if let Some((c, found, tr, en)) = hate::summary(attacks()) {
            confidence = confidence.max(c);
            ranges.extend(found);
            message = Some(Message {
                tr: format!(
                    "İnançlara saldırı: yorumunuz bir inancı ya da inananlarını ({tr}) aşağılıyor \
                     veya onlara karşı nefret yayıyor. İnançlara saldıran yorumlar yayımlanmaz."
                ),
                en: format!(
                    "Attack on beliefs: your comment demeans a belief or its believers ({en}) or \
                     spreads hate against them. Comments attacking beliefs are not published."
                ),
            });
        }
        for abuse in evidence
            .asserted_abuse()
            .filter(|h| !self.site.allows(text, h))
        {
            for target in &targets {
                if distance(&abuse.words, &target.words) < self.settings.window {
                    confidence = confidence.max(lexicon_confidence(abuse.entry.tag.severity));
                    ranges.push(abuse.chars.clone());
                    ranges.push(target.chars.clone());
                }
            }
        }
        let classifier = evidence
            .scores
            .filter(|_| !targets.is_empty() && self.settings.classifier)
            .and_then(|s| {
                let abusive = evidence.abusive(text, &self.classifier)?;
                Some(
                    abusive.max(s.hate)
                        * self.settings.classifier_weight
                        * evidence.classifier_weight(),
                )
            });
        if let Some(score) = classifier.filter(|_| self.settings.classifier)
            && score > confidence
        {
            confidence = score;
            if ranges.is_empty() {
                ranges.extend(targets.iter().map(|t| t.chars.clone()));
            }
        }
        if confidence < GROUP_HATE_CONFIDENCE {
            let hint = evidence
                .unspoken_group_hate(text, &self.classifier, |t| matches!(t, Target::Belief(_)));
            if let Some((named, tr, en)) = hint {
                confidence = GROUP_HATE_CONFIDENCE;
                ranges = named;
                message = Some(Message {
                    tr: format!(
                        "İnançlara saldırı olabilir: yorumunuz bir inancı ya da inananlarını \
                         ({tr}) hedef alıyor gibi görünüyor. Yorumunuzu bir moderatör inceleyecek."
                    ),
                    en: format!(
                        "Possibly an attack on beliefs: your comment seems to target a belief or \
                         its believers ({en}). A moderator will review it."
                    ),
                });
            }
        }
        let score = Some(classifier.unwrap_or(0.0).max(confidence));
        if ranges.is_empty() || confidence <= 0.0 {
            return Outcome {
                score,
                finding: None,
            };
        }
        Outcome {
            score,
            finding: Some(Finding {
                aspects,
                confidence,
                spans: spans(text, ranges),
                message: message.unwrap_or_else(|| Message {
                    tr: "İnançlara saldırı: yorumunuz bir inancı, kutsal değerleri ya da inananları \
                         aşağılıyor. İnançlara saldıran yorumlar yayımlanmaz."
                        .into(),
                    en: "Attack on beliefs: your comment demeans a belief, what it holds sacred or its \
                         believers. Comments attacking beliefs are not published."
                        .into(),
                }),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    fn rule() -> BeliefAttack {
        testing::with_default_policy(RuleId::BeliefAttack, BeliefAttack::new)
    }

    fn check(text: &str) -> Option<Finding> {
        testing::finding(&rule(), text).filter(|f| f.confidence >= 0.4)
    }

    #[test]
    fn hostility_near_a_target_is_an_attack() {
        for text in [
            "Aleviler şerefsiz",
            "Fuck Islam",
            "Müslümanlar hayvan sürüsü",
            "Yobazlar ülkeyi batırdı",
            "Christians are idiots",
        ] {
            assert!(check(text).is_some(), "missed {text:?}");
        }
    }

    #[test]
    fn the_spans_are_the_target_and_the_insult() {
        let finding = check("🙏 Hristiyanlar aptal").expect("fires");
        let words: Vec<&str> = finding.spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(words, vec!["Hristiyanlar", "aptal"]);
        assert_eq!(finding.spans[0].start, 2);
    }

    #[test]
    fn talk_about_religion_passes() {
        for text in [
            "Cuma namazından sonra dua edildi",
            "Diyanet'in bütçesi bence çok yüksek",
            "Muslim and Christian leaders prayed together",
            "Allah belanı versin senin",
        ] {
            assert!(check(text).is_none(), "{text}");
        }
    }

    #[test]
    fn an_insult_far_from_the_target_is_not_an_attack() {
        let text = "Camiye gittim, namaz kıldım, sonra eve döndüm, yolda trafik vardı, şoför salak";
        let finding = testing::finding(&rule(), text);
        assert!(
            finding.as_ref().is_none_or(|f| f.confidence < 0.55),
            "{finding:?}"
        );
    }
}
