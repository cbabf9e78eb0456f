//! Restores Turkish letters in text typed on an ASCII keyboard.
//!
//! Many Turkish comments are typed without `ç ğ ı ö ş ü`: *Bu haberi okuyunca
//! cok uzuldum* for *Bu haberi okuyunca çok üzüldüm*. This crate turns
//! `c g i o s u` / `C G I O S U` back into `ç ğ ı ö ş ü` / `Ç Ğ İ Ö Ş Ü` where
//! Turkish needs them and changes nothing else: the output has as many chars
//! as the input, letters keep their case (`COK` → `ÇOK`), and URLs, e-mail
//! addresses, @mentions, #hashtags, digits, punctuation and emoji are kept
//! byte for byte. Letters that already carry Turkish marks are kept and used
//! as context. Süzgeç's `no_turkish_chars` rule is built on it.
//!
//! # Main types
//!
//! * [`Model`]: the stored model, plain data with [`Model::encode`] and
//!   [`Model::decode`] (a magic tag, a format version and a checksum).
//! * [`Restorer`]: the runtime restorer built from a model;
//!   [`Restorer::embedded`] loads the model shipped in `data/restore/`.
//! * [`RestoredWord`]: one changed word with char offsets and a confidence.
//! * [`Lexicon`]: an optional word list consulted for words the model's own
//!   lexicon does not know ([`Restorer::with_lexicon`]);
//!   [`TurkishDictionary`] is the hunspell `tr_TR` dictionary embedded by
//!   `suzgec-dict`, which [`Restorer::embedded`] uses.
//! * `train` (feature `train`): builds a model from correct text and
//!   measures word accuracy.
//!
//! # How it decides
//!
//! Each word is looked up by its *key* (lower case without Turkish marks).
//! A key seen in training with a single form gets that form. A key seen with
//! several forms (`aci` → `acı`/`açı`) is decided by the form counts, the
//! neighbouring words' keys, and a character n-gram model of restored text
//! reading the words already decided. An unseen word is decided by a beam
//! search of the character model and a letter classifier over its ambiguous
//! letters; with a [`Lexicon`], the best candidate the word list accepts
//! wins (`ozbegen` → `özbeğen` only if the list knows it; else the one whose
//! longest prefix it knows is longest: `ihtiyaclisina` → `ihtiyaçlısına`), and a capitalised
//! word none of whose candidates it accepts keeps its letters as typed
//! unless the models are sure (foreign names: `Miami`, `Butler`).
//!
//! # Example
//!
//! ```
//! use suzgec_restore::Restorer;
//!
//! let restorer = Restorer::embedded();
//! assert_eq!(
//!     restorer.restore("Bu haberi okuyunca cok uzuldum"),
//!     "Bu haberi okuyunca çok üzüldüm"
//! );
//! let changes = restorer.restore_words("COK guzel @kullanici");
//! assert_eq!(changes[0].restored, "ÇOK");
//! assert_eq!((changes[1].start, changes[1].end), (4, 9));
//! assert_eq!(changes.len(), 2);
//! ```

mod error;
mod example;
mod features;
mod lm;
pub mod model;
mod restorer;
mod table;
mod text;
#[cfg(feature = "train")]
pub mod train;

pub use error::Error;
pub use model::Model;
pub use restorer::{Lexicon, RestoredWord, Restorer, TurkishDictionary};
pub use text::asciify;
