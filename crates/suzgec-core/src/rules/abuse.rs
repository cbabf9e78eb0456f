//! What the four abuse rules (`swearing`, `insult`, `offensive`, `belief_attack`) share: the
//! lexicon hits and the classifier's scores of one comment, computed once per comment on first use
//! ([`Evidence::of`]), and the site's own word lists.
//!
//! Which lexicon applies: `tr.tsv` to comments in Turkish, Azerbaijani, too short to tell or
//! detected with little confidence (its skeletons collide with English words: `göt` = *got*, `bok`
//! = *book*), `en.tsv` and
//! `belief_targets.tsv` to every comment. The classifier reads the skeleton of the whole comment.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use suzgec_classify::Scorer;
use suzgec_encoder::Encoder;

use crate::Error;
use crate::lexicon::{AbuseCategory, AbuseTag, BeliefTag, Hit, Lexicon, Lexicons, Severity};
use crate::policy::{ClassifierSettings, Policy};
use crate::text::{Analysis, skeleton_of};

use super::hate::{self, CounterSpeech, Reading, Target};
use crate::verdict::{Language, Span};

/// Below this detector confidence a comment detected as English may be Turkish after all: short
/// insults (`salak herif`) and letters spaced out (`o r o s p u`) read as English to the detector.
/// About 3% of OLID's English tweets are this unsure.
const UNSURE_LANGUAGE: f32 = 0.3;

/// The fast classifier's calibrated probabilities for one comment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Offensive in any way (see [`Evidence::abusive`] for the encoder's second opinion).
    pub abusive: f32,
    /// Name-calling aimed at a person.
    pub insult: f32,
    /// Hostility aimed at a group.
    pub hate: f32,
}

/// The abuse evidence of one comment.
#[derive(Debug, Default)]
pub struct Evidence {
    /// Hits of the abuse lexicons that apply to the comment's language.
    pub abuse: Vec<Hit<'static, AbuseTag>>,
    /// Hits of the belief lexicon.
    pub beliefs: Vec<Hit<'static, BeliefTag>>,
    /// The fast classifier's scores, when the embedded model loads.
    pub scores: Option<Scores>,
    /// What the comment says about groups and beliefs, and whether the commenter owns it.
    pub hate: Reading,
    /// The encoder's heads on the comment, computed on first use.
    encoder: OnceLock<Option<suzgec_encoder::Scores>>,
    /// How the rules take the encoder's answer now.
    encoder_answer: Mutex<EncoderAnswer>,
    /// Whether a rule wanted the encoder's answer while it was assumed.
    encoder_wanted: AtomicBool,
}

/// How the abuse rules take the encoder's answer on a comment. The moderator first runs them with
/// the answer assumed at its two extremes, then at the ends of each early estimate the encoder
/// gives: when the judgement (the decision, and whether an abuse rule gives a reason) is the same at
/// both ends, no answer between them can change it (every rule's confidence grows with the
/// encoder's probabilities), and the encoder stops there.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum EncoderAnswer {
    /// The encoder reads the comment (once) where a rule asks for it.
    #[default]
    Asked,
    /// The rules take these scores, and nothing is computed.
    Assumed(suzgec_encoder::Scores),
    /// The rules go on without the encoder, as with the policy's `encoder = false`.
    Unasked,
}

impl EncoderAnswer {
    /// Every head at 0.
    pub const LOWEST: EncoderAnswer = EncoderAnswer::Assumed(suzgec_encoder::Scores {
        abusive: 0.0,
        group_hate: Some(0.0),
    });
    /// Every head at 1.
    pub const HIGHEST: EncoderAnswer = EncoderAnswer::Assumed(suzgec_encoder::Scores {
        abusive: 1.0,
        group_hate: Some(1.0),
    });
}

impl Clone for Evidence {
    fn clone(&self) -> Evidence {
        Evidence {
            abuse: self.abuse.clone(),
            beliefs: self.beliefs.clone(),
            scores: self.scores,
            hate: self.hate.clone(),
            encoder: self.encoder.clone(),
            encoder_answer: Mutex::new(self.encoder_answer()),
            encoder_wanted: AtomicBool::new(self.encoder_wanted()),
        }
    }
}

/// The encoder's group-hate head sends a comment to a moderator when it is at least this sure and
/// the reading found a group or belief named but no attack on it. Chosen on the functional suite's
/// tuning part and the dev sets (`data/abuse/ENCODER.md`, "A third batch"); too weak to refuse on.
pub const GROUP_HATE_REVIEW_AT: f32 = 0.85;

/// The confidence of such a finding: inside the built-in policy's review band.
pub const GROUP_HATE_CONFIDENCE: f32 = 0.6;

/// The hate reading of a comment (the hate lexicon of its language, then [`hate::read`]), given
/// its belief and abuse hits: the part of the evidence that judges what a comment says about groups.
pub fn read_hate(
    analysis: &Analysis<'_>,
    lexicons: &Lexicons,
    beliefs: &[Hit<'static, BeliefTag>],
    abuse: &[Hit<'static, AbuseTag>],
) -> Reading {
    let hate_hits = match analysis.language() {
        Language::En => lexicons.hate_english.find(analysis),
        Language::Tr | Language::Az => lexicons.hate_turkish.find(analysis),
        Language::Other => {
            let mut hits = lexicons.hate_turkish.find(analysis);
            hits.extend(lexicons.hate_english.find(analysis));
            hits
        }
    };
    let english = analysis.language() == Language::En;
    hate::read(analysis, &hate_hits, beliefs, abuse, english)
}

impl Evidence {
    /// The evidence of an analysed comment, computed on the first call and kept in the analysis.
    pub fn of<'a>(analysis: &'a Analysis<'_>) -> &'a Evidence {
        analysis.abuse.get_or_init(|| Evidence::compute(analysis))
    }

    fn compute(analysis: &Analysis<'_>) -> Evidence {
        let Ok(lexicons) = Lexicons::builtin() else {
            return Evidence::default();
        };
        let mut abuse = lexicons.english.find(analysis);
        if matches!(
            analysis.language(),
            Language::Tr | Language::Az | Language::Other
        ) {
            abuse.extend(lexicons.turkish.find(analysis));
        } else if analysis.detection.confidence < UNSURE_LANGUAGE {
            // Perhaps Turkish after all (`salak herif`, `o r o s p u` read as English): Turkish
            // entries count, except on words English has (`got`, `book`, `am`).
            let english = suzgec_dict::Dictionary::english();
            let words = &analysis.skeleton.words;
            abuse.extend(lexicons.turkish.find(analysis).into_iter().filter(|h| {
                !words[h.words.clone()]
                    .iter()
                    .any(|w| english.check(&w.text))
            }));
        }
        let scores = Scorer::embedded().ok().and_then(|scorer| {
            let p = scorer.score(&analysis.skeleton.classifier_text(analysis.text()));
            let head = |name| scorer.head(name).and_then(|i| p.get(i).copied());
            // One `abusive` head per training language, each calibrated on its own data.
            let abusive = match analysis.language() {
                Language::En => head("abusive_en"),
                Language::Tr | Language::Az => head("abusive_tr"),
                Language::Other => head("abusive_tr")
                    .zip(head("abusive_en"))
                    .map(|(a, b)| a.max(b)),
            };
            Some(Scores {
                abusive: abusive?,
                insult: head("insult").unwrap_or(0.0),
                hate: head("hate").unwrap_or(0.0),
            })
        });
        let beliefs = lexicons.beliefs.find(analysis);
        let hate = read_hate(analysis, lexicons, &beliefs, &abuse);
        Evidence {
            abuse,
            beliefs,
            scores,
            hate,
            encoder: OnceLock::new(),
            encoder_answer: Mutex::new(EncoderAnswer::Asked),
            encoder_wanted: AtomicBool::new(false),
        }
    }

    /// Sets how the rules take the encoder's answer from now on ([`EncoderAnswer::Asked`] at first).
    pub fn set_encoder_answer(&self, answer: EncoderAnswer) {
        *self
            .encoder_answer
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = answer;
    }

    /// How the rules take the encoder's answer now.
    pub fn encoder_answer(&self) -> EncoderAnswer {
        *self
            .encoder_answer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Keeps what the encoder read of the comment: the rules take it from now on.
    pub fn encoder_has_read(&self, scores: suzgec_encoder::Scores) {
        let _ = self.encoder.set(Some(scores));
        self.set_encoder_answer(EncoderAnswer::Asked);
    }

    /// Whether a rule wanted the encoder's answer while it was assumed.
    pub fn encoder_wanted(&self) -> bool {
        self.encoder_wanted.load(Ordering::Relaxed)
    }

    /// Whether the encoder has read the comment.
    pub fn encoder_read(&self) -> bool {
        self.encoder.get().is_some()
    }

    /// The abuse-lexicon hits the commenter owns: not inside words the comment quotes or reports to
    /// condemn them, nor negated (`'Hepsi hain' diyenler utanmalı`).
    pub fn asserted_abuse(&self) -> impl Iterator<Item = &Hit<'static, AbuseTag>> {
        self.abuse.iter().filter(|h| !self.hate.disowns(&h.words))
    }

    /// How much the classifier's judgement of the whole comment counts: less on counter-speech,
    /// where the words of the hate it speaks against are what the classifier reads, and on
    /// criticism of institutions.
    pub fn classifier_weight(&self) -> f32 {
        self.hate.classifier_weight()
    }

    /// The probability that the comment is abusive: the fast classifier's, or, where it is unsure
    /// and the policy asks for the encoder, the mean of both (the encoder runs once per comment).
    pub fn abusive(&self, analysis: &Analysis<'_>, settings: &ClassifierSettings) -> Option<f32> {
        let fast = self.scores?.abusive;
        if !settings.asks_encoder(fast) {
            return Some(fast);
        }
        Some(match self.encoder_probability(analysis) {
            Some(encoder) => (fast + encoder) / 2.0,
            None => fast,
        })
    }

    /// The encoder's probability that the comment is abusive, when its model loads and the
    /// process's limit of parallel encoder runs leaves room (see
    /// [`suzgec_encoder::limit_parallel_runs`]).
    pub fn encoder_probability(&self, analysis: &Analysis<'_>) -> Option<f32> {
        self.encoder_scores(analysis).map(|s| s.abusive)
    }

    fn encoder_scores(&self, analysis: &Analysis<'_>) -> Option<suzgec_encoder::Scores> {
        match self.encoder_answer() {
            EncoderAnswer::Assumed(scores) => {
                self.encoder_wanted.store(true, Ordering::Relaxed);
                Some(scores)
            }
            EncoderAnswer::Unasked => None,
            EncoderAnswer::Asked => *self.encoder.get_or_init(|| {
                let encoder = Encoder::embedded().ok()?;
                encoder.try_scores(analysis.text())?.ok()
            }),
        }
    }

    /// Where the comment names the groups or beliefs (as `wanted` picks them) without attacking
    /// them, with the first one's names in Turkish and English, when the encoder's group-hate head
    /// reads hate against a group in it anyway (at least [`GROUP_HATE_REVIEW_AT`]): a hint for a
    /// moderator, never a refusal. Only where the policy asks for it (`encoder` and
    /// `group_hate_review`), the reading found no attack and no counter-speech.
    pub fn unspoken_group_hate(
        &self,
        analysis: &Analysis<'_>,
        settings: &ClassifierSettings,
        wanted: impl Fn(&Target) -> bool,
    ) -> Option<(Vec<Range<usize>>, &'static str, &'static str)> {
        let named: Vec<&(Target, Range<usize>)> = self
            .hate
            .mentions
            .iter()
            .filter(|(target, _)| wanted(target))
            .collect();
        let (first, _) = named.first()?;
        let quiet = self.hate.attacks.is_empty()
            && self.hate.counter_speech == CounterSpeech::None
            && settings.encoder
            && settings.group_hate_review;
        if !quiet {
            return None;
        }
        let p = self.encoder_scores(analysis)?.group_hate?;
        let (tr, en) = first.names();
        (p >= GROUP_HATE_REVIEW_AT).then(|| {
            (
                named.iter().map(|(_, chars)| chars.clone()).collect(),
                tr,
                en,
            )
        })
    }
}

/// The site's word lists as the abuse rules use them.
#[derive(Debug, Clone)]
pub struct SiteWords {
    /// `words.block`: whole words or phrases, reported by the `swearing` rule.
    pub block: Lexicon<AbuseTag>,
    /// `words.allow`: skeletons never flagged by a lexicon.
    allow: HashSet<String>,
}

impl SiteWords {
    /// Compiles the policy's `words` section; also checks that the built-in lexicons load.
    pub fn new(policy: &Policy) -> Result<Self, Error> {
        Lexicons::builtin()?;
        let tag = AbuseTag {
            category: AbuseCategory::Swearing,
            severity: Severity::CLEAR,
        };
        Ok(SiteWords {
            block: Lexicon::from_terms(&policy.words.block, tag),
            allow: policy
                .words
                .allow
                .iter()
                .map(|w| skeleton_of(w))
                .filter(|w| !w.is_empty())
                .collect(),
        })
    }

    /// Whether a hit covers only words the site allows.
    pub fn allows<T>(&self, analysis: &Analysis<'_>, hit: &Hit<'_, T>) -> bool {
        if self.allow.is_empty() {
            return false;
        }
        let words = &analysis.skeleton.words[hit.words.clone()];
        let joined: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        self.allow.contains(&joined.join(" ")) || words.iter().all(|w| self.allow.contains(&w.text))
    }
}

/// How sure a lexicon hit of this severity is: mild words go to a moderator, clear ones are refused.
pub fn lexicon_confidence(severity: Severity) -> f32 {
    match severity.level() {
        1 => 0.55,
        2 => 0.9,
        _ => 0.97,
    }
}

/// Spans for code point ranges of the normalised text: overlapping ranges merged, in text order.
pub fn spans(analysis: &Analysis<'_>, ranges: impl IntoIterator<Item = Range<usize>>) -> Vec<Span> {
    let mut ranges: Vec<Range<usize>> = ranges.into_iter().collect();
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged.into_iter().map(|r| analysis.span(r, None)).collect()
}

/// The span of the whole comment's words, for what a classifier found in the comment as a whole.
pub fn whole_comment(analysis: &Analysis<'_>) -> Vec<Span> {
    let words = &analysis.skeleton.words;
    match (words.first(), words.last()) {
        (Some(first), Some(last)) => vec![analysis.span(first.chars.start..last.chars.end, None)],
        _ => Vec::new(),
    }
}

/// The lexicon part of a rule: the highest confidence among the hits of `categories` (or of
/// every hit when `categories` is empty), and the text they cover.
pub fn lexicon_finding<'h, 'l: 'h>(
    analysis: &Analysis<'_>,
    site: &SiteWords,
    hits: impl IntoIterator<Item = &'h Hit<'l, AbuseTag>>,
    categories: &[AbuseCategory],
) -> Option<(f32, Vec<Range<usize>>)> {
    let chosen: Vec<&Hit<'l, AbuseTag>> = hits
        .into_iter()
        .filter(|h| categories.is_empty() || categories.contains(&h.entry.tag.category))
        .filter(|h| !site.allows(analysis, h))
        .collect();
    let confidence = chosen
        .iter()
        .map(|h| lexicon_confidence(h.entry.tag.severity))
        .reduce(f32::max)?;
    Some((confidence, chosen.iter().map(|h| h.chars.clone()).collect()))
}

/// Whether a clear lexicon hit (severity 2 or more) already explains the comment, so that the
/// classifier's verdict on the whole comment adds nothing: the rule that owns the word reports it.
pub fn classifier_blocked(analysis: &Analysis<'_>, site: &SiteWords, evidence: &Evidence) -> bool {
    evidence
        .abuse
        .iter()
        .any(|h| h.entry.tag.severity >= Severity::CLEAR && !site.allows(analysis, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_evidence_is_computed_once_per_comment() {
        let analysis = Analysis::new("Siktir git gerizekalı", None);
        let first: *const Evidence = Evidence::of(&analysis);
        let second: *const Evidence = Evidence::of(&analysis);
        assert_eq!(first, second);
        let terms: Vec<&str> = Evidence::of(&analysis)
            .abuse
            .iter()
            .map(|h| h.entry.term.as_str())
            .collect();
        assert!(
            terms.contains(&"siktir") && terms.contains(&"gerizekalı"),
            "{terms:?}"
        );
        assert!(Evidence::of(&analysis).scores.is_some());
    }

    #[test]
    fn an_assumed_answer_bounds_the_encoders_and_computes_nothing() {
        let analysis = Analysis::new("Bu adam ne diyor ya, hiç utanmıyor mu", None);
        let evidence = Evidence::of(&analysis);
        let fast = evidence.scores.expect("scored").abusive;
        let always = ClassifierSettings {
            encoder: true,
            encoder_band: [0.0, 1.0],
            ..ClassifierSettings::default()
        };
        assert!(!evidence.encoder_wanted());
        evidence.set_encoder_answer(EncoderAnswer::LOWEST);
        assert_eq!(evidence.abusive(&analysis, &always), Some(fast / 2.0));
        evidence.set_encoder_answer(EncoderAnswer::HIGHEST);
        assert_eq!(
            evidence.abusive(&analysis, &always),
            Some((fast + 1.0) / 2.0)
        );
        evidence.set_encoder_answer(EncoderAnswer::Unasked);
        assert_eq!(evidence.abusive(&analysis, &always), Some(fast));
        assert!(evidence.encoder_wanted() && !evidence.encoder_read());
        evidence.set_encoder_answer(EncoderAnswer::Asked);
        let asked = evidence.abusive(&analysis, &always).expect("scored");
        assert!(evidence.encoder_read());
        assert!((fast / 2.0..=(fast + 1.0) / 2.0).contains(&asked));
    }

    #[test]
    fn the_encoder_is_asked_only_inside_the_band() {
        let analysis = Analysis::new("Bu yorumu yazan kişi gerçekten çok tuhaf biri", None);
        let evidence = Evidence::of(&analysis);
        let fast = evidence.scores.expect("classifier loads").abusive;
        let encoder = evidence
            .encoder_probability(&analysis)
            .expect("encoder loads");
        let always = ClassifierSettings {
            encoder: true,
            encoder_band: [0.0, 1.0],
            group_hate_review: true,
        };
        let abusive = evidence.abusive(&analysis, &always).expect("scored");
        assert!((abusive - (fast + encoder) / 2.0).abs() < 1e-6);
        let off = ClassifierSettings {
            encoder: false,
            ..always
        };
        assert_eq!(evidence.abusive(&analysis, &off), Some(fast));
        let never = ClassifierSettings {
            encoder_band: [fast + 0.01, 1.0].map(|x: f32| x.min(1.0)),
            ..always
        };
        if fast < 0.99 {
            assert_eq!(evidence.abusive(&analysis, &never), Some(fast));
        }
    }

    #[test]
    fn the_turkish_lexicon_is_not_applied_to_english() {
        let analysis = Analysis::new("I got a good book from the library yesterday", None);
        assert_eq!(analysis.language(), Language::En);
        assert!(Evidence::of(&analysis).abuse.is_empty());
        let turkish = Analysis::new("Bu ne biçim bok gibi bir iş", None);
        assert!(!Evidence::of(&turkish).abuse.is_empty());
    }

    #[test]
    fn short_turkish_read_as_english_still_meets_the_turkish_lexicon() {
        for (text, found) in [
            ("salak herif", true),
            ("got it", false),
            ("good book", false),
        ] {
            let analysis = Analysis::new(text, None);
            assert_eq!(!Evidence::of(&analysis).abuse.is_empty(), found, "{text}");
        }
    }

    #[test]
    fn overlapping_ranges_become_one_span() {
        let analysis = Analysis::new("🙂 orospu çocuğu", None);
        let spans = spans(&analysis, [2..8, 2..15, 9..15]);
        assert_eq!(spans.len(), 1);
        assert_eq!((spans[0].start, spans[0].end), (2, 15));
        assert_eq!(spans[0].text, "orospu çocuğu");
    }

    #[test]
    fn the_site_allow_list_silences_a_listed_word() {
        let policy =
            Policy::from_toml("name='x'\nversion='1'\n[words]\nallow=['Salak']").expect("parses");
        let site = SiteWords::new(&policy).expect("builds");
        let analysis = Analysis::new("Bu adam tam bir salak, herkes biliyor", None);
        let evidence = Evidence::of(&analysis);
        let salak = evidence
            .abuse
            .iter()
            .find(|h| h.entry.term == "salak")
            .expect("listed");
        assert!(site.allows(&analysis, salak));
    }

    #[test]
    fn the_group_hate_head_hints_at_hate_the_rules_cannot_see() {
        let settings = ClassifierSettings::default();
        let any = |_: &Target| true;
        let hinted = Analysis::new("Why are Jews even allowed to live in this city?", None);
        let evidence = Evidence::of(&hinted);
        assert!(evidence.hate.attacks.is_empty(), "no attack the rules see");
        let (named, tr, en) = evidence
            .unspoken_group_hate(&hinted, &settings, any)
            .expect("a hint");
        assert_eq!(named.len(), 1, "{:?}", evidence.hate.mentions);
        assert!(matches!(evidence.hate.mentions[0].0, Target::Belief(_)));
        assert_eq!((tr, en), evidence.hate.mentions[0].0.names());
        let off = ClassifierSettings {
            group_hate_review: false,
            ..settings
        };
        assert!(evidence.unspoken_group_hate(&hinted, &off, any).is_none());
        let groups_only = |t: &Target| matches!(t, Target::Group(_));
        assert!(
            evidence
                .unspoken_group_hate(&hinted, &settings, groups_only)
                .is_none()
        );

        let neutral = Analysis::new("Kürtler hakkında bir haber okudum, ilginçti.", None);
        let evidence = Evidence::of(&neutral);
        assert!(!evidence.hate.mentions.is_empty(), "the group is named");
        assert!(
            evidence
                .unspoken_group_hate(&neutral, &settings, any)
                .is_none()
        );
    }
}
