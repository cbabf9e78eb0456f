//! The runtime scorer built from a [`Model`].

use crate::features::FeatureConfig;
use crate::model::Model;

/// Scores texts with a model: one calibrated probability per head.
#[derive(Debug, Clone)]
pub struct Scorer {
    model: Model,
}

impl Scorer {
    /// Builds the scorer.
    pub fn new(model: Model) -> Self {
        Scorer { model }
    }

    /// The model it scores with.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The features it reads.
    pub fn config(&self) -> FeatureConfig {
        self.model.config
    }

    /// The index of the head called `name`.
    pub fn head(&self, name: &str) -> Option<usize> {
        self.model.heads.iter().position(|h| h.name == name)
    }

    /// Calibrated probabilities, one per head, for `text` (words separated by spaces).
    pub fn score(&self, text: &str) -> Vec<f32> {
        let mut features = Vec::with_capacity(text.len() * 4 + 8);
        self.model.config.extract(text, &mut features);
        self.score_features(&features)
    }

    /// Calibrated probabilities for features already extracted with [`Scorer::config`].
    pub fn score_features(&self, features: &[u32]) -> Vec<f32> {
        let heads = self.model.heads.len();
        let mut sums = vec![0i32; heads];
        for &f in features {
            let at = f as usize * heads;
            if let Some(row) = self.model.weights.get(at..at + heads) {
                for (sum, &w) in sums.iter_mut().zip(row) {
                    *sum += i32::from(w);
                }
            }
        }
        let value = feature_value(features.len());
        self.model
            .heads
            .iter()
            .zip(sums)
            .map(|(head, sum)| {
                let raw = head.bias + head.scale * value * sum as f32;
                sigmoid(head.slope * raw + head.intercept)
            })
            .collect()
    }
}

/// The value of each feature of a text with `n` features: texts of every length weigh the same.
pub fn feature_value(n: usize) -> f32 {
    1.0 / (n.max(1) as f32).sqrt()
}

/// The logistic function.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Head;

    #[test]
    fn scores_follow_the_weights_of_the_features() {
        let config = FeatureConfig {
            bits: 12,
            ..FeatureConfig::default()
        };
        let mut bad = Vec::new();
        config.extract("salak", &mut bad);
        let mut weights = vec![0i8; config.buckets()];
        for &f in &bad[1..] {
            weights[f as usize] = 100;
        }
        let scorer = Scorer::new(Model {
            config,
            heads: vec![Head {
                name: "abusive".into(),
                bias: -2.0,
                scale: 0.05,
                slope: 1.0,
                intercept: 0.0,
            }],
            weights,
        });
        assert_eq!(scorer.head("abusive"), Some(0));
        let bad = scorer.score("salak")[0];
        let good = scorer.score("merhaba dunya")[0];
        assert!(bad > 0.9 && good < 0.2, "{bad} {good}");
    }
}
