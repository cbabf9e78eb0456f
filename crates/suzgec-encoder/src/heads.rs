//! Logistic heads over the pooled vector (the mean of the last layer's token vectors): the model
//! file's own `abusive` head, and the extra heads of `data/abuse/encoder_heads.safetensors`, fitted
//! later on the same pooled vectors, so that one pass through the network serves them all.

/// One logistic unit: `w · pooled + b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    weights: Vec<f32>,
    bias: f32,
}

impl Head {
    /// A head from its weights and bias.
    pub fn new(weights: Vec<f32>, bias: f32) -> Head {
        Head { weights, bias }
    }

    /// The logit for a pooled vector.
    pub fn logit(&self, pooled: &[f32]) -> f32 {
        self.weights
            .iter()
            .zip(pooled)
            .map(|(w, x)| w * x)
            .sum::<f32>()
            + self.bias
    }
}

/// The extra heads of `encoder_heads.safetensors`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraHeads {
    /// Hate against a protected group (ethnicity, nationality, religion and its believers, sex,
    /// LGBT people, disabled people, refugees) rather than other abuse or a neutral mention.
    pub group_hate: Head,
}
