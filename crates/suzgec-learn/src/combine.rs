//! The combination of one rule's inputs: a small logistic regression fitted by Newton's method,
//! and the line (threshold) that best separates the site's refusals from its approvals.

use suzgec_core::site::{Agreement, COMBINED};

/// Ridge penalty on every weight but the constant's: keeps the fit finite when an input separates
/// the decisions perfectly.
const RIDGE: f64 = 1.0;

/// Newton steps; the fit converges in a handful.
const STEPS: usize = 30;

/// The weights over [`suzgec_core::site::SiteInputs::combined`] that best predict `points`' labels.
pub fn fit(points: &[([f32; COMBINED], bool)]) -> [f32; COMBINED] {
    let mut w = [0f64; COMBINED];
    for _ in 0..STEPS {
        let mut gradient = [0f64; COMBINED];
        let mut hessian = [[0f64; COMBINED]; COMBINED];
        for (x, label) in points {
            let x = x.map(f64::from);
            let z: f64 = w.iter().zip(&x).map(|(w, x)| w * x).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let error = p - f64::from(u8::from(*label));
            let curvature = (p * (1.0 - p)).max(1e-9);
            for ((g, row), xi) in gradient.iter_mut().zip(&mut hessian).zip(&x) {
                *g += error * xi;
                for (h, xj) in row.iter_mut().zip(&x) {
                    *h += curvature * xi * xj;
                }
            }
        }
        for i in 1..COMBINED {
            gradient[i] += RIDGE * w[i];
            hessian[i][i] += RIDGE;
        }
        hessian[0][0] += 1e-9;
        let Some(step) = solve(hessian, gradient) else {
            break;
        };
        for (w, s) in w.iter_mut().zip(step) {
            *w -= s;
        }
        if step.iter().all(|s| s.abs() < 1e-6) {
            break;
        }
    }
    w.map(|w| w as f32)
}

/// The probability the weights give an input.
pub fn probability(weights: &[f32; COMBINED], x: &[f32; COMBINED]) -> f32 {
    let z: f32 = weights.iter().zip(x).map(|(w, x)| w * x).sum();
    suzgec_classify::scorer::sigmoid(z)
}

/// The probability from which refusing gives the best macro-F1 over `(probability, refused)`.
pub fn best_line(points: &[(f32, bool)]) -> f32 {
    let mut sorted = points.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = sorted.iter().filter(|p| p.1).count();
    let negatives = sorted.len() - positives;
    let (mut best, mut line) = (-1.0, 0.5);
    // Refusing every point down to `i`: `refused[truth]` of them were refused.
    let mut refused = [0usize; 2];
    for (i, &(p, label)) in sorted.iter().enumerate() {
        refused[usize::from(label)] += 1;
        // Only between distinct probabilities: refusing from `p` on refuses all that tie with it.
        if sorted.get(i + 1).is_some_and(|next| next.0 == p) {
            continue;
        }
        let confusion = [
            [negatives - refused[0], refused[0]],
            [positives - refused[1], refused[1]],
        ];
        let macro_f1 = Agreement::from_confusion(confusion).macro_f1;
        if macro_f1 > best {
            best = macro_f1;
            let next = sorted.get(i + 1).map_or(0.0, |n| n.0);
            line = (p + next) / 2.0;
        }
    }
    line
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; `None` when `a` is singular.
fn solve(mut a: [[f64; COMBINED]; COMBINED], mut b: [f64; COMBINED]) -> Option<[f64; COMBINED]> {
    for col in 0..COMBINED {
        let pivot = (col..COMBINED).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col];
        for row in col + 1..COMBINED {
            let factor = a[row][col] / pivot_row[col];
            for (x, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= factor * p;
            }
            b[row] -= factor * b[col];
        }
    }
    let mut x = [0f64; COMBINED];
    for row in (0..COMBINED).rev() {
        let rest: f64 = (row + 1..COMBINED).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - rest) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(signal: f32, label: bool) -> ([f32; COMBINED], bool) {
        let mut x = [0.0; COMBINED];
        x[0] = 1.0;
        x[2] = signal;
        (x, label)
    }

    #[test]
    fn the_fit_follows_the_input_that_predicts_the_label() {
        // Refused from a shipped confidence of 0.3 on: stricter than the shipped line.
        let points: Vec<_> = (0..100).map(|i| point(i as f32 / 100.0, i >= 30)).collect();
        let w = fit(&points);
        assert!(w[2] > 0.0, "{w:?}");
        let p = |s: f32| probability(&w, &point(s, false).0);
        assert!(p(0.1) < 0.5 && p(0.6) > 0.5, "{} {}", p(0.1), p(0.6));
        let scored: Vec<(f32, bool)> = points
            .iter()
            .map(|(x, l)| (probability(&w, x), *l))
            .collect();
        let line = best_line(&scored);
        assert!(p(0.25) < line && line < p(0.35), "line {line}");
    }

    #[test]
    fn the_line_separates_perfectly_separable_scores() {
        let points = [(0.9, true), (0.8, true), (0.4, false), (0.1, false)];
        let line = best_line(&points);
        assert!(0.4 < line && line < 0.8, "{line}");
    }

    #[test]
    fn a_singular_system_has_no_solution() {
        assert!(solve([[0.0; COMBINED]; COMBINED], [1.0; COMBINED]).is_none());
    }
}
