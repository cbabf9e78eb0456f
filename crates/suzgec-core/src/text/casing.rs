//! Case mapping that knows Turkish: `I`↔`ı` and `İ`↔`i` are pairs in Turkish and Azerbaijani,
//! while English pairs `I`↔`i`.
//!
//! Every comparison of words in Süzgeç goes through here, never through `str::to_lowercase`, which
//! lower-cases `KIRMIZI` to `kirmizi` instead of `kırmızı`.

use crate::verdict::Language;

/// Which alphabet's case pairs to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRules {
    /// Turkish and Azerbaijani: dotted and dotless i are separate letters.
    Turkish,
    /// English and everything else.
    English,
}

impl CaseRules {
    /// The case rules of a language; text of unknown language follows English rules, except that
    /// `İ` still lower-cases to `i` (not `i` plus a combining dot).
    pub fn for_language(language: Language) -> Self {
        match language {
            Language::Tr | Language::Az => CaseRules::Turkish,
            Language::En | Language::Other => CaseRules::English,
        }
    }

    /// Appends the lower-case form of `c` to `out`.
    pub fn push_lower(self, c: char, out: &mut String) {
        match (self, c) {
            (CaseRules::Turkish, 'I') => out.push('ı'),
            (_, 'İ') => out.push('i'),
            _ => out.extend(c.to_lowercase()),
        }
    }

    /// Appends the upper-case form of `c` to `out`.
    pub fn push_upper(self, c: char, out: &mut String) {
        match (self, c) {
            (CaseRules::Turkish, 'i') => out.push('İ'),
            (_, 'ı') => out.push('I'),
            _ => out.extend(c.to_uppercase()),
        }
    }

    /// The lower-case form of `text`.
    pub fn lower(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            self.push_lower(c, &mut out);
        }
        out
    }

    /// The upper-case form of `text`.
    pub fn upper(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            self.push_upper(c, &mut out);
        }
        out
    }

    /// `text` with its first character upper-cased and the rest lower-cased (`İSTANBUL` → `İstanbul`).
    pub fn capitalize(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars();
        if let Some(first) = chars.next() {
            self.push_upper(first, &mut out);
        }
        for c in chars {
            self.push_lower(c, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::CaseRules::{English, Turkish};

    #[test]
    fn turkish_lowercases_dotless_and_dotted_i_apart() {
        assert_eq!(Turkish.lower("KIRMIZI İNCİR"), "kırmızı incir");
        assert_eq!(English.lower("KIRMIZI"), "kirmizi");
    }

    #[test]
    fn turkish_uppercases_dotted_i_with_its_dot() {
        assert_eq!(Turkish.upper("istanbul ılık"), "İSTANBUL ILIK");
        assert_eq!(English.upper("istanbul"), "ISTANBUL");
    }

    #[test]
    fn dotted_capital_i_lowercases_to_a_single_letter_in_every_language() {
        assert_eq!(English.lower("İ").chars().count(), 1);
        assert_eq!(Turkish.lower("İ"), "i");
    }

    #[test]
    fn capitalize_keeps_turkish_letters() {
        assert_eq!(Turkish.capitalize("İSTANBUL'DA"), "İstanbul'da");
        assert_eq!(Turkish.capitalize("IRAK"), "Irak");
        assert_eq!(Turkish.capitalize("izmir"), "İzmir");
        assert_eq!(English.capitalize("iRAQ"), "Iraq");
        assert_eq!(Turkish.capitalize(""), "");
    }
}
