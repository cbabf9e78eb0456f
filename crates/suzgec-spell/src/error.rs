//! The crate's error type.

/// Why a word list or frequency model could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The frequency model does not start with this crate's magic tag: not a model of ours.
    #[error("not a Süzgeç spelling frequency model (missing `{expected}` header)")]
    BadMagic {
        /// The tag the file must start with.
        expected: &'static str,
    },
    /// The frequency model is of a format version this build does not read.
    #[error(
        "frequency model format version {found} is not supported (this build reads {supported})"
    )]
    UnsupportedVersion {
        /// The version in the file.
        found: String,
        /// The version this build reads.
        supported: u32,
    },
    /// A line of a word list or model is malformed.
    #[error("{what}, line {line}: {message}")]
    Line {
        /// Which list or model.
        what: &'static str,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The model ends before its header is complete.
    #[error("frequency model is truncated: {0}")]
    Truncated(&'static str),
}
