//! Spelling for Süzgeç: is this word written correctly, and if not, what did the author mean?
//!
//! The hunspell dictionaries of `suzgec-dict` say whether a word exists; this crate adds what a
//! moderation system needs around them, for Turkish and English:
//!
//! * word checks that do not cry wolf: names the dictionary lacks (`Lavrov`, `Bayramov'un`) and
//!   acronyms (`CHP`, `NATO'nun`) are skipped, not flagged; proper nouns need their apostrophe
//!   (`Türkiyenin` → `Türkiye'nin`) and common nouns none (`okul'da` → `okulda`);
//! * a curated list of frequent misspellings and colloquial spellings (`herkez`, `yanlız`, `birşey`,
//!   `gidiyom`, `saol`: `data/spell/misspellings.tsv`);
//! * a fast Turkish suggester: candidates within two edits of the word in a word-frequency model
//!   trained on correct Turkish (a folded deletion index, so `c`/`ç` slips are free to find),
//!   colloquial endings (`-iyo` → `-iyor`, `-cem` → `-eceğim`), squeezed repeated letters, proper
//!   nouns and splits into two words, ranked by frequency against the cost of the edit.
//!   English suggestions come from the dictionary.
//!
//! It knows nothing of comments or rules: Süzgeç's `spelling` rule (in `suzgec-core`) adds the
//! orthography rules that need the surrounding words (`de/da`, `ki`, `mi`).
//!
//! # Main types
//!
//! * [`Speller`]: one language's checker and suggester; [`Speller::turkish`] and
//!   [`Speller::english`] load the embedded data on first use.
//! * [`Check`] and [`ErrorKind`]: the answer for one word.
//! * [`FrequencyList`]: the stored frequency model (magic tag, format version, words and counts).
//! * [`MisspellingList`]: the curated list.
//! * `train` (feature `train`): counts words of correct text into a [`FrequencyList`].
//!
//! # Example
//!
//! ```
//! use suzgec_spell::{Check, ErrorKind, Speller};
//!
//! let tr = Speller::turkish();
//! assert_eq!(tr.check("güzel"), Check::Correct);
//! assert_eq!(tr.check("Lavrov"), Check::Skipped);
//! assert!(matches!(tr.check("herkez"), Check::Wrong { kind: ErrorKind::Listed, .. }));
//! assert_eq!(tr.suggest("Türkiyenin", 1), vec!["Türkiye'nin"]);
//! assert_eq!(tr.suggest("geliyom", 1), vec!["geliyorum"]);
//! ```

pub mod case;
mod error;
pub mod freq;
pub mod misspellings;
mod speller;
mod suggest;
#[cfg(feature = "train")]
pub mod train;

pub use error::Error;
pub use freq::FrequencyList;
pub use misspellings::{Listed, ListedKind, MisspellingList};
pub use speller::{Check, ErrorKind, Speller, fits_proper_noun, is_proper_suffix};

/// The languages this crate spells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// Turkish (`tr_TR`).
    Turkish,
    /// English (`en_US`).
    English,
}
