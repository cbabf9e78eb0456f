//! Case mapping and letter folding for word comparison.
//!
//! Süzgeç's core has the full Turkish-aware case rules (`suzgec_core::text::casing`); this crate sits
//! below the core and needs only the word-level part, so it keeps this small copy of the same rule:
//! in Turkish `I` ↔ `ı` and `İ` ↔ `i`.

use crate::Language;

/// The lower-case form of `word` under the language's case rules.
pub fn lower(word: &str, language: Language) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match (language, c) {
            (Language::Turkish, 'I') => out.push('ı'),
            (_, 'İ') => out.push('i'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// `word` with its first letter upper-cased (the rest unchanged): `türkiye` → `Türkiye`.
pub fn capitalize(word: &str, language: Language) -> String {
    let mut chars = word.chars();
    let mut out = String::with_capacity(word.len() + 1);
    if let Some(first) = chars.next() {
        match (language, first) {
            (Language::Turkish, 'i') => out.push('İ'),
            (_, 'ı') => out.push('I'),
            _ => out.extend(first.to_uppercase()),
        }
    }
    out.extend(chars);
    out
}

/// Whether the first letter is upper case.
pub fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether every letter is upper case and there are at least two (`ABD`, `NATO`).
pub fn is_all_upper(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// The letter without its Turkish marks, lower case: `ç` → `c`, `ı` → `i`; other letters as given.
pub fn fold(c: char) -> char {
    match c {
        'ç' | 'Ç' => 'c',
        'ğ' | 'Ğ' => 'g',
        'ı' | 'I' | 'İ' => 'i',
        'ö' | 'Ö' => 'o',
        'ş' | 'Ş' => 's',
        'ü' | 'Ü' => 'u',
        'â' | 'Â' => 'a',
        'î' | 'Î' => 'i',
        'û' | 'Û' => 'u',
        _ => c,
    }
}

/// A lower-case word folded letter by letter ([`fold`]).
pub fn folded(lower: &str) -> String {
    lower.chars().map(fold).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turkish_case_keeps_dotless_and_dotted_i_apart() {
        assert_eq!(lower("KIRMIZI İNCİR", Language::Turkish), "kırmızı incir");
        assert_eq!(lower("KIRMIZI", Language::English), "kirmizi");
        assert_eq!(capitalize("izmir", Language::Turkish), "İzmir");
        assert_eq!(capitalize("ırak", Language::Turkish), "Irak");
    }

    #[test]
    fn acronyms_are_two_or_more_capitals() {
        assert!(is_all_upper("ABD"));
        assert!(is_all_upper("NATO"));
        assert!(!is_all_upper("A"));
        assert!(!is_all_upper("Ankara"));
    }

    #[test]
    fn folding_drops_turkish_marks() {
        assert_eq!(folded("çığöşü"), "cigosu");
    }
}
