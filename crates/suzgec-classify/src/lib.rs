//! Fast linear text classifiers for Süzgeç's abuse rules: hashed character and word n-grams, one
//! logistic-regression head per label, weights quantised to `i8`, scores calibrated on held-out
//! data. The crate knows nothing of rules or policies: it maps a text to one probability per head.
//!
//! # Main types
//!
//! * [`FeatureConfig`]: which n-grams, how many hash buckets.
//! * [`Model`]: the stored model, plain data with [`Model::encode`] and [`Model::decode`] (a magic
//!   tag, a format version and a checksum; a short or foreign file is an error).
//! * [`Scorer`]: the runtime scorer; [`Scorer::embedded`] loads the abuse model shipped in
//!   `data/abuse/`.
//! * `train` (feature `train`): [`train::train`] over [`train::Example`]s.
//!
//! # Example
//!
//! ```
//! use suzgec_classify::Scorer;
//!
//! let scorer = Scorer::embedded().expect("the embedded model loads");
//! let abusive = scorer.head("abusive_tr").expect("has the head");
//! let scores = scorer.score("sen tam bir gerizekalisin");
//! assert!(scores[abusive] > scorer.score("bugun hava cok guzel")[abusive]);
//! ```

mod error;
pub mod features;
pub mod model;
pub mod scorer;
#[cfg(feature = "train")]
pub mod train;

use std::sync::OnceLock;

pub use error::Error;
pub use features::FeatureConfig;
pub use model::Model;
pub use scorer::Scorer;

/// The abuse model trained by `suzgec train abuse` (see `data/abuse/README.md`).
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../data/abuse/model.bin");

impl Scorer {
    /// The scorer of the embedded abuse model, decoded once.
    pub fn embedded() -> Result<&'static Scorer, Error> {
        static SCORER: OnceLock<Result<Scorer, Error>> = OnceLock::new();
        SCORER
            .get_or_init(|| Model::decode(EMBEDDED_MODEL).map(Scorer::new))
            .as_ref()
            .map_err(Clone::clone)
    }
}
