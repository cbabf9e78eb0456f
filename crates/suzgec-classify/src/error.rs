//! The crate's one error type.

/// Why a model could not be loaded.
///
/// Decoding never panics: a short, corrupt or foreign model file is one of these kinds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes do not start with the model's magic tag: not a classifier model.
    #[error("not a Süzgeç classifier model (bad magic tag)")]
    ModelMagic,
    /// The model was written in a format version this build cannot read.
    #[error("unsupported classifier model format version {found} (this build reads {expected})")]
    ModelVersion {
        /// Version found in the file.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// The file ends before the section being read is complete.
    #[error("classifier model is truncated while reading {section}")]
    ModelTruncated {
        /// Name of the section that was being read.
        section: &'static str,
    },
    /// The file is long enough but its content is inconsistent.
    #[error("classifier model is corrupt: {0}")]
    ModelCorrupt(String),
}
