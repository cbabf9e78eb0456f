//! Training (feature `train`): logistic regression with AdaGrad over hashed features, one head per
//! label, then quantisation to `i8` and Platt calibration on a held-out slice.

use crate::features::FeatureConfig;
use crate::model::{Head, Model};
use crate::scorer::{Scorer, feature_value, sigmoid};

/// One labelled text; training and scoring read the same `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The text, words separated by spaces (the caller's normal form).
    pub text: String,
    /// One label per head; `None` where the source says nothing about that head.
    pub labels: Vec<Option<bool>>,
    /// How much the example counts.
    pub weight: f32,
}

/// How to train.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// The features.
    pub config: FeatureConfig,
    /// The heads' names, in the order of [`Example::labels`].
    pub heads: Vec<String>,
    /// Passes over the data.
    pub epochs: usize,
    /// AdaGrad's base learning rate.
    pub learning_rate: f32,
    /// L2 shrinkage applied to each weight the example touches.
    pub l2: f32,
    /// Share of the examples held out for calibration and the report (by a hash of the text).
    pub holdout: f32,
    /// Seed of the shuffle.
    pub seed: u64,
    /// Keep the weights averaged over the ends of the epochs rather than the last ones.
    pub average: bool,
    /// Scale each feature by its Naive-Bayes log-count ratio (per head) before the regression
    /// (NB-SVM); `None` for plain features. The value is the additive smoothing of the counts.
    pub nb_smoothing: Option<f32>,
    /// The heads whose features [`TrainOptions::nb_smoothing`] scales; empty for every head.
    pub nb_heads: Vec<String>,
    /// Add this multiple of the Naive-Bayes log-count ratios to the trained weights (an ensemble
    /// of the regression and a length-normalised Naive Bayes); 0 for none.
    pub nb_mix: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            config: FeatureConfig::default(),
            heads: vec!["abusive".into()],
            epochs: 6,
            learning_rate: 0.1,
            l2: 1e-6,
            holdout: 0.1,
            seed: 1,
            average: true,
            nb_smoothing: None,
            nb_heads: Vec::new(),
            nb_mix: 0.0,
        }
    }
}

/// What training measured on the held-out slice, per head.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadReport {
    /// The head.
    pub name: String,
    /// Held-out examples with a label for this head.
    pub examples: usize,
    /// Their positive share.
    pub positive_share: f32,
    /// Area under the ROC curve of the quantised model.
    pub auc: f32,
    /// Best F1 of the positive class over thresholds, and the threshold.
    pub best_f1: (f32, f32),
}

/// Whether [`train`] holds the example of this text out of training (for calibration and the
/// report) when it holds out the share `holdout`: a hash of the text decides, so the same text is
/// always on the same side.
pub fn is_held_out(text: &str, holdout: f32) -> bool {
    let h = text.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    (h % 1000) as f32 / 1000.0 < holdout
}

/// Trains a model; also returns the held-out report.
pub fn train(
    examples: &[Example],
    options: &TrainOptions,
) -> Result<(Model, Vec<HeadReport>), String> {
    let heads = options.heads.len();
    if heads == 0 {
        return Err("no heads to train".into());
    }
    if let Some(bad) = examples.iter().find(|e| e.labels.len() != heads) {
        return Err(format!(
            "example {:?} has {} labels for {heads} heads",
            bad.text,
            bad.labels.len()
        ));
    }
    if let Some(unknown) = options.nb_heads.iter().find(|h| !options.heads.contains(h)) {
        return Err(format!("no head {unknown:?} to scale by Naive Bayes"));
    }
    let config = options.config;
    let features: Vec<Vec<u32>> = examples
        .iter()
        .map(|e| {
            let mut out = Vec::new();
            config.extract(&e.text, &mut out);
            out
        })
        .collect();
    let held_out = |e: &Example| is_held_out(&e.text, options.holdout);
    let (mut train_idx, mut hold_idx): (Vec<usize>, Vec<usize>) =
        (0..examples.len()).partition(|&i| !held_out(&examples[i]));
    if train_idx.is_empty() {
        return Err("no training examples".into());
    }
    if hold_idx.is_empty() {
        hold_idx = train_idx.clone();
    }

    let ratios = if options.nb_smoothing.is_some() || options.nb_mix != 0.0 {
        Some(nb_ratios(
            examples,
            &features,
            &train_idx,
            heads,
            config.buckets(),
            options.nb_smoothing.unwrap_or(1.0),
        ))
    } else {
        None
    };
    let scaled_heads: Vec<bool> = options
        .heads
        .iter()
        .map(|h| options.nb_heads.is_empty() || options.nb_heads.contains(h))
        .collect();
    let scaled: Option<Vec<f32>> = options.nb_smoothing.and(ratios.as_deref()).map(|r| {
        r.iter()
            .enumerate()
            .map(|(at, &r)| if scaled_heads[at % heads] { r } else { 1.0 })
            .collect()
    });
    let scaled = scaled.as_deref();
    let mut weights = vec![0f32; config.buckets() * heads];
    let mut squares = vec![1e-2f32; config.buckets() * heads];
    let mut bias = vec![0f32; heads];
    let mut bias_squares = vec![1e-2f32; heads];
    let mut rng = options.seed.max(1);
    // The weights averaged over the ends of the epochs: steadier than the last epoch's.
    let mut average = vec![0f32; weights.len()];
    let mut average_bias = vec![0f32; heads];
    for _ in 0..options.epochs {
        shuffle(&mut train_idx, &mut rng);
        for &i in &train_idx {
            let (example, feats) = (&examples[i], &features[i]);
            let value = feature_value(feats.len());
            for (h, label) in example.labels.iter().enumerate() {
                let Some(label) = label else { continue };
                let scale = |f: u32| scaled.map_or(1.0, |r| r[f as usize * heads + h]);
                let sum: f32 = feats
                    .iter()
                    .map(|&f| weights[f as usize * heads + h] * scale(f))
                    .sum();
                let p = sigmoid(bias[h] + value * sum);
                let grad = (p - f32::from(u8::from(*label))) * example.weight;
                bias_squares[h] += grad * grad;
                bias[h] -= options.learning_rate * grad / bias_squares[h].sqrt();
                let g = grad * value;
                for &f in feats {
                    let at = f as usize * heads + h;
                    let g = g * scale(f);
                    squares[at] += g * g;
                    let w = &mut weights[at];
                    *w -= options.learning_rate * (g + options.l2 * *w) / squares[at].sqrt();
                }
            }
        }
        for (a, w) in average.iter_mut().zip(&weights) {
            *a += w / options.epochs as f32;
        }
        for (a, b) in average_bias.iter_mut().zip(&bias) {
            *a += b / options.epochs as f32;
        }
    }
    if options.average {
        weights = average;
        bias = average_bias;
    }
    if let Some(r) = scaled {
        for (w, r) in weights.iter_mut().zip(r) {
            *w *= r;
        }
    }
    if let Some(r) = ratios.as_deref().filter(|_| options.nb_mix != 0.0) {
        for (w, r) in weights.iter_mut().zip(r) {
            *w += options.nb_mix * r;
        }
    }

    let mut model_heads = Vec::with_capacity(heads);
    let mut quantised = vec![0i8; weights.len()];
    for h in 0..heads {
        let max = (0..config.buckets())
            .map(|b| weights[b * heads + h].abs())
            .fold(0f32, f32::max);
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        for b in 0..config.buckets() {
            let at = b * heads + h;
            quantised[at] = (weights[at] / scale).round().clamp(-127.0, 127.0) as i8;
        }
        model_heads.push(Head {
            name: options.heads[h].clone(),
            bias: bias[h],
            scale,
            slope: 1.0,
            intercept: 0.0,
        });
    }
    let mut model = Model {
        config,
        heads: model_heads,
        weights: quantised,
    };

    // Platt calibration on the held-out slice, from the quantised model's raw scores.
    let raw = Scorer::new(model.clone());
    let mut reports = Vec::with_capacity(heads);
    for h in 0..heads {
        let points: Vec<(f32, bool, f32)> = hold_idx
            .iter()
            .filter_map(|&i| {
                let label = examples[i].labels[h]?;
                let p = raw.score_features(&features[i])[h].clamp(1e-6, 1.0 - 1e-6);
                Some(((p / (1.0 - p)).ln(), label, examples[i].weight))
            })
            .collect();
        let (slope, intercept) = platt(&points);
        model.heads[h].slope = slope;
        model.heads[h].intercept = intercept;
        reports.push(report(&options.heads[h], &points, slope, intercept));
    }
    Ok((model, reports))
}

/// The Naive-Bayes log-count ratio of every bucket and head, `ln((p_f/|p|) / (q_f/|q|))` over the
/// weighted feature counts of the positive (`p`) and negative (`q`) training examples, each count
/// smoothed by `alpha`.
fn nb_ratios(
    examples: &[Example],
    features: &[Vec<u32>],
    train_idx: &[usize],
    heads: usize,
    buckets: usize,
    alpha: f32,
) -> Vec<f32> {
    let mut positive = vec![f64::from(alpha); buckets * heads];
    let mut negative = vec![f64::from(alpha); buckets * heads];
    for &i in train_idx {
        for (h, label) in examples[i].labels.iter().enumerate() {
            let Some(label) = label else { continue };
            let counts = if *label { &mut positive } else { &mut negative };
            for &f in &features[i] {
                counts[f as usize * heads + h] += f64::from(examples[i].weight);
            }
        }
    }
    let mut ratios = vec![0f32; buckets * heads];
    for h in 0..heads {
        let total = |c: &[f64]| (0..buckets).map(|b| c[b * heads + h]).sum::<f64>();
        let (p, q) = (total(&positive), total(&negative));
        for b in 0..buckets {
            let at = b * heads + h;
            ratios[at] = ((positive[at] / p) / (negative[at] / q)).ln() as f32;
        }
    }
    ratios
}

fn shuffle(items: &mut [usize], state: &mut u64) {
    for i in (1..items.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let j = (*state % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// Fits sigmoid(a·x + b) to weighted labels by Newton's method.
fn platt(points: &[(f32, bool, f32)]) -> (f32, f32) {
    let (mut a, mut b) = (1f64, 0f64);
    if points.is_empty() {
        return (1.0, 0.0);
    }
    for _ in 0..50 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0f64, 0f64, 1e-6, 0f64, 1e-6);
        for &(x, y, w) in points {
            let (x, w) = (f64::from(x), f64::from(w));
            let p = 1.0 / (1.0 + (-(a * x + b)).exp());
            let d = (p - f64::from(u8::from(y))) * w;
            ga += d * x;
            gb += d;
            let s = p * (1.0 - p) * w;
            haa += s * x * x;
            hab += s * x;
            hbb += s;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let (da, db) = ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det);
        a -= da;
        b -= db;
        if da.abs() + db.abs() < 1e-9 {
            break;
        }
    }
    (a as f32, b as f32)
}

fn report(name: &str, points: &[(f32, bool, f32)], slope: f32, intercept: f32) -> HeadReport {
    let mut scored: Vec<(f32, bool)> = points
        .iter()
        .map(|&(x, y, _)| (sigmoid(slope * x + intercept), y))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = scored.iter().filter(|p| p.1).count();
    let negatives = scored.len() - positives;
    let (mut tp, mut fp, mut auc_sum) = (0usize, 0usize, 0f64);
    let mut best = (0f32, 0.5f32);
    for &(p, y) in &scored {
        if y {
            tp += 1;
        } else {
            fp += 1;
            auc_sum += tp as f64;
        }
        let f1 = 2.0 * tp as f32 / (tp + fp + positives) as f32;
        if f1 > best.0 {
            best = (f1, p);
        }
    }
    HeadReport {
        name: name.to_owned(),
        examples: scored.len(),
        positive_share: positives as f32 / scored.len().max(1) as f32,
        auc: if positives == 0 || negatives == 0 {
            0.0
        } else {
            (auc_sum / (positives * negatives) as f64) as f32
        },
        best_f1: best,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_learns_a_separable_toy_task() {
        for nb_smoothing in [None, Some(0.5)] {
            let options = TrainOptions {
                config: FeatureConfig {
                    bits: 14,
                    ..FeatureConfig::default()
                },
                holdout: 0.2,
                nb_smoothing,
                ..TrainOptions::default()
            };
            let (model, report) = train(&toy_examples(), &options).expect("trains");
            assert!(report[0].auc > 0.95, "{nb_smoothing:?}: {report:?}");
            let scorer = Scorer::new(model);
            assert!(scorer.score("salak adam")[0] > scorer.score("guzel adam")[0]);
        }
    }

    #[test]
    fn naive_bayes_scaling_names_existing_heads() {
        let options = TrainOptions {
            nb_smoothing: Some(0.5),
            nb_heads: vec!["no_such_head".into()],
            ..TrainOptions::default()
        };
        assert!(train(&toy_examples(), &options).is_err());
    }

    fn toy_examples() -> Vec<Example> {
        let bad = ["sen salaksin", "salak herif", "tam bir salak", "salaklar"];
        let good = [
            "bugun hava guzel",
            "mac cok iyiydi",
            "haberi okudum",
            "guzel yorum",
        ];
        let mut examples = Vec::new();
        for round in 0..20 {
            for text in bad {
                examples.push(Example {
                    text: format!("{text} {round}"),
                    labels: vec![Some(true)],
                    weight: 1.0,
                });
            }
            for text in good {
                examples.push(Example {
                    text: format!("{text} {round}"),
                    labels: vec![Some(false)],
                    weight: 1.0,
                });
            }
        }
        examples
    }

    #[test]
    fn labels_must_fit_the_heads() {
        let examples = vec![Example {
            text: "x".into(),
            labels: vec![],
            weight: 1.0,
        }];
        assert!(train(&examples, &TrainOptions::default()).is_err());
    }
}
