//! The crate's one error type.

use std::path::PathBuf;

/// Why a model could not be loaded or a corpus could not be read.
///
/// Decoding never panics: a short, corrupt or foreign model file is one of
/// the `Model*` kinds below.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes do not start with the model's magic tag: not a restorer model.
    #[error("not a Süzgeç restorer model (bad magic tag)")]
    ModelMagic,
    /// The model was written in a format version this build cannot read.
    #[error("unsupported restorer model format version {found} (this build reads {expected})")]
    ModelVersion {
        /// Version found in the file.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// The file ends before the section being read is complete.
    #[error("restorer model is truncated while reading {section}")]
    ModelTruncated {
        /// Name of the section that was being read.
        section: &'static str,
    },
    /// The file is long enough but its content is inconsistent.
    #[error("restorer model is corrupt: {0}")]
    ModelCorrupt(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A corpus line could not be parsed (for example bad JSON in a `.jsonl` file).
    #[error("{path}:{line}: {message}")]
    Corpus {
        /// The corpus file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
}
