//! `swearing`: profanity (küfür), from the lexicons: `tr.tsv`/`en.tsv` entries of the categories
//! `swearing` and `sexual`, plus the site's `words.block`.
//!
//! Obfuscated forms are caught through the skeleton (`a.q`, `s1ktir`, `s*keyim`, `o r o s p u`,
//! `ammmına`); roots take Turkish suffixes (`siktirin`). Confidence follows the entry's severity: a
//! mild word (`wtf`) goes to a moderator, a clear one is refused. Not fixable by the author.

use serde::Deserialize;

use super::abuse::{Evidence, SiteWords, lexicon_finding, spans};
use super::{BuildContext, Finding, Outcome, Rule};
use crate::Error;
use crate::lexicon::AbuseCategory;
use crate::text::Analysis;
use crate::verdict::{Message, RuleId};

/// The rule has no parameters of its own; unknown keys are errors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {}

/// The `swearing` rule.
pub struct Swearing {
    site: SiteWords,
}

impl Swearing {
    /// Builds the rule from its policy section and the site's word lists.
    pub fn new(context: &BuildContext<'_>) -> Result<Self, Error> {
        let _: Settings = context.settings.params(RuleId::Swearing)?;
        Ok(Swearing {
            site: SiteWords::new(context.policy)?,
        })
    }
}

impl Rule for Swearing {
    fn id(&self) -> RuleId {
        RuleId::Swearing
    }

    fn check(&self, text: &Analysis<'_>) -> Outcome {
        let evidence = Evidence::of(text);
        let lexicon = lexicon_finding(
            text,
            &self.site,
            &evidence.abuse,
            &[AbuseCategory::Swearing, AbuseCategory::Sexual],
        );
        let blocked = self.site.block.find(text);
        let site = lexicon_finding(text, &self.site, &blocked, &[]);
        let (confidence, ranges) = match (lexicon, site) {
            (None, None) => return Outcome::clean(),
            (Some(found), None) | (None, Some(found)) => found,
            (Some((a, mut ranges)), Some((b, more))) => {
                ranges.extend(more);
                (a.max(b), ranges)
            }
        };
        Outcome::found(Finding {
            aspects: Vec::new(),
            confidence,
            spans: spans(text, ranges),
            message: Message {
                tr: "Küfür: yorumunuz küfür içeriyor. Küfürlü yorumlar yayımlanmaz.".into(),
                en: "Swearing: your comment contains profanity. Comments with swearing are not \
                     published."
                    .into(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;
    use crate::rules::testing;

    fn rule() -> Swearing {
        testing::with_default_policy(RuleId::Swearing, Swearing::new)
    }

    fn check(text: &str) -> Option<Finding> {
        testing::finding(&rule(), text)
    }

    #[test]
    fn obfuscated_swearing_is_caught_and_refused() {
        for text in [
            "a.q bu nasıl iş",
            "s1ktir git",
            "s*keyim böyle işi",
            "ammmına koyayım",
            "sktr git",
            "bu ne amk",
            "hakem mk",
        ] {
            let finding = check(text).unwrap_or_else(|| panic!("missed {text:?}"));
            assert!(finding.confidence >= 0.9, "{text}: {}", finding.confidence);
        }
    }

    #[test]
    fn spans_point_at_the_word_after_emoji() {
        let finding = check("😡😡 Siktirin gidin").expect("fires");
        assert_eq!(finding.spans.len(), 1);
        assert_eq!((finding.spans[0].start, finding.spans[0].end), (3, 11));
        assert_eq!(finding.spans[0].text, "Siktirin");
        assert!(finding.spans.iter().all(|s| s.replacement.is_none()));
    }

    #[test]
    fn clean_words_with_profane_letters_pass() {
        for text in [
            "Amcam ameliyat oldu",
            "Sıkıntılı bir gün",
            "Amasya'ya gittik",
            "Amin.",
        ] {
            assert!(check(text).is_none(), "{text}");
        }
    }

    #[test]
    fn site_words_block_and_allow() {
        let policy = Policy::from_toml(
            "name='x'\nversion='1'\n[words]\nblock=['hıyar']\nallow=['amk']\n[rules.swearing]\naction='reject'",
        )
        .expect("parses");
        let settings = &policy.rules[&RuleId::Swearing];
        let rule = Swearing::new(&BuildContext {
            policy: &policy,
            settings,
        })
        .expect("builds");
        assert!(testing::finding(&rule, "sen tam bir hıyarsın hıyar").is_some());
        assert!(testing::finding(&rule, "bu ne amk").is_none());
        assert!(testing::finding(&rule, "siktir git").is_some());
    }
}
