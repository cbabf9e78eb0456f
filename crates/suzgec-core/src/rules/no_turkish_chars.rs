//! `no_turkish_chars`: Turkish typed without Turkish letters ("Türkçe karakter kullanılmayan
//! yorumlar"), `cok guzel` for `çok güzel`.
//!
//! On Turkish text only, the restorer (`suzgec-restore`) proposes the letters each word needs. The
//! rule weighs the words it would change against the words the author already wrote with Turkish
//! letters: a comment typed on an ASCII keyboard changes most of them, while a single slip in a long,
//! otherwise correct comment is a spelling matter and stays below `min_share`. The fix is the
//! restored text.

use serde::Deserialize;
use suzgec_restore::{RestoredWord, Restorer};
use suzgec_spell::{Check, Speller};

use super::{BuildContext, Finding, Outcome, Rule};
use crate::Error;
use crate::text::Analysis;
use crate::text::lang::has_turkish_letter;
use crate::verdict::{Language, Message, RuleId};

/// The rule's own parameters in the policy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    /// Words that need Turkish letters before the rule fires.
    #[serde(default = "default_min_words")]
    min_words: usize,
    /// Share, among the words that need Turkish letters, of those typed without them.
    #[serde(default = "default_min_share")]
    min_share: f32,
    /// The same share when at least two words need letters: a lone changed word in correct text is
    /// more often a name the restorer does not know than a word typed without its letters.
    #[serde(default = "default_min_share_several")]
    min_share_several: f32,
    /// The restorer's confidence from which a word counts as needing letters.
    #[serde(default = "default_min_word_confidence")]
    min_word_confidence: f32,
}

fn default_min_words() -> usize {
    1
}

fn default_min_share() -> f32 {
    0.5
}

fn default_min_share_several() -> f32 {
    0.2
}

fn default_min_word_confidence() -> f32 {
    0.5
}

/// The `no_turkish_chars` rule.
pub struct NoTurkishChars {
    settings: Settings,
    restorer: &'static Restorer,
}

impl NoTurkishChars {
    /// Builds the rule from its policy section, with the embedded restorer.
    pub fn new(context: &BuildContext<'_>) -> Result<Self, Error> {
        let settings: Settings = context.settings.params(RuleId::NoTurkishChars)?;
        Ok(NoTurkishChars {
            settings,
            restorer: Restorer::embedded(),
        })
    }
}

impl Rule for NoTurkishChars {
    fn id(&self) -> RuleId {
        RuleId::NoTurkishChars
    }

    fn check(&self, text: &Analysis<'_>) -> Outcome {
        if text.language() != Language::Tr {
            return Outcome::clean();
        }
        let misplaced = misplaced_dotless(self.restorer, text);
        // A word with a misplaced `ı` is fixed whole (`gorusmedık` → `görüşmedik`), not also by
        // the restorer, which keeps the `ı`.
        let mut changed: Vec<RestoredWord> = self
            .restorer
            .restore_words(text.text())
            .into_iter()
            .filter(|w| w.confidence >= self.settings.min_word_confidence)
            .filter(|w| !misplaced.iter().any(|m| m.start == w.start))
            .collect();
        changed.extend(misplaced);
        changed.sort_by_key(|w| w.start);
        if changed.len() < self.settings.min_words.max(1) {
            return Outcome::clean();
        }
        // Written with Turkish letters: the words that have some and need none changed (`görüs`,
        // typed with one letter and without another, is among the changed words only).
        let words_with_turkish_letters = text
            .words()
            .filter(|t| has_turkish_letter(t.text(text.text())))
            .filter(|t| {
                changed
                    .binary_search_by_key(&t.chars.start, |w| w.start)
                    .is_err()
            })
            .count();
        let share = changed.len() as f32 / (changed.len() + words_with_turkish_letters) as f32;
        let several = changed.len() >= 2 && share >= self.settings.min_share_several;
        if share < self.settings.min_share && !several {
            return Outcome::clean();
        }
        let mean_confidence =
            changed.iter().map(|w| w.confidence).sum::<f32>() / changed.len() as f32;
        // One word is weaker evidence than several. The share only gates: past it, how sure the rule
        // is depends on how sure the restorer is about the words.
        let by_words = 1.0 - 0.5f32.powi(changed.len() as i32 + 1);
        let confidence = (mean_confidence * (0.5 + 0.5 * by_words)).clamp(0.0, 1.0);
        let spans = changed
            .into_iter()
            .map(|w| text.span(w.start..w.end, Some(w.restored)))
            .collect();
        Outcome::found(Finding {
            aspects: Vec::new(),
            confidence,
            spans,
            message: Message {
                tr: "Yorumunuz Türkçe karakterler (ç, ğ, ı, ö, ş, ü) kullanılmadan ya da yanlış \
                     yerlerinde kullanılarak yazılmış. Harfleri düzeltilmiş metni tek tıkla kabul \
                     edebilirsiniz."
                    .into(),
                en: "Your comment is written without Turkish letters (ç, ğ, ı, ö, ş, ü), or with them \
                     in the wrong places. You can accept the text with its letters restored in one \
                     click."
                    .into(),
            },
        })
    }
}

/// How sure the rule is of a word with a misplaced `ı` that the dictionary accepts once its
/// letters are restored.
const MISPLACED_CONFIDENCE: f32 = 0.9;

/// Words typed with `ı` where Turkish has `i` (`kendınıze`, `senı`, `gerekır`: often a phone's
/// Turkish lower-casing of typed capitals): the dictionary rejects the word as typed and accepts it
/// with its letters restored from the undotted form. Char offsets, like the restorer's.
fn misplaced_dotless(restorer: &Restorer, text: &Analysis<'_>) -> Vec<RestoredWord> {
    let speller = Speller::turkish();
    text.words()
        .filter_map(|token| {
            let word = token.text(text.text());
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            let capitals_inside = word.chars().skip(1).any(char::is_uppercase);
            if !word.contains('ı') || capitals_inside || word.chars().count() < 3 {
                return None;
            }
            // A capitalised word the dictionary lacks is not judged (a name), but may be a known
            // name with its `ı` misplaced (`Dılara`).
            match speller.check(word) {
                Check::Wrong { .. } => {}
                Check::Skipped if capitalised => {}
                _ => return None,
            }
            let restored = restorer.restore(&word.replace('ı', "i"));
            (restored != word && speller.check(&restored) == Check::Correct).then(|| RestoredWord {
                start: token.chars.start,
                end: token.chars.end,
                original: word.to_owned(),
                restored,
                confidence: MISPLACED_CONFIDENCE,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    fn rule() -> NoTurkishChars {
        testing::with_default_policy(RuleId::NoTurkishChars, NoTurkishChars::new)
    }

    fn check(text: &str) -> Option<Finding> {
        testing::finding(&rule(), text)
    }

    /// Each span's text and replacement.
    fn fixes(finding: &Finding) -> Vec<(&str, &str)> {
        finding
            .spans
            .iter()
            .map(|s| (s.text.as_str(), s.replacement.as_deref().unwrap_or("")))
            .collect()
    }

    #[test]
    fn ascii_typed_turkish_is_caught_with_its_letters_restored() {
        let finding = check("Bu haberi okuyunca cok uzuldum").expect("fires");
        assert_eq!(
            fixes(&finding),
            vec![("cok", "çok"), ("uzuldum", "üzüldüm")]
        );
        assert!(finding.confidence >= 0.7, "{}", finding.confidence);
    }

    #[test]
    fn a_dotless_i_typed_for_i_is_restored_too() {
        let finding = check("hem ben senı herkesten iyi tanırım").expect("fires");
        assert_eq!(fixes(&finding), vec![("senı", "seni")]);
        let finding = check("bugün gorusmedık").expect("fires");
        assert_eq!(finding.spans.len(), 1, "{:?}", finding.spans);
        assert_eq!(finding.spans[0].replacement.as_deref(), Some("görüşmedik"));
        let finding = check("Dılara almanca ogretıyo bana").expect("fires");
        assert_eq!(finding.spans[0].replacement.as_deref(), Some("Dilara"));
        // Words with their `ı` in place, and names the dictionary lacks, stay.
        assert!(check("Kırıkkale'de ılık bir akşam, Yıldırımoğulları geldi").is_none());
    }

    #[test]
    fn a_word_with_some_of_its_letters_counts_as_typed_without_them() {
        // Two of ten words need letters; `görüs` has one and lacks one: it is not also counted
        // among the words written with Turkish letters.
        let finding = check(
            "bu kadar meraklıysan seni kapatalım çarşaflara canım hem acık görüs alanın kapanır",
        )
        .expect("fires");
        let fixed: Vec<&str> = finding.spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(fixed, vec!["acık", "görüs"]);
    }

    #[test]
    fn correct_turkish_without_special_letters_passes() {
        assert!(check("Ben de bu fikirdeyim").is_none());
        assert!(check("Bu haberi okuyunca çok üzüldüm").is_none());
    }

    #[test]
    fn one_slip_in_a_long_correct_comment_is_not_this_rule() {
        assert!(check("Bu haberi okuyunca çok üzüldüm, yetkililerin gereğini yapması gerekiyor, gecmis olsun").is_none());
    }

    #[test]
    fn english_and_azerbaijani_are_left_alone() {
        assert!(check("This is a good article about the economy").is_none());
        assert!(check("Çox gözəl xəbərdir, təşəkkür edirəm").is_none());
    }

    #[test]
    fn urls_and_mentions_are_not_words_to_restore() {
        let finding = check("@ahmetcicek https://ornek.com/cicek haberi okuyunca cok uzuldum");
        let spans = finding.expect("fires").spans;
        assert!(spans.iter().all(|s| !s.text.contains("cicek")), "{spans:?}");
    }

    #[test]
    fn spans_point_past_emoji() {
        let finding = check("😀 cok guzel").expect("fires");
        assert_eq!((finding.spans[0].start, finding.spans[0].end), (2, 5));
    }
}
