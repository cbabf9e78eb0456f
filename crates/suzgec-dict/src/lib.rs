//! Embedded hunspell dictionaries that answer one question: is this a
//! valid word?
//!
//! Süzgeç's spelling rule and its Turkish-letter restorer need to know
//! whether a word exists, without a system dictionary installed. This crate
//! embeds two of Debian's hunspell dictionaries in the binary and reads them
//! with [`spellbook`], a pure-Rust hunspell implementation:
//!
//! * Turkish, `tr_TR` (Debian `hunspell-tr`, MPL-2.0, by Harun Reşit Zafer):
//!   about 371,000 stems with their inflected forms (`evlerimizden`);
//! * English, `en_US` (Debian `hunspell-en-us`, SCOWL licence).
//!
//! The files live in `data/hunspell/` with their licences, provenance and
//! the script that prepared them (`prepare.sh`; the Turkish file's affix
//! flag `0` is renamed because `spellbook` rejects it).
//!
//! # Main types
//!
//! * [`Dictionary`]: one loaded dictionary; [`Dictionary::turkish`] and
//!   [`Dictionary::english`] load the embedded ones on first use (about a
//!   quarter of a second for Turkish) and share them for the life of the
//!   process; [`Dictionary::check`] answers per word.
//! * [`Error`]: why a dictionary given as text could not be read.
//!
//! # Example
//!
//! ```
//! use suzgec_dict::Dictionary;
//!
//! let tr = Dictionary::turkish();
//! assert!(tr.check("çok"));
//! assert!(tr.check("evlerimizden"));
//! assert!(!tr.check("cok")); // typed without Turkish letters
//! assert!(Dictionary::english().check("news"));
//! ```

use std::sync::OnceLock;

static TR_AFF: &str = include_str!("../../../data/hunspell/tr_TR.aff");
static TR_DIC: &str = include_str!("../../../data/hunspell/tr_TR.dic");
static EN_AFF: &str = include_str!("../../../data/hunspell/en_US.aff");
static EN_DIC: &str = include_str!("../../../data/hunspell/en_US.dic");

/// Why a dictionary could not be read.
#[derive(Debug)]
pub struct Error(spellbook::ParseDictionaryError);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read the hunspell dictionary: {}", self.0)
    }
}

impl std::error::Error for Error {}

/// A hunspell dictionary, loaded once and then shared (`Sync`, read-only).
pub struct Dictionary {
    inner: spellbook::Dictionary,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary").finish_non_exhaustive()
    }
}

impl Dictionary {
    /// The embedded Turkish dictionary (`tr_TR`), loaded on first use.
    pub fn turkish() -> &'static Dictionary {
        static TR: OnceLock<Dictionary> = OnceLock::new();
        TR.get_or_init(|| {
            Dictionary::from_hunspell(TR_AFF, TR_DIC)
                .expect("the embedded tr_TR dictionary is checked by the crate's tests")
        })
    }

    /// The embedded English dictionary (`en_US`), loaded on first use.
    pub fn english() -> &'static Dictionary {
        static EN: OnceLock<Dictionary> = OnceLock::new();
        EN.get_or_init(|| {
            Dictionary::from_hunspell(EN_AFF, EN_DIC)
                .expect("the embedded en_US dictionary is checked by the crate's tests")
        })
    }

    /// Reads a dictionary from the text of a hunspell `.aff` and `.dic` file
    /// (UTF-8).
    ///
    /// # Errors
    /// [`Error`] when `spellbook` cannot parse the files (it says which line).
    pub fn from_hunspell(aff: &str, dic: &str) -> Result<Dictionary, Error> {
        spellbook::Dictionary::new(aff, dic)
            .map(|inner| Dictionary { inner })
            .map_err(Error)
    }

    /// Whether `word` is a correctly spelled word of the dictionary's
    /// language, as hunspell judges it: inflected forms are accepted, case
    /// follows hunspell's rules (a lower-case entry also accepts its
    /// capitalised and all-capitals forms; a proper noun needs its capital).
    /// `word` is one word, without surrounding spaces or punctuation.
    pub fn check(&self, word: &str) -> bool {
        self.inner.check(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_embedded_dictionaries_load() {
        Dictionary::turkish();
        Dictionary::english();
    }

    #[test]
    fn known_turkish_words_are_accepted() {
        let tr = Dictionary::turkish();
        for w in [
            "çok",
            "güzel",
            "bir",
            "ve",
            "haber",
            "öğrenci",
            "şu",
            "ışık",
            "ılık",
            "ağaç",
            "çocuk",
            "gözlük",
            "yağmur",
        ] {
            assert!(tr.check(w), "{w}");
        }
    }

    #[test]
    fn inflected_turkish_forms_are_accepted() {
        let tr = Dictionary::turkish();
        for w in [
            "evlerimizden",
            "öğrenciler",
            "çocukların",
            "gözlüklerimi",
            "yaptığı",
            "açıklamada",
            "üzüldüm",
            "kitaplarımızı",
        ] {
            assert!(tr.check(w), "{w}");
        }
    }

    #[test]
    fn turkish_proper_nouns_are_accepted_with_their_capital() {
        let tr = Dictionary::turkish();
        for w in ["İstanbul", "Ankara", "Türkiye", "İzmir"] {
            assert!(tr.check(w), "{w}");
        }
        assert!(!tr.check("istanbul"));
    }

    #[test]
    fn turkish_typed_without_turkish_letters_is_rejected() {
        let tr = Dictionary::turkish();
        for (ascii, turkish) in [
            ("cok", "çok"),
            ("guzel", "güzel"),
            ("ogrenci", "öğrenci"),
            ("uzuldum", "üzüldüm"),
            ("cocuk", "çocuk"),
            ("isik", "ışık"),
        ] {
            assert!(!tr.check(ascii), "{ascii}");
            assert!(tr.check(turkish), "{turkish}");
        }
    }

    #[test]
    fn capitalised_and_upper_case_forms_of_common_words_are_accepted() {
        let tr = Dictionary::turkish();
        assert!(tr.check("Çok"));
        assert!(tr.check("ÇOK"));
        assert!(tr.check("GÜZEL"));
    }

    #[test]
    fn english_words_and_forms_are_accepted_and_misspellings_rejected() {
        let en = Dictionary::english();
        for w in ["news", "comments", "written", "London", "isn't", "The"] {
            assert!(en.check(w), "{w}");
        }
        for w in ["recieve", "teh", "comentary", "london"] {
            assert!(!en.check(w), "{w}");
        }
    }

    #[test]
    fn turkish_is_not_english_and_back() {
        assert!(!Dictionary::english().check("güzel"));
        assert!(!Dictionary::turkish().check("beautiful"));
    }

    #[test]
    fn odd_inputs_never_panic() {
        let tr = Dictionary::turkish();
        for w in [
            "",
            " ",
            "'",
            "😀",
            "a\u{0}b",
            "İİİİİİİİİİİİ",
            &"ş".repeat(500),
        ] {
            let _ = tr.check(w);
        }
    }

    #[test]
    fn a_broken_dictionary_is_an_error() {
        let err = Dictionary::from_hunspell("FLAG num\nSFX 0 N 1\nSFX 0 0 a .\n", "1\nev/0\n");
        assert!(err.is_err());
        let ok = Dictionary::from_hunspell("SET UTF-8\n", "1\nev\n").unwrap();
        assert!(ok.check("ev"));
    }
}
