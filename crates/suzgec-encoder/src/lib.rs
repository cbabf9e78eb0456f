//! A small multilingual transformer, fine-tuned by Süzgeç to tell offensive comments from clean
//! ones, for the comments the fast linear classifier is unsure about.
//!
//! The network is multilingual-e5-small (12 layers, 384 wide; MIT licence) cut down to the
//! vocabulary pieces Turkish and English comments use, fine-tuned on the project's training sets
//! and stored with 8-bit layers and 4-bit word embeddings (`data/abuse/encoder.safetensors`;
//! `data/abuse/ENCODER.md` gives the commands that made it). [`Encoder::scores`] runs it on one
//! comment on the CPU and reads its heads: whether the comment is abusive, and whether it is hate
//! against a protected group (`data/abuse/encoder_heads.safetensors`); [`Encoder::embedded`] is the
//! shipped model with its heads.

mod error;
mod heads;
mod model;
mod tokenizer;

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use error::Error;
pub use heads::{DeepHead, Estimate, Exit, ExtraHeads, Head, Hidden};
pub use model::{Config, Network, read_exits, read_extra_heads};
pub use tokenizer::{Specials, Tokenizer};

/// Comments longer than this many windows of pieces are scored on their first windows only.
const MAX_WINDOWS: usize = 4;

/// Encoder runs in progress, all encoders together.
static RUNNING: AtomicUsize = AtomicUsize::new(0);
/// At most this many runs at once; [`Encoder::try_probability`] declines the others.
static PARALLEL_LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);

/// The threads the encoder runs on once [`limit_parallel_runs`] is called.
static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();

/// Sets how many encoder runs may go on at once in this process (at least one) and, on the first
/// call, gives the encoder a pool of that many threads: its matrix products then use those threads
/// and no others. A server calls it so that under load the encoder takes some of the cores and
/// the fast path keeps the rest; without it there is no limit and the encoder runs on the
/// caller's thread (its matrix products on the global thread pool).
pub fn limit_parallel_runs(runs: usize) {
    let runs = runs.max(1);
    PARALLEL_LIMIT.store(runs, Ordering::Relaxed);
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(runs)
            .thread_name(|i| format!("suzgec-encoder-{i}"))
            .build()
            .ok()
    });
}

/// A run counted in [`RUNNING`] until dropped.
struct Run;

impl Run {
    fn start() -> Option<Run> {
        let limit = PARALLEL_LIMIT.load(Ordering::Relaxed);
        RUNNING
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < limit).then_some(n + 1)
            })
            .ok()
            .map(|_| Run)
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The tokenizer and network of a model file, with the extra heads and the exits when they are
/// loaded.
pub struct Encoder {
    tokenizer: Tokenizer,
    network: Network,
    extra: Option<ExtraHeads>,
    exits: Vec<Exit>,
}

/// What the encoder read of a comment: every head after the last layer, or an exit's estimate
/// that the caller found enough.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reading {
    /// Every layer ran.
    Final(Scores),
    /// The comment left at an exit.
    Early(Estimate),
}

/// What the heads say about one comment, each the highest over the comment's windows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// The probability that the comment is offensive.
    pub abusive: f32,
    /// The probability that it is hate against a protected group, when the extra heads are loaded.
    pub group_hate: Option<f32>,
}

fn sigmoid(logit: f32) -> f32 {
    1.0 / (1.0 + (-logit).exp())
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoder")
            .field("config", &self.network.config())
            .field("vocabulary", &self.tokenizer.len())
            .finish()
    }
}

impl Encoder {
    /// Loads a model file (see the `model` module for its layout).
    pub fn from_bytes(bytes: &[u8]) -> Result<Encoder, Error> {
        let (tokenizer, network) = model::read(bytes, false)?;
        let network = network.ok_or_else(|| Error::Invalid("no network".into()))?;
        Ok(Encoder {
            tokenizer,
            network,
            extra: None,
            exits: Vec::new(),
        })
    }

    /// The encoder with the exits of an `encoder_exits.safetensors` file.
    pub fn with_exits(self, bytes: &[u8]) -> Result<Encoder, Error> {
        let config = self.network.config();
        let exits = read_exits(bytes, config.hidden, config.layers)?;
        Ok(Encoder { exits, ..self })
    }

    /// The encoder with the extra heads of an `encoder_heads.safetensors` file.
    pub fn with_extra_heads(self, bytes: &[u8]) -> Result<Encoder, Error> {
        let extra = read_extra_heads(bytes, self.network.config().hidden)?;
        Ok(Encoder {
            extra: Some(extra),
            ..self
        })
    }

    /// Only the tokenizer of a model file (to prepare training data).
    pub fn tokenizer_from_bytes(bytes: &[u8]) -> Result<Tokenizer, Error> {
        Ok(model::read(bytes, true)?.0)
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// The network.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The piece ids the network reads for `text`: `<s>`, the pieces, `</s>`, in windows of at
    /// most `max_positions` (at most four windows).
    pub fn windows(&self, text: &str) -> Vec<Vec<u32>> {
        let config = self.network.config();
        let specials = config.specials;
        let width = config.max_positions.saturating_sub(2).max(1);
        let pieces = self.tokenizer.encode(text);
        pieces
            .chunks(width)
            .take(MAX_WINDOWS)
            .map(|chunk| {
                let mut ids = Vec::with_capacity(chunk.len() + 2);
                ids.push(specials.bos);
                ids.extend_from_slice(chunk);
                ids.push(specials.eos);
                ids
            })
            .collect()
    }

    /// [`Encoder::scores`], or `None` when the limit set by [`limit_parallel_runs`] is reached
    /// (the caller goes on without the encoder's opinion rather than wait).
    pub fn try_scores(&self, text: &str) -> Option<Result<Scores, Error>> {
        self.try_reading_with(|| self.scores(text))
    }

    /// [`Encoder::reading`], or `None` when the limit set by [`limit_parallel_runs`] is reached.
    pub fn try_reading(
        &self,
        text: &str,
        enough: impl FnMut(&Estimate) -> bool + Send,
    ) -> Option<Result<Reading, Error>> {
        self.try_reading_with(|| self.reading(text, enough))
    }

    /// Runs `read` as one of the limited parallel runs, on the encoder's threads.
    fn try_reading_with<T: Send>(&self, read: impl FnOnce() -> T + Send) -> Option<T> {
        let _run = Run::start()?;
        Some(match POOL.get() {
            Some(Some(pool)) => pool.install(read),
            _ => read(),
        })
    }

    /// Every head's probability for `text`: one pass through the network per window.
    pub fn scores(&self, text: &str) -> Result<Scores, Error> {
        self.scores_of_windows(&self.windows(text))
    }

    /// Every head's probability for a comment's windows of piece ids.
    fn scores_of_windows(&self, windows: &[Vec<u32>]) -> Result<Scores, Error> {
        let pooled = windows
            .iter()
            .map(|ids| self.network.pooled(ids))
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(self.heads(&pooled))
    }

    /// Reads `text` as [`Encoder::scores`] does, but a comment of one window may leave at an
    /// exit: `enough` sees each exit's estimate in turn, and the first it accepts is the reading.
    pub fn reading(
        &self,
        text: &str,
        mut enough: impl FnMut(&Estimate) -> bool,
    ) -> Result<Reading, Error> {
        let windows = self.windows(text);
        let ([ids], false) = (windows.as_slice(), self.exits.is_empty()) else {
            return Ok(Reading::Final(self.scores_of_windows(&windows)?));
        };
        let stops: Vec<usize> = self.exits.iter().map(Exit::layer).collect();
        let mut early = None;
        let pooled = self.network.pooled_unless(ids, &stops, |layer, pooled| {
            let Some(exit) = self.exits.iter().find(|e| e.layer() == layer) else {
                return false;
            };
            let estimate = exit.estimate(pooled);
            let stop = enough(&estimate);
            if stop {
                early = Some(estimate);
            }
            stop
        })?;
        Ok(match early {
            Some(estimate) => Reading::Early(estimate),
            None => Reading::Final(self.heads(&[pooled])),
        })
    }

    /// The heads' probabilities on the pooled vectors of a comment's windows, each the highest
    /// over the windows.
    fn heads(&self, pooled: &[Vec<f32>]) -> Scores {
        let mut abusive = f32::NEG_INFINITY;
        let mut group_hate = f32::NEG_INFINITY;
        for pooled in pooled {
            abusive = abusive.max(self.network.head().logit(pooled));
            if let Some(extra) = &self.extra {
                group_hate = group_hate.max(extra.group_hate.logit(pooled));
            }
        }
        Scores {
            abusive: sigmoid(abusive),
            group_hate: self.extra.as_ref().map(|_| sigmoid(group_hate)),
        }
    }

    /// The probability that `text` is offensive: the highest over its windows.
    pub fn probability(&self, text: &str) -> Result<f32, Error> {
        Ok(self.scores(text)?.abusive)
    }
}

/// The model shipped in `data/abuse/encoder.safetensors`.
static EMBEDDED: &[u8] = include_bytes!("../../../data/abuse/encoder.safetensors");
/// The extra heads shipped in `data/abuse/encoder_heads.safetensors`.
static EMBEDDED_HEADS: &[u8] = include_bytes!("../../../data/abuse/encoder_heads.safetensors");
/// The exits shipped in `data/abuse/encoder_exits.safetensors`.
static EMBEDDED_EXITS: &[u8] = include_bytes!("../../../data/abuse/encoder_exits.safetensors");

impl Encoder {
    /// The shipped encoder with its extra heads and exits, loaded on first use (about a tenth of
    /// a second) and shared.
    pub fn embedded() -> Result<&'static Encoder, &'static Error> {
        static ENCODER: OnceLock<Result<Encoder, Error>> = OnceLock::new();
        ENCODER
            .get_or_init(|| {
                Encoder::from_bytes(EMBEDDED)?
                    .with_extra_heads(EMBEDDED_HEADS)?
                    .with_exits(EMBEDDED_EXITS)
            })
            .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_loads() {
        let encoder = Encoder::embedded().expect("the embedded model loads");
        let config = encoder.network.config();
        assert_eq!((config.hidden, config.layers), (384, 12));
        assert!(encoder.tokenizer().len() > 30_000);
        assert!(encoder.extra.is_some(), "the extra heads load with it");
    }

    #[test]
    fn the_group_hate_head_tells_hate_against_a_group_from_an_insult() {
        let encoder = Encoder::embedded().expect("loads");
        let hate = encoder
            .scores("Göçmenler bu ülkenin başına bela, hepsi geldikleri yere dönmeli")
            .expect("scores");
        let insult = encoder
            .scores("Sen tam bir şerefsizsin, defol git buradan")
            .expect("scores");
        let (Some(hate_group), Some(insult_group)) = (hate.group_hate, insult.group_hate) else {
            panic!("the shipped encoder has its group-hate head");
        };
        assert!(hate_group > insult_group, "{hate:?} {insult:?}");
        assert!(insult.abusive > hate_group.min(insult_group));
        let plain = Encoder::from_bytes(EMBEDDED).expect("loads");
        assert_eq!(plain.scores("merhaba").expect("scores").group_hate, None);
        assert!(plain.with_extra_heads(b"not a heads file").is_err());
    }

    #[test]
    fn abuse_scores_higher_than_plain_talk() {
        let encoder = Encoder::embedded().expect("loads");
        let pairs = [
            (
                "Sen tam bir şerefsizsin, defol git buradan",
                "Haberi okudum, belediyenin kararı bence yerinde",
            ),
            (
                "You are a pathetic idiot and everyone hates you",
                "The council approved the new library budget today",
            ),
        ];
        for (bad, good) in pairs {
            let bad_p = encoder.probability(bad).expect("scores");
            let good_p = encoder.probability(good).expect("scores");
            assert!(
                bad_p > 0.7 && good_p < 0.3,
                "{bad}: {bad_p}, {good}: {good_p}"
            );
        }
    }

    #[test]
    fn long_text_is_read_in_at_most_four_windows() {
        let encoder = Encoder::embedded().expect("loads");
        let text = "Bu konuda söylenecek çok şey var ama kısaca geçelim. ".repeat(200);
        let windows = encoder.windows(&text);
        assert_eq!(windows.len(), MAX_WINDOWS);
        let config = encoder.network.config();
        for ids in &windows {
            assert!(ids.len() <= config.max_positions);
            assert_eq!(ids.first(), Some(&config.specials.bos));
            assert_eq!(ids.last(), Some(&config.specials.eos));
        }
        assert!(encoder.probability(&text).is_ok());
        assert_eq!(encoder.windows("").len(), 1);
        assert!(encoder.probability("").is_ok());
    }

    #[test]
    fn runs_beyond_the_limit_are_declined_until_one_ends() {
        let encoder = Encoder::embedded().expect("loads");
        limit_parallel_runs(1);
        let held = Run::start().expect("a first run starts");
        assert!(encoder.try_scores("merhaba").is_none());
        drop(held);
        assert!(encoder.try_scores("merhaba").is_some_and(|p| p.is_ok()));
        limit_parallel_runs(usize::MAX);
    }

    #[test]
    fn a_comment_leaves_at_the_first_exit_it_is_sure_enough_at() {
        let encoder = Encoder::embedded().expect("loads");
        let first = encoder.exits.first().expect("the shipped exits").layer();
        for text in [
            "Sen tam bir şerefsizsin, defol git buradan",
            "Haberi okudum, belediyenin kararı bence yerinde",
            "The council approved the new library budget today",
        ] {
            let scores = encoder.scores(text).expect("scores");
            let full = encoder.reading(text, |_| false).expect("reads");
            assert_eq!(full, Reading::Final(scores));
            let mut seen = Vec::new();
            let early = encoder
                .reading(text, |estimate| {
                    seen.push(estimate.layer);
                    estimate.layer == 9
                })
                .expect("reads");
            assert_eq!(seen.first(), Some(&first));
            let Reading::Early(estimate) = early else {
                panic!("{text}: did not leave at layer 9");
            };
            assert_eq!(estimate.layer, 9);
            let [low, high] = estimate.abusive_range;
            assert!(low <= estimate.abusive && estimate.abusive <= high);
            assert!(
                (low..=high).contains(&scores.abusive),
                "{text}: {estimate:?} {scores:?}"
            );
        }
        let long = "Bu konuda söylenecek çok şey var ama kısaca geçelim. ".repeat(200);
        let reading = encoder.reading(&long, |_| true).expect("reads");
        assert!(
            matches!(reading, Reading::Final(_)),
            "several windows run in full"
        );
    }

    #[test]
    fn exits_outside_the_network_are_an_error() {
        let plain = || Encoder::from_bytes(EMBEDDED).expect("loads");
        assert!(plain().with_exits(b"not an exits file").is_err());
        assert!(
            plain().with_exits(EMBEDDED_HEADS).is_err(),
            "a heads file has no exits"
        );
        let exits = plain()
            .with_exits(EMBEDDED_EXITS)
            .expect("the shipped exits load");
        assert!(!exits.exits.is_empty());
        assert!(
            read_exits(EMBEDDED_EXITS, 384, 6).is_err(),
            "exits past the last layer"
        );
    }

    #[test]
    fn a_broken_model_file_is_an_error() {
        assert!(Encoder::from_bytes(b"").is_err());
        assert!(Encoder::from_bytes(&[0xff; 64]).is_err());
        let truncated = &EMBEDDED[..EMBEDDED.len() / 2];
        assert!(Encoder::from_bytes(truncated).is_err());
    }
}
