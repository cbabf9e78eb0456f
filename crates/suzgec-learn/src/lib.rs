//! Learns a site's own line for the abuse rules from its moderators' decisions (`suzgec learn`),
//! and loads policies with their site models.
//!
//! The data flow: a history of decisions ([`history`]) is read by the shipped policy
//! ([`Moderator::site_inputs`]: its verdict and what a site model reads of each comment); the
//! newest share is held out; a site model ([`suzgec_core::site`]) is fitted on the rest and both
//! are measured against the held-out decisions ([`Agreement`]); then the model is fitted again on
//! every decision. Whether to put it in force is the caller's choice, on [`Report::better`].

pub mod combine;
pub mod history;
mod load;
mod phrases;
#[cfg(feature = "testing")]
pub mod testing;

use chrono::{DateTime, Utc};
use rayon::prelude::*;
use suzgec_classify::train::{self, Example, TrainOptions};
use suzgec_classify::{FeatureConfig, Model, Scorer};
use suzgec_core::site::{self, Agreement, SiteHead, SiteInputs, SiteModel};
use suzgec_core::{Moderator, Policy, RuleId};

pub use history::{Decision, LineError};
pub use load::{LoadError, load_policy_file, read_policy, read_site_model};

/// Fewest decisions a site model is learnt from.
pub const MIN_DECISIONS: usize = 50;

/// Why nothing could be learnt.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The history holds no decision.
    #[error("the history holds no decision")]
    Empty,
    /// Every decision is the same.
    #[error(
        "every decision in the history is {0}: a site's line needs both approvals and refusals"
    )]
    OneSided(&'static str),
    /// Too few decisions to learn from.
    #[error("the history holds {0} usable decisions; at least {MIN_DECISIONS} are needed")]
    TooFew(usize),
    /// No abuse rule has enough refusals and approvals to learn its line.
    #[error(
        "no abuse rule has {0} refusals and {0} approvals among the older decisions; every rule stays as shipped"
    )]
    NoRule(usize),
    /// Training failed.
    #[error("training failed: {0}")]
    Train(String),
    /// The policy cannot be rebuilt with the model.
    #[error(transparent)]
    Core(#[from] suzgec_core::Error),
}

/// How to learn.
#[derive(Debug, Clone)]
pub struct LearnOptions {
    /// The newest share of the decisions held out to measure agreement.
    pub holdout: f32,
    /// Fewest refusals and approvals a rule needs for its own line.
    pub min_per_class: usize,
    /// The text model's hash buckets are `2^bits`.
    pub bits: u8,
    /// Passes over the decisions.
    pub epochs: usize,
    /// Folds of the out-of-fold text scores the combination learns from.
    pub folds: usize,
    /// When the model is learnt (stamped into it).
    pub trained_at: DateTime<Utc>,
}

impl Default for LearnOptions {
    fn default() -> Self {
        LearnOptions {
            holdout: 0.2,
            min_per_class: 20,
            bits: 18,
            epochs: 6,
            folds: 4,
            trained_at: Utc::now(),
        }
    }
}

/// What learning measured.
#[derive(Debug, Clone)]
pub struct Report {
    /// Decisions read by the policy.
    pub decisions: usize,
    /// Decisions the policy could not read (position in the history, why): too long, say.
    pub unreadable: Vec<(usize, String)>,
    /// Refusals for rules other than the abuse rules (spelling, capitals): not the site model's.
    pub not_abuse: usize,
    /// The newest decisions, held out.
    pub held_out: usize,
    /// The shipped policy's agreement with them.
    pub shipped: Agreement,
    /// The site model's agreement with them, learnt from the older decisions.
    pub site: Agreement,
    /// The rules the model adjusts.
    pub rules: Vec<RuleId>,
    /// The rules left as shipped, and why.
    pub left_as_shipped: Vec<(RuleId, String)>,
}

impl Report {
    /// Whether the site model agrees with the held-out decisions better than the shipped policy.
    pub fn better(&self) -> bool {
        self.site.macro_f1 > self.shipped.macro_f1
    }
}

/// A learnt model and what learning measured.
pub struct Learnt {
    /// The model, fitted on every decision.
    pub model: SiteModel,
    /// The measurements.
    pub report: Report,
}

/// One decision as the shipped policy read it.
struct Read {
    inputs: SiteInputs,
    /// Whether the shipped policy refuses it for an abuse rule (review or reject).
    shipped_refused: bool,
    /// Whether the site refused it for an abuse rule.
    refused: bool,
    /// Per abuse rule (in [`RuleId::ABUSE`] order), whether the site refused it for that rule,
    /// where that can be told.
    labels: [Option<bool>; 4],
}

/// Learns a site model from `decisions` on top of `policy`'s abuse rules.
pub fn learn(
    policy: &Policy,
    decisions: &[Decision],
    options: &LearnOptions,
) -> Result<Learnt, Error> {
    if decisions.is_empty() {
        return Err(Error::Empty);
    }
    // The site model reads the abuse rules alone; the others need not run.
    let moderator = &Moderator::new(policy.abuse_only())?;
    let mut order: Vec<usize> = (0..decisions.len()).collect();
    if decisions.iter().all(|d| d.decided_at.is_some()) {
        order.sort_by_key(|&i| decisions[i].decided_at);
    }
    let reads: Vec<Result<Option<Read>, String>> = order
        .par_iter()
        .map(|&i| read(moderator, &decisions[i]))
        .collect();
    let mut unreadable = Vec::new();
    let mut not_abuse = 0;
    let mut items: Vec<(&Decision, Read)> = Vec::with_capacity(reads.len());
    for (&i, read) in order.iter().zip(reads) {
        match read {
            Ok(Some(read)) => items.push((&decisions[i], read)),
            Ok(None) => not_abuse += 1,
            Err(message) => unreadable.push((i, message)),
        }
    }
    if items.is_empty() {
        return Err(Error::Empty);
    }
    let refusals = items.iter().filter(|(_, r)| r.refused).count();
    if refusals == 0 {
        return Err(Error::OneSided("an approval"));
    }
    if refusals == items.len() {
        return Err(Error::OneSided("a refusal"));
    }
    if items.len() < MIN_DECISIONS {
        return Err(Error::TooFew(items.len()));
    }

    let held_out = ((items.len() as f32 * options.holdout).ceil() as usize).min(items.len() - 1);
    let (older, newest) = items.split_at(items.len() - held_out);
    let (heads, left_as_shipped) = rules_to_learn(older, options.min_per_class);
    if heads.is_empty() {
        return Err(Error::NoRule(options.min_per_class));
    }
    let (text, site_heads) = fit(older, &heads, options)?;
    let trial = SiteModel::new(placeholder_info(options), site_heads, text)?;
    let shipped = Agreement::of(newest.iter().map(|(_, r)| (r.refused, r.shipped_refused)));
    let site = agreement_with(moderator.policy(), &trial, newest);

    let (text, site_heads) = fit(&items, &heads, options)?;
    let (refuses_more, approves_more) = phrases::moved(
        items
            .iter()
            .map(|(d, r)| (d.text.as_str(), r.refused, r.shipped_refused)),
    );
    let report = Report {
        decisions: items.len(),
        unreadable,
        not_abuse,
        held_out,
        shipped,
        site,
        rules: heads.clone(),
        left_as_shipped,
    };
    let info = site::SiteModelInfo {
        version: version(&options.trained_at, &text),
        trained_at: options
            .trained_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        decisions: report.decisions,
        held_out,
        shipped,
        site,
        rules: heads,
        refuses_more,
        approves_more,
    };
    Ok(Learnt {
        model: SiteModel::new(info, site_heads, text)?,
        report,
    })
}

/// Reads one decision with the shipped policy: `None` for a refusal for rules other than the
/// abuse rules.
fn read(moderator: &Moderator, decision: &Decision) -> Result<Option<Read>, String> {
    let abuse_rules = decision
        .rules
        .as_ref()
        .map(|rules| rules.iter().filter(|r| RuleId::ABUSE.contains(r)).count());
    if decision.refused && abuse_rules == Some(0) {
        return Ok(None);
    }
    let (verdict, inputs) = moderator
        .site_inputs(&decision.text, None)
        .map_err(|e| e.to_string())?;
    let shipped_rules = verdict.abuse_rules();
    let labels = if !decision.refused {
        [Some(false); 4]
    } else {
        let named: Vec<RuleId> = match &decision.rules {
            Some(rules) => rules.clone(),
            None if !shipped_rules.is_empty() => shipped_rules.clone(),
            None => vec![likeliest_rule(&inputs)],
        };
        RuleId::ABUSE.map(|rule| named.contains(&rule).then_some(true))
    };
    Ok(Some(Read {
        inputs,
        shipped_refused: !shipped_rules.is_empty(),
        refused: decision.refused,
        labels,
    }))
}

/// The abuse rule a refusal that names none is most likely for: the one whose shipped confidence
/// or score is highest (`offensive` when all are 0: the policy's "offensive sentences").
fn likeliest_rule(inputs: &SiteInputs) -> RuleId {
    let mut best = (RuleId::Offensive, 0.0);
    for (at, rule) in RuleId::ABUSE.iter().enumerate() {
        let strength = inputs.signals[2 * at].max(inputs.signals[2 * at + 1]);
        if strength > best.1 {
            best = (*rule, strength);
        }
    }
    best.0
}

/// The rules with enough refusals and approvals; the others with why they stay as shipped.
fn rules_to_learn(
    items: &[(&Decision, Read)],
    min_per_class: usize,
) -> (Vec<RuleId>, Vec<(RuleId, String)>) {
    let mut learn = Vec::new();
    let mut left = Vec::new();
    for (at, rule) in RuleId::ABUSE.iter().enumerate() {
        let count = |value: bool| {
            items
                .iter()
                .filter(|(_, r)| r.labels[at] == Some(value))
                .count()
        };
        let (refusals, approvals) = (count(true), count(false));
        if refusals >= min_per_class && approvals >= min_per_class {
            learn.push(*rule);
        } else {
            left.push((
                *rule,
                format!(
                    "{refusals} refusals and {approvals} approvals (at least {min_per_class} of each are needed)"
                ),
            ));
        }
    }
    (learn, left)
}

/// Fits the text model and each rule's combination on `items`.
fn fit(
    items: &[(&Decision, Read)],
    rules: &[RuleId],
    options: &LearnOptions,
) -> Result<(Model, Vec<SiteHead>), Error> {
    let at: Vec<usize> = rules
        .iter()
        .filter_map(|r| RuleId::ABUSE.iter().position(|a| a == r))
        .collect();
    let examples: Vec<Example> = items
        .iter()
        .map(|(_, r)| Example {
            text: r.inputs.classifier_text.clone(),
            labels: at.iter().map(|&a| r.labels[a]).collect(),
            weight: 1.0,
        })
        .collect();
    let train_options = TrainOptions {
        config: FeatureConfig {
            bits: options.bits,
            ..FeatureConfig::default()
        },
        heads: rules.iter().map(|r| r.as_str().to_owned()).collect(),
        epochs: options.epochs,
        learning_rate: 0.4,
        nb_smoothing: Some(0.5),
        ..TrainOptions::default()
    };
    // The combination learns how far to trust the text model from scores on decisions that model
    // did not see: each fold is scored by a model trained on the others.
    let folds = options.folds.max(2);
    let mut text_logits = vec![vec![0f32; rules.len()]; items.len()];
    let fold_models: Vec<Result<Model, Error>> = (0..folds)
        .into_par_iter()
        .map(|fold| {
            let rest: Vec<Example> = examples
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != fold)
                .map(|(_, e)| e.clone())
                .collect();
            train::train(&rest, &train_options)
                .map(|(model, _)| model)
                .map_err(Error::Train)
        })
        .collect();
    for (fold, model) in fold_models.into_iter().enumerate() {
        let scorer = Scorer::new(model?);
        for (i, logits) in text_logits.iter_mut().enumerate() {
            if i % folds == fold {
                *logits = scorer
                    .score(&examples[i].text)
                    .into_iter()
                    .map(site::logit)
                    .collect();
            }
        }
    }
    let mut heads = Vec::with_capacity(rules.len());
    for (h, (&rule, &a)) in rules.iter().zip(&at).enumerate() {
        let points: Vec<([f32; site::COMBINED], bool)> = items
            .iter()
            .zip(&text_logits)
            .filter_map(|((_, r), logits)| Some((r.inputs.combined(logits[h]), r.labels[a]?)))
            .collect();
        let weights = combine::fit(&points);
        let probabilities: Vec<(f32, bool)> = points
            .iter()
            .map(|(x, label)| (combine::probability(&weights, x), *label))
            .collect();
        heads.push(SiteHead {
            rule,
            weights: weights.to_vec(),
            line: combine::best_line(&probabilities),
        });
    }
    let (text, _) = train::train(&examples, &train_options).map_err(Error::Train)?;
    Ok((text, heads))
}

/// How the policy with `model` agrees with the decisions of `items`.
fn agreement_with(policy: &Policy, model: &SiteModel, items: &[(&Decision, Read)]) -> Agreement {
    Agreement::of(
        items
            .iter()
            .map(|(_, r)| (r.refused, model.refuses(&r.inputs, policy))),
    )
}

/// The info of a model that is only measured, never stored.
fn placeholder_info(options: &LearnOptions) -> site::SiteModelInfo {
    site::SiteModelInfo {
        version: "trial".into(),
        trained_at: options.trained_at.to_rfc3339(),
        decisions: 0,
        held_out: 0,
        shipped: Agreement::default(),
        site: Agreement::default(),
        rules: Vec::new(),
        refuses_more: Vec::new(),
        approves_more: Vec::new(),
    }
}

/// A model's version: when it was learnt, and a checksum of its weights.
fn version(trained_at: &DateTime<Utc>, text: &Model) -> String {
    let checksum = text.encode().iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{}-{:08x}", trained_at.format("%Y%m%dT%H%M%SZ"), checksum)
}
