//! The policy: which rules run, what each does when it fires, their thresholds, and the site's own
//! word lists. Loaded from TOML; [`Policy::default`] is the documented built-in policy
//! (`default_policy.toml` beside this file).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::verdict::{Decision, PolicyRef, RuleId};

/// The built-in policy, as TOML: the reference for every setting.
pub const DEFAULT_POLICY_TOML: &str = include_str!("default_policy.toml");

/// What to do with a comment when a rule fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Refuse the comment when the rule is sure (`reject_at`), send it to a moderator when it is
    /// less sure (`review_at`).
    Reject,
    /// Send the comment to a moderator.
    Review,
    /// Do not run the rule.
    Off,
}

/// One rule's section of the policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleSettings {
    /// What to do when the rule fires.
    pub action: Action,
    /// Confidence from which the action applies.
    #[serde(default = "default_reject_at")]
    pub reject_at: f32,
    /// Confidence from which the comment goes to a moderator instead.
    #[serde(default = "default_review_at")]
    pub review_at: f32,
    /// The rule's own parameters; each rule documents and checks its own.
    #[serde(flatten)]
    pub params: toml::Table,
}

fn default_reject_at() -> f32 {
    0.7
}

fn default_review_at() -> f32 {
    0.4
}

impl RuleSettings {
    /// The decision for a finding of the given confidence, or `None` when it is too unsure to count.
    pub fn decide(&self, confidence: f32) -> Option<Decision> {
        match self.action {
            Action::Off => None,
            Action::Reject if confidence >= self.reject_at => Some(Decision::Reject),
            Action::Reject | Action::Review if confidence >= self.review_at => {
                Some(Decision::Review)
            }
            Action::Reject | Action::Review => None,
        }
    }

    /// Reads the rule's own parameters into its settings type, rejecting unknown keys.
    pub fn params<T: serde::de::DeserializeOwned>(&self, rule: RuleId) -> Result<T, Error> {
        toml::Value::Table(self.params.clone())
            .try_into()
            .map_err(|e: toml::de::Error| Error::RuleSettings {
                rule,
                message: e.message().to_owned(),
            })
    }
}

/// Words the site adds to or exempts from the built-in lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteWords {
    /// Words to refuse in addition to the built-in lists.
    #[serde(default)]
    pub block: Vec<String>,
    /// Words never to flag, whatever the built-in lists say.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Acronyms and abbreviations written in capitals that are not shouting (`TÜSİAD`, `YSK`).
    #[serde(default)]
    pub acronyms: Vec<String>,
}

/// A complete moderation policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Name, reported in every verdict.
    pub name: String,
    /// Version, reported in every verdict; change it whenever the policy changes.
    pub version: String,
    /// Longest comment accepted, in code points; longer text is an error, not a verdict.
    #[serde(default = "default_max_chars")]
    pub max_chars: usize,
    /// The site's word lists.
    #[serde(default)]
    pub words: SiteWords,
    /// How the abuse rules' classifiers run.
    #[serde(default)]
    pub classifier: ClassifierSettings,
    /// Each rule's section; a rule without one is off.
    #[serde(default)]
    pub rules: BTreeMap<RuleId, RuleSettings>,
    /// The site's own line, learnt from its moderators.
    #[serde(default)]
    pub site: SiteSettings,
}

/// Where the site model that adjusts the abuse rules comes from (`suzgec learn`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    /// A site model file, relative to the policy file; none keeps the rules as shipped.
    #[serde(default)]
    pub model: Option<String>,
}

/// How the `insult`, `offensive` and `belief_attack` rules consult their classifiers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassifierSettings {
    /// Ask the encoder (a fine-tuned transformer, slower) for a second opinion on the comments
    /// the fast classifier is unsure about.
    #[serde(default = "default_encoder")]
    pub encoder: bool,
    /// The fast classifier's probabilities, lowest and highest, that count as unsure.
    #[serde(default = "default_encoder_band")]
    pub encoder_band: [f32; 2],
    /// Let the encoder's group-hate head send a comment that names a group or a belief, without
    /// an attack the rules can see, to a moderator (needs `encoder`; the encoder then also reads
    /// such comments).
    #[serde(default = "default_encoder")]
    pub group_hate_review: bool,
}

fn default_encoder() -> bool {
    true
}

fn default_encoder_band() -> [f32; 2] {
    [0.2, 0.8]
}

impl Default for ClassifierSettings {
    fn default() -> Self {
        ClassifierSettings {
            encoder: default_encoder(),
            encoder_band: default_encoder_band(),
            group_hate_review: default_encoder(),
        }
    }
}

impl ClassifierSettings {
    /// Whether the encoder is asked about a comment the fast classifier gives `probability`.
    pub fn asks_encoder(&self, probability: f32) -> bool {
        let [low, high] = self.encoder_band;
        self.encoder && (low..=high).contains(&probability)
    }
}

fn default_max_chars() -> usize {
    10_000
}

impl Policy {
    /// The same policy with only the rules about what a comment says (`swearing`, `insult`,
    /// `offensive`, `belief_attack`) on: for callers that ask about abuse alone, and skip the
    /// cost of the spelling, letters and capitals rules.
    pub fn abuse_only(&self) -> Policy {
        let mut policy = self.clone();
        for rule in RuleId::FORM {
            if let Some(settings) = policy.rules.get_mut(&rule) {
                settings.action = Action::Off;
            }
        }
        policy
    }

    /// Parses a policy from TOML and checks its thresholds.
    pub fn from_toml(text: &str) -> Result<Self, Error> {
        let policy: Policy = toml::from_str(text)?;
        let [low, high] = policy.classifier.encoder_band;
        if !(0.0..=1.0).contains(&low) || !(0.0..=1.0).contains(&high) || low > high {
            return Err(Error::PolicySetting(
                "classifier.encoder_band must be [low, high] with 0 <= low <= high <= 1".into(),
            ));
        }
        for (&rule, settings) in &policy.rules {
            let valid = |x: f32| (0.0..=1.0).contains(&x);
            if !valid(settings.reject_at)
                || !valid(settings.review_at)
                || settings.review_at > settings.reject_at
            {
                return Err(Error::RuleSettings {
                    rule,
                    message: "thresholds must satisfy 0 <= review_at <= reject_at <= 1".into(),
                });
            }
        }
        Ok(policy)
    }

    /// The rules this policy runs, in the policy's rule order.
    pub fn enabled_rules(&self) -> impl Iterator<Item = (RuleId, &RuleSettings)> {
        RuleId::ALL
            .into_iter()
            .filter_map(|id| self.rules.get(&id).map(|s| (id, s)))
            .filter(|(_, s)| s.action != Action::Off)
    }

    /// How verdicts name this policy.
    pub fn reference(&self) -> PolicyRef {
        PolicyRef {
            name: self.name.clone(),
            version: self.version.clone(),
            site_model: None,
        }
    }
}

impl Default for Policy {
    fn default() -> Self {
        // The built-in policy is tested to parse; see `the_default_policy_parses` below.
        Policy::from_toml(DEFAULT_POLICY_TOML)
            .unwrap_or_else(|e| panic!("built-in policy is invalid: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_parses_and_covers_every_rule() {
        let policy = Policy::from_toml(DEFAULT_POLICY_TOML).expect("default policy parses");
        for rule in RuleId::ALL {
            assert!(
                policy.rules.contains_key(&rule),
                "default policy has no section for {rule}"
            );
        }
        assert_eq!(policy.name, "default");
    }

    #[test]
    fn thresholds_turn_confidence_into_decisions() {
        let settings = RuleSettings {
            action: Action::Reject,
            reject_at: 0.8,
            review_at: 0.5,
            params: toml::Table::new(),
        };
        assert_eq!(settings.decide(0.9), Some(Decision::Reject));
        assert_eq!(settings.decide(0.6), Some(Decision::Review));
        assert_eq!(settings.decide(0.3), None);
        let review = RuleSettings {
            action: Action::Review,
            ..settings.clone()
        };
        assert_eq!(review.decide(0.9), Some(Decision::Review));
    }

    #[test]
    fn bad_policies_are_errors_not_panics() {
        assert!(Policy::from_toml("name = 1").is_err());
        assert!(
            Policy::from_toml("name='x'\nversion='1'\n[rules.shouting]\naction='reject'").is_err()
        );
        let inverted = "name='x'\nversion='1'\n[rules.all_caps]\naction='reject'\nreject_at=0.2\nreview_at=0.9";
        assert!(matches!(
            Policy::from_toml(inverted),
            Err(Error::RuleSettings { .. })
        ));
        assert!(Policy::from_toml("name='x'\nversion='1'\nunknown_key=3").is_err());
    }

    #[test]
    fn rules_that_are_off_do_not_run() {
        let policy = Policy::from_toml("name='x'\nversion='1'\n[rules.all_caps]\naction='off'")
            .expect("parses");
        assert_eq!(policy.enabled_rules().count(), 0);
    }

    #[test]
    fn the_encoder_band_is_checked_and_bounds_the_second_opinion() {
        let settings = Policy::default().classifier;
        assert!(settings.encoder);
        assert!(settings.asks_encoder(0.5) && settings.asks_encoder(0.2));
        assert!(!settings.asks_encoder(0.1) && !settings.asks_encoder(0.95));
        let off = Policy::from_toml("name='x'\nversion='1'\n[classifier]\nencoder=false")
            .expect("parses");
        assert!(!off.classifier.asks_encoder(0.5));
        for band in ["[0.8, 0.2]", "[-0.1, 0.5]", "[0.5, 1.5]"] {
            let text = format!("name='x'\nversion='1'\n[classifier]\nencoder_band={band}");
            let error = Policy::from_toml(&text).expect_err(band);
            assert_eq!(error.code(), "invalid_policy");
        }
        assert!(Policy::from_toml("name='x'\nversion='1'\n[classifier]\nencoderr=true").is_err());
    }
}
