//! Logistic heads over the pooled vector (the mean of the last layer's token vectors): the model
//! file's own `abusive` head, and the extra heads of `data/abuse/encoder_heads.safetensors`, fitted
//! later on the same pooled vectors, so that one pass through the network serves them all; and the
//! exits of `data/abuse/encoder_exits.safetensors`, which estimate the `abusive` head's answer from
//! an intermediate layer's mean token vector.

use crate::Scores;

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

/// A layer of rectified units between the pooled vector and a head: each unit a linear unit over
/// the pooled vector, its negative outputs set to 0.
#[derive(Debug, Clone, PartialEq)]
pub struct Hidden {
    units: Vec<Head>,
}

impl Hidden {
    /// A layer of these units.
    pub fn new(units: Vec<Head>) -> Hidden {
        Hidden { units }
    }

    /// The units' outputs for a pooled vector.
    pub fn apply(&self, pooled: &[f32]) -> Vec<f32> {
        self.units
            .iter()
            .map(|unit| unit.logit(pooled).max(0.0))
            .collect()
    }
}

/// A head over the pooled vector, straight or through a hidden layer.
#[derive(Debug, Clone, PartialEq)]
pub struct DeepHead {
    hidden: Option<Hidden>,
    head: Head,
}

impl DeepHead {
    /// A head, through `hidden` where there is one.
    pub fn new(hidden: Option<Hidden>, head: Head) -> DeepHead {
        DeepHead { hidden, head }
    }

    /// The logit for a pooled vector.
    pub fn logit(&self, pooled: &[f32]) -> f32 {
        match &self.hidden {
            Some(hidden) => self.head.logit(&hidden.apply(pooled)),
            None => self.head.logit(pooled),
        }
    }
}

/// The extra heads of `encoder_heads.safetensors`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraHeads {
    /// Hate against a protected group (ethnicity, nationality, religion and its believers, sex,
    /// LGBT people, disabled people, refugees) rather than other abuse or a neutral mention.
    pub group_hate: DeepHead,
}

/// A head after an intermediate layer that estimates the final `abusive` logit, so that a comment
/// whose answer is already clear enough can leave the network there.
#[derive(Debug, Clone, PartialEq)]
pub struct Exit {
    layer: usize,
    head: Head,
    margin: f32,
}

/// What an exit says about a comment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// How many layers ran.
    pub layer: usize,
    /// The estimated probability that the comment is offensive.
    pub abusive: f32,
    /// Where the final probability lies, but for about one comment in two hundred (the exit's
    /// margin, measured on comments held out of its fit).
    pub abusive_range: [f32; 2],
}

impl Exit {
    /// An exit after `layer` layers whose `head` estimates the final logit to within `margin`.
    pub fn new(layer: usize, head: Head, margin: f32) -> Exit {
        Exit {
            layer,
            head,
            margin,
        }
    }

    /// How many layers run before it.
    pub fn layer(&self) -> usize {
        self.layer
    }

    /// Its estimate from the mean token vector after its layer.
    pub fn estimate(&self, pooled: &[f32]) -> Estimate {
        let logit = self.head.logit(pooled);
        Estimate {
            layer: self.layer,
            abusive: crate::sigmoid(logit),
            abusive_range: [
                crate::sigmoid(logit - self.margin),
                crate::sigmoid(logit + self.margin),
            ],
        }
    }
}

impl Estimate {
    /// The scores at the low end of the estimate: the group-hate head, which has no exits, at 0.
    pub fn lowest(&self) -> Scores {
        Scores {
            abusive: self.abusive_range[0],
            group_hate: Some(0.0),
        }
    }

    /// The scores at the high end: the group-hate head at 1.
    pub fn highest(&self) -> Scores {
        Scores {
            abusive: self.abusive_range[1],
            group_hate: Some(1.0),
        }
    }

    /// The estimate as scores, with no opinion on group hate.
    pub fn scores(&self) -> Scores {
        Scores {
            abusive: self.abusive,
            group_hate: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_layer_rectifies_its_units_before_the_head() {
        // Two units over a vector three wide: the first sums it, the second negates the first
        // coordinate; the head adds them.
        let hidden = Hidden::new(vec![
            Head::new(vec![1.0, 1.0, 1.0], 0.0),
            Head::new(vec![-1.0, 0.0, 0.0], 0.5),
        ]);
        assert_eq!(hidden.apply(&[1.0, 2.0, 3.0]), vec![6.0, 0.0]);
        let deep = DeepHead::new(Some(hidden), Head::new(vec![1.0, 1.0], -1.0));
        assert_eq!(deep.logit(&[1.0, 2.0, 3.0]), 5.0);
        assert_eq!(deep.logit(&[-2.0, 0.0, 0.0]), 1.5);
        let straight = DeepHead::new(None, Head::new(vec![1.0, 0.0, 0.0], 0.0));
        assert_eq!(straight.logit(&[4.0, 5.0, 6.0]), 4.0);
    }
}
