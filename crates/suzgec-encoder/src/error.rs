//! What can go wrong loading or running the encoder.

/// An encoder error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model file is not a readable safetensors file.
    #[error("encoder model: {0}")]
    Format(#[from] safetensors::SafeTensorError),
    /// The model file lacks something or has it in the wrong shape.
    #[error("encoder model: {0}")]
    Invalid(String),
    /// The model's metadata is not the JSON it should be.
    #[error("encoder model metadata: {0}")]
    Metadata(#[from] serde_json::Error),
    /// The tensor library failed.
    #[error("encoder: {0}")]
    Tensor(#[from] candle_core::Error),
}
