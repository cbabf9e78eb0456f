//! Acronyms (`NATO`, `TBMM`, `AVM`): the built-in list (`data/acronyms.txt`) and the site's, and how
//! Turkish reads one, which decides the vowel of its suffixes (`AVM'de`, `NATO'nun`, `PKK'ye`).

use std::collections::HashSet;

use super::CaseRules;
use super::orthography::is_vowel;

/// The built-in acronym list (`data/acronyms.txt`).
const BUILT_IN: &str = include_str!("../../../../data/acronyms.txt");

/// The acronyms a site knows.
#[derive(Debug, Clone)]
pub struct Acronyms {
    /// In Turkish capitals.
    listed: HashSet<String>,
}

impl Acronyms {
    /// The built-in list and the site's own (`[words] acronyms` in the policy).
    pub fn new(site: &[String]) -> Self {
        let listed = BUILT_IN
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .chain(site.iter().map(|s| s.trim()))
            .map(|a| CaseRules::Turkish.upper(a))
            .collect();
        Acronyms { listed }
    }

    /// Whether `word`, in any case, is a listed acronym (`avm` is `AVM`).
    pub fn is_listed(&self, word: &str) -> bool {
        self.listed.contains(&CaseRules::Turkish.upper(word))
    }

    /// Whether a stem written in capitals is an acronym rather than a shouted word: listed, or
    /// capitals without a vowel (`PKK`, `TBMM`), or a Roman numeral (`XIV`).
    pub fn is_acronym(&self, stem: &str) -> bool {
        let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
        let all_roman = stem.chars().all(|c| "IVXLCDM".contains(c));
        self.is_listed(stem)
            || (letters >= 2
                && !stem.chars().any(is_vowel)
                && stem.chars().all(|c| !c.is_lowercase()))
            || (all_roman && (2..=6).contains(&letters))
    }
}

/// How Turkish reads the end of `acronym`, in lower case, for the harmony of its suffixes: as a
/// word when it ends in a vowel or a vowel and one consonant (`nato`, `afad`, `tüik`), else letter
/// by letter, a consonant named with `e` (`AVM` → `me`, `AB` → `be`). `K` and `H` are also named
/// `ka` and `ha` (`SPK'nın` beside `SPK'nin`): both readings, the spelling guide's first.
pub fn reading_ends(acronym: &str) -> Vec<String> {
    let lower: Vec<char> = CaseRules::Turkish.lower(acronym).chars().collect();
    let as_word = lower.len() >= 3
        && match lower.as_slice() {
            [.., a, b] => is_vowel(*b) || (is_vowel(*a) && !is_vowel(*b)),
            _ => false,
        };
    match lower.last() {
        _ if as_word => vec![lower.iter().collect()],
        Some(c) if is_vowel(*c) => vec![c.to_string()],
        Some(c @ ('k' | 'h')) => vec![format!("{c}e"), format!("{c}a")],
        Some(c) => vec![format!("{c}e")],
        None => Vec::new(),
    }
}

/// Whether `acronym` is three consonants or more (`CHP`, `TBMM`): read letter by letter for sure,
/// where one with a vowel may be read as a word, in English too (`COVID`, `NBA`).
pub fn consonants_only(acronym: &str) -> bool {
    acronym.chars().count() >= 3 && acronym.chars().all(|c| c.is_alphabetic() && !is_vowel(c))
}

/// Whether `suffix` (lower case) may follow `acronym` as Turkish reads it (`AVM'de`, `NATO'nun`).
pub fn fits_suffix(acronym: &str, suffix: &str) -> bool {
    reading_ends(acronym)
        .iter()
        .any(|reading| suzgec_spell::fits_proper_noun(reading, suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_and_vowelless_capitals_are_acronyms() {
        let acronyms = Acronyms::new(&["ÖSYM".to_owned()]);
        assert!(acronyms.is_listed("avm") && acronyms.is_listed("AVM"));
        assert!(acronyms.is_listed("ösym"));
        assert!(acronyms.is_acronym("PKK") && acronyms.is_acronym("NATO"));
        assert!(!acronyms.is_acronym("EVET") && !acronyms.is_listed("ev"));
    }

    #[test]
    fn acronyms_are_read_as_words_or_letter_by_letter() {
        assert_eq!(reading_ends("NATO"), ["nato"]);
        assert_eq!(reading_ends("AFAD"), ["afad"]);
        assert_eq!(reading_ends("AVM"), ["me"]);
        assert_eq!(reading_ends("PKK"), ["ke", "ka"]);
        assert_eq!(reading_ends("AB"), ["be"]);
        assert_eq!(reading_ends("TÜİK"), ["tüik"]);
        assert!(fits_suffix("AVM", "de") && !fits_suffix("AVM", "da"));
        assert!(fits_suffix("SPK", "nın") && fits_suffix("SPK", "nin"));
    }
}
