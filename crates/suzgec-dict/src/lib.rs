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
static TR_SUPPLEMENT: &str = include_str!("../../../data/spell/supplement-tr.tsv");

/// Why a dictionary or its supplement could not be read.
#[derive(Debug)]
pub enum Error {
    /// `spellbook` could not parse the `.aff`/`.dic` text (it says which line).
    Hunspell(spellbook::ParseDictionaryError),
    /// A line of a supplement list is not `WORD<TAB>MODEL`, or its model word is not a stem of the
    /// dictionary.
    Supplement {
        /// 1-based line number in the supplement list.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Hunspell(e) => write!(f, "cannot read the hunspell dictionary: {e}"),
            Error::Supplement { line, message } => {
                write!(f, "supplement list, line {line}: {message}")
            }
        }
    }
}

impl std::error::Error for Error {}

/// A hunspell dictionary, loaded once and then shared (`Sync`, read-only).
pub struct Dictionary {
    inner: spellbook::Dictionary,
    /// The stems the `.dic` lists with a capital (`Kadir`, `Ankara`).
    names: std::collections::HashSet<String>,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary").finish_non_exhaustive()
    }
}

impl Dictionary {
    /// The embedded Turkish dictionary (`tr_TR`), loaded on first use, with the reviewed words it
    /// lacks (`data/spell/supplement-tr.tsv`: `hükümet` and its inflected forms) added.
    pub fn turkish() -> &'static Dictionary {
        static TR: OnceLock<Dictionary> = OnceLock::new();
        TR.get_or_init(|| {
            let mut tr = Dictionary::from_hunspell(TR_AFF, TR_DIC)
                .expect("the embedded tr_TR dictionary is checked by the crate's tests");
            tr.add_supplement(TR_SUPPLEMENT, TR_DIC)
                .expect("the embedded Turkish supplement is checked by the crate's tests");
            tr
        })
    }

    /// Adds the words of a supplement list: lines `WORD<TAB>MODEL`, where MODEL is a stem of the
    /// dictionary `dic` (the `.dic` text this dictionary was read from) that inflects like WORD;
    /// WORD gets MODEL's affix flags, so its inflected forms are accepted too (`hükümet` inflects
    /// like `cumhuriyet`). MODEL `-` adds WORD alone, without inflected forms. Empty lines and
    /// lines starting with `#` are skipped.
    ///
    /// # Errors
    /// [`Error::Supplement`] for a line without a tab or whose model is not a stem of `dic`.
    pub fn add_supplement(&mut self, list: &str, dic: &str) -> Result<(), Error> {
        let mut entries = Vec::new();
        for (i, line) in list.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((word, model)) = line.split_once('\t') else {
                return Err(Error::Supplement {
                    line: i + 1,
                    message: "expected WORD<TAB>MODEL".into(),
                });
            };
            entries.push((i + 1, word.trim(), model.trim()));
        }
        // One pass over the .dic finds every model's flags.
        let mut flags: std::collections::HashMap<&str, &str> =
            entries.iter().map(|(_, _, model)| (*model, "")).collect();
        let mut found = std::collections::HashSet::from(["-"]);
        for line in dic.lines() {
            let (stem, stem_flags) = line.split_once('/').unwrap_or((line, ""));
            if let Some(slot) = flags.get_mut(stem) {
                // A stem may have several lines; the one with the most flags inflects fully.
                if stem_flags.len() >= slot.len() {
                    *slot = stem_flags;
                }
                found.insert(stem);
            }
        }
        for (line, word, model) in entries {
            if !found.contains(model) {
                return Err(Error::Supplement {
                    line,
                    message: format!("model word `{model}` is not a stem of the dictionary"),
                });
            }
            let entry = match flags[model] {
                "" => word.to_owned(),
                model_flags => format!("{word}/{model_flags}"),
            };
            self.inner.add(&entry).map_err(|e| Error::Supplement {
                line,
                message: e.to_string(),
            })?;
        }
        Ok(())
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
        let inner = spellbook::Dictionary::new(aff, dic).map_err(Error::Hunspell)?;
        let names = dic
            .lines()
            .skip(1)
            .filter_map(|line| line.split(['/', '\t', ' ']).next())
            .filter(|stem| stem.chars().next().is_some_and(char::is_uppercase))
            .map(str::to_owned)
            .collect();
        Ok(Dictionary { inner, names })
    }

    /// Whether the dictionary lists `word` as a name of its own (`Kadir`, `Evren`, `Ankara`),
    /// whether or not it also has the common word in lower case (`kadir`, `evren`).
    pub fn has_name(&self, word: &str) -> bool {
        self.names.contains(word)
    }

    /// Whether `word` is a correctly spelled word of the dictionary's
    /// language, as hunspell judges it: inflected forms are accepted, case
    /// follows hunspell's rules (a lower-case entry also accepts its
    /// capitalised and all-capitals forms; a proper noun needs its capital).
    /// `word` is one word, without surrounding spaces or punctuation.
    pub fn check(&self, word: &str) -> bool {
        self.inner.check(word)
    }

    /// Hunspell's own corrections for `word`, best first, written into `out` (cleared first).
    /// Fast enough for English; slow for Turkish (0.1–0.3 s a word), where `suzgec-spell` has its
    /// own suggester.
    pub fn suggest(&self, word: &str, out: &mut Vec<String>) {
        self.inner.suggest(word, out);
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
    fn names_are_known_apart_from_common_words() {
        let tr = Dictionary::turkish();
        assert!(tr.has_name("Kadir") && tr.check("kadir"));
        assert!(tr.has_name("Ankara") && !tr.check("ankara"));
        assert!(!tr.has_name("Kitap") && !tr.has_name("kadir"));
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
    fn supplement_words_are_accepted_with_their_inflected_forms() {
        let tr = Dictionary::turkish();
        for w in ["hükümet", "hükümetin", "hükümete", "Hükümet", "hükümetler"] {
            assert!(tr.check(w), "{w}");
        }
        assert!(!tr.check("hükümett"));
    }

    #[test]
    fn a_supplement_line_with_an_unknown_model_is_an_error() {
        let mut d = Dictionary::from_hunspell("SET UTF-8\n", "1\nev\n").unwrap();
        assert!(d.add_supplement("# c\nbarınak\tev\n", "1\nev\n").is_ok());
        assert!(d.check("barınak"));
        let err = d.add_supplement("okul\tyok\n", "1\nev\n").unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
        assert!(d.add_supplement("okul\n", "1\nev\n").is_err());
    }

    #[test]
    fn a_broken_dictionary_is_an_error() {
        let err = Dictionary::from_hunspell("FLAG num\nSFX 0 N 1\nSFX 0 0 a .\n", "1\nev/0\n");
        assert!(err.is_err());
        let ok = Dictionary::from_hunspell("SET UTF-8\n", "1\nev\n").unwrap();
        assert!(ok.check("ev"));
    }
}
