//! `all_caps`: comments written in capital letters ("büyük harflerle yazılmış yorumlar").
//!
//! The rule counts words written wholly in capitals, leaving out acronyms (`NATO`, `TBMM`, `AGİT`),
//! words of one letter and words with no cased letters. It fires when at least `min_words` such
//! words and `min_letters` cased letters are present and most cased letters are capitals; its
//! confidence grows with the share of capitals and the number of shouting words, so a comment that
//! is half capitals goes to a moderator while one that is all capitals is refused.
//!
//! The fix is the text in sentence case with the language's casing (`İSTANBUL'DA` → `İstanbul'da`,
//! `IRAK SINIRINDA` → `Irak sınırında`): sentences start with a capital, a word with an apostrophe
//! suffix is a proper noun and keeps its capital, a Turkish word that edited text capitalises in
//! mid-sentence keeps it (`text::truecase`, with the word before it: `Ankara Valisi`), acronyms
//! stay in capitals, and English `I` stays `I`.

use serde::Deserialize;

use super::{BuildContext, Finding, Outcome, Rule};
use crate::Error;
use crate::text::{Acronyms, Analysis, CaseRules, Position, Token, Truecase, words_in_sentences};
use crate::verdict::{Language, Message, RuleId};

/// The rule's own parameters in the policy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    /// Words written wholly in capitals needed to fire.
    #[serde(default = "default_min_words")]
    min_words: usize,
    /// Cased letters (outside acronyms) needed to fire.
    #[serde(default = "default_min_letters")]
    min_letters: usize,
}

fn default_min_words() -> usize {
    2
}

fn default_min_letters() -> usize {
    6
}

/// The `all_caps` rule.
pub struct AllCaps {
    settings: Settings,
    /// Acronyms in Turkish upper case.
    acronyms: Acronyms,
    /// Which Turkish words keep a capital in mid-sentence (`Irak`, `Ankara Valisi`).
    truecase: &'static Truecase,
}

/// Counts over the words of one comment.
#[derive(Debug, Default)]
struct Counts {
    shouting_words: usize,
    upper_letters: usize,
    cased_letters: usize,
}

impl AllCaps {
    /// Builds the rule from its policy section and the site's acronyms.
    pub fn new(context: &BuildContext<'_>) -> Result<Self, Error> {
        let settings: Settings = context.settings.params(RuleId::AllCaps)?;
        let acronyms = Acronyms::new(&context.policy.words.acronyms);
        let truecase = Truecase::built_in().map_err(|e| Error::Truecase(e.to_string()))?;
        Ok(AllCaps {
            settings,
            acronyms,
            truecase,
        })
    }

    fn count(&self, text: &Analysis<'_>) -> Counts {
        let mut counts = Counts::default();
        for token in text.words() {
            let stem = token.stem(text.text());
            let upper = stem.chars().filter(|c| c.is_uppercase()).count();
            let cased = upper + stem.chars().filter(|c| c.is_lowercase()).count();
            if cased < 2 || (upper == cased && self.acronyms.is_acronym(stem)) {
                continue;
            }
            counts.upper_letters += upper;
            counts.cased_letters += cased;
            if upper == cased {
                counts.shouting_words += 1;
            }
        }
        counts
    }

    /// The comment in sentence case: one span with its replacement per word that changes.
    fn sentence_case(&self, text: &Analysis<'_>) -> Vec<crate::verdict::Span> {
        let rules = text.case_rules();
        let turkish = rules == CaseRules::Turkish;
        let words: Vec<_> = words_in_sentences(text.text(), &text.tokens)
            .map(|(token, position)| (token, position, rules.lower(token.stem(text.text()))))
            .collect();
        let mut spans = Vec::new();
        for (at, (token, position, lower)) in words.iter().enumerate() {
            let stem = token.stem(text.text());
            let suffix = token.suffix(text.text());
            let shouting =
                stem.chars().any(char::is_uppercase) && !stem.chars().any(char::is_lowercase);
            let new_stem = if !shouting || self.acronyms.is_acronym(stem) {
                stem.to_owned()
            } else {
                let english_i = text.language() == Language::En && lower == "i";
                if *position == Position::Start
                    || !suffix.is_empty()
                    || english_i
                    || (turkish && self.is_name(&words, at))
                {
                    rules.capitalize(lower)
                } else {
                    lower.clone()
                }
            };
            let replacement = format!("{new_stem}{}", rules.lower(suffix));
            if replacement != token.text(text.text()) {
                spans.push(text.span(token.chars.clone(), Some(replacement)));
            }
        }
        spans
    }

    /// Whether the word at `at` is one edited Turkish text capitalises there, given the words
    /// beside it in its sentence.
    fn is_name(&self, words: &[(&Token, Position, String)], at: usize) -> bool {
        let (_, position, word) = &words[at];
        let previous = at
            .checked_sub(1)
            .filter(|_| *position != Position::Start)
            .map(|p| words[p].2.as_str());
        let next = words
            .get(at + 1)
            .filter(|(_, position, _)| *position != Position::Start)
            .map(|(_, _, next)| next.as_str());
        self.truecase.capitalises(previous, word, next)
    }
}

impl Rule for AllCaps {
    fn id(&self) -> RuleId {
        RuleId::AllCaps
    }

    fn check(&self, text: &Analysis<'_>) -> Outcome {
        let counts = self.count(text);
        if counts.shouting_words < self.settings.min_words
            || counts.cased_letters < self.settings.min_letters
        {
            return Outcome::clean();
        }
        let share = counts.upper_letters as f32 / counts.cased_letters as f32;
        // Half capitals is the point of doubt; all capitals is certain when enough words shout.
        let by_share = ((share - 0.5) / 0.4).clamp(0.0, 1.0);
        let by_words = 1.0 - 0.5f32.powi(counts.shouting_words as i32 + 1);
        let confidence = by_share * by_words;
        if confidence <= 0.0 {
            return Outcome::clean();
        }
        Outcome::found(Finding {
            aspects: Vec::new(),
            confidence,
            spans: self.sentence_case(text),
            message: Message {
                tr: "Yorumunuz büyük harflerle yazılmış. Lütfen normal yazın: cümle başında ve özel \
                     adlarda büyük harf, gerisi küçük harf."
                    .into(),
                en: "Your comment is written in capital letters. Please write normally: a capital at \
                     the start of each sentence and in names, small letters elsewhere."
                    .into(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    fn rule() -> AllCaps {
        testing::with_default_policy(RuleId::AllCaps, AllCaps::new)
    }

    fn check(text: &str) -> Option<Finding> {
        testing::finding(&rule(), text)
    }

    fn fixed(text: &str) -> String {
        let finding = check(text).expect("rule fires");
        let mut out: Vec<char> = text.chars().collect();
        for span in finding.spans.iter().rev() {
            let replacement = span.replacement.clone().unwrap_or_default();
            out.splice(span.start..span.end, replacement.chars());
        }
        out.into_iter().collect()
    }

    #[test]
    fn shouting_is_caught_and_sure() {
        let finding = check("BU HABER TAMAMEN YALAN, HERKES BİLİYOR").expect("fires");
        assert!(finding.confidence > 0.9, "{}", finding.confidence);
    }

    #[test]
    fn normal_text_with_acronyms_passes() {
        assert!(check("ABD ve AB, NATO zirvesinde TBMM kararını AGİT ile görüştü.").is_none());
        assert!(check("CHP ve MHP, YSK önünde açıklama yaptı").is_none());
        assert!(check("The EU and the USA met at the UN in NYC").is_none());
    }

    #[test]
    fn acronyms_alone_are_not_shouting() {
        assert!(check("ABD AB NATO TBMM BM").is_none());
    }

    #[test]
    fn one_emphasised_word_or_a_one_word_reply_is_not_shouting() {
        assert!(check("Bu haber ÇOK önemli, herkes okumalı").is_none());
        assert!(check("TEŞEKKÜRLER").is_none());
        assert!(check("OK").is_none());
    }

    #[test]
    fn half_capitals_goes_to_review_confidence() {
        let finding =
            check("BU HABER TAMAMEN doğru ama yorumlar çok kötü olmuş").map(|f| f.confidence);
        assert!(finding.is_none_or(|c| c < 0.7), "{finding:?}");
    }

    #[test]
    fn the_fix_uses_turkish_casing_and_keeps_acronyms() {
        assert_eq!(
            fixed("İSTANBUL'DA HAVA ÇOK GÜZEL"),
            "İstanbul'da hava çok güzel"
        );
        assert_eq!(
            fixed("IRAK VE ABD'NİN ANLAŞMASI İYİ"),
            "Irak ve ABD'nin anlaşması iyi"
        );
        assert_eq!(
            fixed("BU YALAN. HERKES BİLİYOR!"),
            "Bu yalan. Herkes biliyor!"
        );
    }

    #[test]
    fn the_fix_keeps_names_capitalised_in_mid_sentence() {
        assert_eq!(
            fixed("İSTANBUL'DA TRAFİK KİLİTLENDİ, IRAK SINIRINDA DA DURUM AYNI"),
            "İstanbul'da trafik kilitlendi, Irak sınırında da durum aynı"
        );
        assert_eq!(
            fixed("DÜN ANKARA VALİSİ İLE TÜRK HEYETİ GÖRÜŞTÜ"),
            "Dün Ankara Valisi ile Türk heyeti görüştü"
        );
        // English text is not truecased from Turkish news.
        assert_eq!(
            fixed("THE TURK AND THE ANKARA GOVERNOR MET"),
            "The turk and the ankara governor met"
        );
    }

    #[test]
    fn the_fix_keeps_english_i() {
        assert_eq!(
            fixed("I THINK THIS IS WRONG AND I'M ANGRY"),
            "I think this is wrong and I'm angry"
        );
    }

    #[test]
    fn spans_are_the_shouted_words() {
        let finding = check("bunu okuyun: ÇOK ÖNEMLİ BİR HABER").expect("fires");
        let words: Vec<&str> = finding.spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(words, vec!["ÇOK", "ÖNEMLİ", "BİR", "HABER"]);
    }
}
