//! A site's own line for the abuse rules, learnt from its moderators' decisions (`suzgec learn`).
//!
//! The site model does not replace the shipped rules; it corrects them. For each abuse rule it has
//! enough decisions for, it reads two things: a linear model over the comment's hashed n-grams,
//! trained on the site's decisions alone (the site's own words), and the shipped rules' confidences
//! and classifier scores. A small logistic regression combines them into the probability that the
//! site's moderators refuse the comment for that rule, and that probability, placed on the site's
//! line (the threshold learnt with it), replaces the rule's confidence before the policy decides.
//! Rules without a head stay as shipped, and so do `swearing` findings from clear and severe
//! words: only its mild words are the site's to judge.

use serde::{Deserialize, Serialize};
use suzgec_classify::{Model, Scorer};

use crate::Error;
use crate::policy::Policy;
use crate::rules::{Finding, Outcome};
use crate::text::Analysis;
use crate::verdict::{Message, RuleId};

/// The rules a site model may adjust, in the order of [`SiteInputs::signals`].
const ABUSE_RULES: [RuleId; 4] = RuleId::ABUSE;

/// How many numbers [`SiteInputs::signals`] holds: each abuse rule's confidence and score.
pub const SIGNALS: usize = ABUSE_RULES.len() * 2;

/// How many inputs a head's combination reads: a constant, the text model's log-odds, the signals.
pub const COMBINED: usize = SIGNALS + 2;

/// The tag every site model file starts with.
const MAGIC: [u8; 8] = *b"SZGSITE\x1a";

/// The format version this build writes and reads.
const FORMAT_VERSION: u32 = 1;

/// Words marked on a finding that only the site model makes.
const MARKED_WORDS: usize = 3;

/// What a site model reads of one comment: its classifier text and what the shipped rules made of
/// it.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteInputs {
    /// The comment as the classifiers read it (its skeleton, lower case, letters folded).
    pub classifier_text: String,
    /// Per abuse rule, in [`RuleId::ABUSE`] order: the shipped finding's confidence (0 without
    /// one) and the rule's score (0 without one).
    pub signals: [f32; SIGNALS],
}

impl SiteInputs {
    /// The inputs of an analysed comment whose rules gave `outcomes`.
    pub fn of(analysis: &Analysis<'_>, outcomes: &[(RuleId, Outcome)]) -> SiteInputs {
        let mut signals = [0.0; SIGNALS];
        for (at, rule) in ABUSE_RULES.iter().enumerate() {
            if let Some((_, outcome)) = outcomes.iter().find(|(id, _)| id == rule) {
                signals[2 * at] = outcome.finding.as_ref().map_or(0.0, |f| f.confidence);
                signals[2 * at + 1] = outcome.score.unwrap_or(0.0);
            }
        }
        SiteInputs {
            classifier_text: analysis.skeleton.classifier_text(analysis.text()),
            signals,
        }
    }

    /// The inputs of one head's combination, given the text model's log-odds for its rule.
    pub fn combined(&self, text_logit: f32) -> [f32; COMBINED] {
        let mut out = [0.0; COMBINED];
        out[0] = 1.0;
        out[1] = text_logit;
        out[2..].copy_from_slice(&self.signals);
        out
    }
}

/// One rule's part of a site model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteHead {
    /// The rule it adjusts.
    pub rule: RuleId,
    /// Logistic regression weights over [`SiteInputs::combined`].
    pub weights: Vec<f32>,
    /// The probability from which the site refuses: it lands on the rule's `review_at`.
    pub line: f32,
}

impl SiteHead {
    /// The probability that the site's moderators refuse a comment with these inputs for this
    /// rule.
    pub fn probability(&self, combined: &[f32; COMBINED]) -> f32 {
        let z: f32 = self.weights.iter().zip(combined).map(|(w, x)| w * x).sum();
        suzgec_classify::scorer::sigmoid(z)
    }

    /// The rule's confidence for a probability: the site's line lands on `review_at`, certainty on
    /// 1, so the policy's bands keep their meaning (from `review_at` a moderator decides, from
    /// `reject_at` the comment is refused).
    pub fn confidence(&self, probability: f32, review_at: f32) -> f32 {
        let line = self.line.clamp(0.01, 0.99);
        let p = probability.clamp(0.0, 1.0);
        if p < line {
            p / line * review_at
        } else {
            review_at + (p - line) / (1.0 - line) * (1.0 - review_at)
        }
    }
}

/// Agreement of a policy's decisions with a site's held-out decisions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Macro-averaged F1 of "approved" and "refused".
    pub macro_f1: f32,
    /// Counts: `[truth][predicted]`, 0 approved and 1 refused.
    pub confusion: [[usize; 2]; 2],
}

impl Agreement {
    /// The agreement of `(truth, predicted)` pairs, `true` for refused.
    pub fn of(pairs: impl IntoIterator<Item = (bool, bool)>) -> Agreement {
        let mut confusion = [[0usize; 2]; 2];
        for (truth, predicted) in pairs {
            confusion[usize::from(truth)][usize::from(predicted)] += 1;
        }
        Agreement::from_confusion(confusion)
    }

    /// The agreement of a confusion table, `[truth][predicted]`.
    pub fn from_confusion(confusion: [[usize; 2]; 2]) -> Agreement {
        let f1 = |class: usize| {
            let tp = confusion[class][class] as f32;
            let predicted = (confusion[0][class] + confusion[1][class]) as f32;
            let actual = (confusion[class][0] + confusion[class][1]) as f32;
            if tp == 0.0 {
                0.0
            } else {
                2.0 * tp / (predicted + actual)
            }
        };
        Agreement {
            macro_f1: (f1(0) + f1(1)) / 2.0,
            confusion,
        }
    }

    /// How many decisions were compared.
    pub fn decisions(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }
}

/// A word or phrase whose decisions on the site differ most from the shipped policy's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovedPhrase {
    /// The phrase, lower case.
    pub phrase: String,
    /// Decisions on comments that contain it.
    pub decisions: usize,
    /// The share of them the site refused.
    pub site_refused: f32,
    /// The share of them the shipped policy refused.
    pub shipped_refused: f32,
}

/// What a site model was learnt from and how well it agrees with the site, for moderators and for
/// tracing verdicts back to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteModelInfo {
    /// Names this model in verdicts (`policy.site_model`).
    pub version: String,
    /// When it was learnt (RFC 3339, UTC).
    pub trained_at: String,
    /// Decisions it was learnt from.
    pub decisions: usize,
    /// The newest decisions, held out to measure the agreement below.
    pub held_out: usize,
    /// The shipped policy's agreement with the held-out decisions.
    pub shipped: Agreement,
    /// The site model's agreement with them (learnt without them).
    pub site: Agreement,
    /// The rules it adjusts; the others stay as shipped.
    pub rules: Vec<RuleId>,
    /// Phrases the site refuses more often than the shipped policy does.
    pub refuses_more: Vec<MovedPhrase>,
    /// Phrases the site approves more often than the shipped policy does.
    pub approves_more: Vec<MovedPhrase>,
}

/// The part of the file that is not the text model.
#[derive(Serialize, Deserialize)]
struct Header {
    info: SiteModelInfo,
    heads: Vec<SiteHead>,
}

/// A site's line for the abuse rules, learnt from its moderators.
#[derive(Debug, Clone)]
pub struct SiteModel {
    info: SiteModelInfo,
    heads: Vec<SiteHead>,
    text: Scorer,
}

impl SiteModel {
    /// Puts a learnt model together: `text` has one head per entry of `heads`, named by its rule.
    pub fn new(info: SiteModelInfo, heads: Vec<SiteHead>, text: Model) -> Result<SiteModel, Error> {
        let names: Vec<&str> = text.heads.iter().map(|h| h.name.as_str()).collect();
        let rules: Vec<&str> = heads.iter().map(|h| h.rule.as_str()).collect();
        if names != rules {
            return Err(Error::SiteModel(format!(
                "the text model's heads {names:?} are not the rules {rules:?}"
            )));
        }
        if let Some(head) = heads.iter().find(|h| !ABUSE_RULES.contains(&h.rule)) {
            return Err(Error::SiteModel(format!(
                "`{}` is not an abuse rule",
                head.rule
            )));
        }
        if let Some(head) = heads.iter().find(|h| h.weights.len() != COMBINED) {
            return Err(Error::SiteModel(format!(
                "`{}` has {} weights, not {COMBINED}",
                head.rule,
                head.weights.len()
            )));
        }
        Ok(SiteModel {
            info,
            heads,
            text: Scorer::new(text),
        })
    }

    /// What the model was learnt from, and how well it agrees with the site.
    pub fn info(&self) -> &SiteModelInfo {
        &self.info
    }

    /// The rules' heads.
    pub fn heads(&self) -> &[SiteHead] {
        &self.heads
    }

    /// Per head, the probability that the site refuses a comment with these inputs for its rule.
    pub fn probabilities(&self, inputs: &SiteInputs) -> Vec<(RuleId, f32)> {
        let text = self.text.score(&inputs.classifier_text);
        self.heads
            .iter()
            .zip(text)
            .map(|(head, p)| (head.rule, head.probability(&inputs.combined(logit(p)))))
            .collect()
    }

    /// The site's confidence for each rule it has a head for and the policy runs, in place of the
    /// shipped one; `None` where the shipped finding stands (clear and severe swearing).
    pub fn confidences(&self, inputs: &SiteInputs, policy: &Policy) -> Vec<(RuleId, Option<f32>)> {
        self.probabilities(inputs)
            .into_iter()
            .zip(&self.heads)
            .filter_map(|((rule, probability), head)| {
                let settings = policy.rules.get(&rule)?;
                let at = ABUSE_RULES.iter().position(|r| *r == rule)?;
                let shipped = inputs.signals[2 * at];
                // Clear and severe swear words are refused on every site.
                let stands = rule == RuleId::Swearing && shipped >= settings.reject_at;
                let confidence = head.confidence(probability, settings.review_at);
                Some((rule, (!stands).then_some(confidence)))
            })
            .collect()
    }

    /// Whether the policy with this site model gives a comment with these inputs a reason of an
    /// abuse rule (to review or to refuse): what `suzgec learn` measures, without checking the
    /// comment again.
    pub fn refuses(&self, inputs: &SiteInputs, policy: &Policy) -> bool {
        let site = self.confidences(inputs, policy);
        ABUSE_RULES.iter().enumerate().any(|(at, rule)| {
            let confidence = site
                .iter()
                .find(|(r, _)| r == rule)
                .and_then(|(_, c)| *c)
                .unwrap_or(inputs.signals[2 * at]);
            policy
                .rules
                .get(rule)
                .and_then(|s| s.decide(confidence))
                .is_some()
        })
    }

    /// Replaces the abuse rules' findings with the site's judgement: `outcomes` are the rules'
    /// outcomes on `analysis`, in the policy's rule order.
    pub(crate) fn adjust(
        &self,
        analysis: &Analysis<'_>,
        outcomes: &mut [(RuleId, Outcome)],
        policy: &Policy,
    ) {
        let inputs = SiteInputs::of(analysis, outcomes);
        for (rule, confidence) in self.confidences(&inputs, policy) {
            let Some(confidence) = confidence else {
                continue;
            };
            let Some(settings) = policy.rules.get(&rule) else {
                continue;
            };
            let Some((_, outcome)) = outcomes.iter_mut().find(|(id, _)| *id == rule) else {
                continue;
            };
            // A shipped finding too weak for a reason is the site's alone to make.
            match outcome
                .finding
                .as_mut()
                .filter(|f| f.confidence >= settings.review_at)
            {
                Some(finding) => finding.confidence = confidence,
                None if confidence >= settings.review_at => {
                    outcome.finding = Some(self.finding(analysis, rule, confidence));
                }
                None => outcome.finding = None,
            }
        }
    }

    /// A finding the shipped rule did not make: it marks the words the site's text model weighs
    /// most towards refusing.
    fn finding(&self, analysis: &Analysis<'_>, rule: RuleId, confidence: f32) -> Finding {
        let Some(head) = self.heads.iter().position(|h| h.rule == rule) else {
            return site_finding(Vec::new(), confidence);
        };
        let baseline = logit(self.text.score("")[head]);
        let mut words: Vec<(f32, std::ops::Range<usize>)> = analysis
            .skeleton
            .words
            .iter()
            .map(|w| {
                (
                    logit(self.text.score(&w.text)[head]) - baseline,
                    w.chars.clone(),
                )
            })
            .filter(|(weight, _)| *weight > 0.0)
            .collect();
        words.sort_by(|a, b| b.0.total_cmp(&a.0));
        words.truncate(MARKED_WORDS);
        words.sort_by_key(|(_, chars)| chars.start);
        let spans = words
            .into_iter()
            .map(|(_, chars)| analysis.span(chars, None))
            .collect();
        site_finding(spans, confidence)
    }

    /// The model as bytes, for a file or a database row.
    pub fn encode(&self) -> Vec<u8> {
        let header = Header {
            info: self.info.clone(),
            heads: self.heads.clone(),
        };
        // Serialising plain data with string keys cannot fail.
        let json = serde_json::to_vec(&header).unwrap_or_default();
        let mut out = Vec::with_capacity(json.len() + 64);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(json.len() as u32).to_le_bytes());
        out.extend_from_slice(&json);
        out.extend_from_slice(&self.text.model().encode());
        out
    }

    /// Reads a model written by [`SiteModel::encode`].
    pub fn decode(bytes: &[u8]) -> Result<SiteModel, Error> {
        let bad = |what: &str| Error::SiteModel(what.to_owned());
        let rest = bytes
            .strip_prefix(&MAGIC)
            .ok_or_else(|| bad("not a site model file"))?;
        let (version, rest) = rest.split_at_checked(4).ok_or_else(|| bad("truncated"))?;
        let version = u32::from_le_bytes(version.try_into().map_err(|_| bad("truncated"))?);
        if version != FORMAT_VERSION {
            return Err(Error::SiteModel(format!(
                "format version {version}; this build reads {FORMAT_VERSION}"
            )));
        }
        let (length, rest) = rest.split_at_checked(4).ok_or_else(|| bad("truncated"))?;
        let length = u32::from_le_bytes(length.try_into().map_err(|_| bad("truncated"))?);
        let (json, model) = rest
            .split_at_checked(length as usize)
            .ok_or_else(|| bad("truncated"))?;
        let header: Header = serde_json::from_slice(json)
            .map_err(|e| Error::SiteModel(format!("its header: {e}")))?;
        let text = Model::decode(model).map_err(|e| Error::SiteModel(e.to_string()))?;
        SiteModel::new(header.info, header.heads, text)
    }
}

/// The log-odds of a probability.
pub fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

fn site_finding(spans: Vec<crate::verdict::Span>, confidence: f32) -> Finding {
    Finding {
        confidence,
        spans,
        message: Message {
            tr: "Bu sitenin moderatörleri bu tür yorumları yayımlamıyor.".into(),
            en: "This site's moderators do not publish comments like this.".into(),
        },
        aspects: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Decision, Moderator};
    use suzgec_classify::FeatureConfig;
    use suzgec_classify::model::Head;

    /// A model whose heads ignore the text and say `bias` (log-odds) for every comment.
    fn constant_model(rules: &[(RuleId, f32)]) -> SiteModel {
        let config = FeatureConfig {
            bits: 8,
            ..FeatureConfig::default()
        };
        let text = Model {
            config,
            heads: rules
                .iter()
                .map(|(rule, _)| Head {
                    name: rule.as_str().into(),
                    bias: 0.0,
                    scale: 1.0,
                    slope: 1.0,
                    intercept: 0.0,
                })
                .collect(),
            weights: vec![0; config.buckets() * rules.len()],
        };
        let heads = rules
            .iter()
            .map(|&(rule, bias)| {
                let mut weights = vec![0.0; COMBINED];
                weights[0] = bias;
                SiteHead {
                    rule,
                    weights,
                    line: 0.5,
                }
            })
            .collect();
        let info = SiteModelInfo {
            version: "test-1".into(),
            trained_at: "2026-12-07T00:00:00Z".into(),
            decisions: 100,
            held_out: 20,
            shipped: Agreement::default(),
            site: Agreement::default(),
            rules: rules.iter().map(|r| r.0).collect(),
            refuses_more: Vec::new(),
            approves_more: Vec::new(),
        };
        SiteModel::new(info, heads, text).expect("a consistent model")
    }

    fn moderator(model: SiteModel) -> Moderator {
        Moderator::new(Policy::default())
            .expect("default policy builds")
            .with_site_model(Some(std::sync::Arc::new(model)))
    }

    #[test]
    fn the_sites_line_lands_on_review_at() {
        let head = SiteHead {
            rule: RuleId::Insult,
            weights: vec![0.0; COMBINED],
            line: 0.3,
        };
        assert!((head.confidence(0.3, 0.5) - 0.5).abs() < 1e-6);
        assert!(head.confidence(0.29, 0.5) < 0.5);
        assert!((head.confidence(1.0, 0.5) - 1.0).abs() < 1e-6);
        assert_eq!(head.confidence(0.0, 0.5), 0.0);
        let mut last = -1.0;
        for i in 0..=100 {
            let c = head.confidence(i as f32 / 100.0, 0.5);
            assert!(c >= last, "not monotone at {i}");
            last = c;
        }
    }

    #[test]
    fn a_stricter_site_refuses_what_the_shipped_rules_pass_and_says_so() {
        let text = "Bu hafta sonu maç var mı?";
        let shipped = Moderator::new(Policy::default())
            .expect("builds")
            .check(text, None)
            .expect("verdict");
        assert!(!shipped.reasons.iter().any(|r| r.rule == RuleId::Insult));
        assert_eq!(shipped.policy.site_model, None);
        let verdict = moderator(constant_model(&[(RuleId::Insult, 6.0)]))
            .check(text, None)
            .expect("verdict");
        assert_eq!(verdict.decision, Decision::Reject);
        let reason = verdict
            .reasons
            .iter()
            .find(|r| r.rule == RuleId::Insult)
            .expect("the site's insult line");
        assert!(reason.message.en.contains("This site's moderators"));
        assert_eq!(verdict.policy.site_model.as_deref(), Some("test-1"));
    }

    #[test]
    fn a_lenient_site_approves_insults_but_never_clear_swearing() {
        let model = constant_model(&[(RuleId::Insult, -6.0), (RuleId::Swearing, -6.0)]);
        let moderator = moderator(model);
        let shipped = Moderator::new(Policy::default()).expect("builds");
        let insult = "Bakan tam bir salak.";
        let before = shipped.check(insult, None).expect("verdict");
        assert!(before.reasons.iter().any(|r| r.rule == RuleId::Insult));
        let after = moderator.check(insult, None).expect("verdict");
        assert!(
            !after.reasons.iter().any(|r| r.rule == RuleId::Insult),
            "{after:?}"
        );
        let swearing = "Siktir git buradan.";
        let before = shipped.check(swearing, None).expect("verdict");
        let after = moderator.check(swearing, None).expect("verdict");
        assert_eq!(before.decision, Decision::Reject);
        assert_eq!(after.decision, Decision::Reject);
        assert!(after.reasons.iter().any(|r| r.rule == RuleId::Swearing));
    }

    #[test]
    fn a_model_survives_its_bytes_and_garbage_is_refused() {
        let model = constant_model(&[(RuleId::Offensive, 1.5)]);
        let read = SiteModel::decode(&model.encode()).expect("decodes");
        assert_eq!(read.info(), model.info());
        assert_eq!(read.heads(), model.heads());
        let bytes = model.encode();
        for bad in [
            &b""[..],
            b"SZGSITE",
            &bytes[..bytes.len() - 3],
            b"not a model at all",
        ] {
            assert!(
                matches!(SiteModel::decode(bad), Err(Error::SiteModel(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn heads_must_match_the_text_model_and_be_abuse_rules() {
        let model = constant_model(&[(RuleId::Insult, 0.0)]);
        let text = model.text.model().clone();
        let info = model.info().clone();
        let spelling = SiteHead {
            rule: RuleId::Spelling,
            weights: vec![0.0; COMBINED],
            line: 0.5,
        };
        assert!(SiteModel::new(info.clone(), vec![spelling], text.clone()).is_err());
        let short = SiteHead {
            rule: RuleId::Insult,
            weights: vec![0.0; 2],
            line: 0.5,
        };
        assert!(SiteModel::new(info, vec![short], text).is_err());
    }

    #[test]
    fn agreement_is_macro_f1_over_both_classes() {
        let a = Agreement::of([(true, true), (true, false), (false, false), (false, false)]);
        assert_eq!(a.confusion, [[2, 0], [1, 1]]);
        // refused: p 1, r 0.5 → 0.667; approved: p 0.667, r 1 → 0.8.
        assert!((a.macro_f1 - (2.0 / 3.0 + 0.8) / 2.0).abs() < 1e-6);
        assert_eq!(a.decisions(), 4);
    }
}
