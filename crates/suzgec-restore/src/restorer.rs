//! The runtime restorer, built from a stored [`Model`].

use crate::Error;
use crate::example::{
    BOUNDARY_HASH, Case, Example, MAX_AMBIGUOUS, Word, pair_hash, push_gap_symbols,
    push_word_symbols,
};
use crate::features::{Left, left_features, window_features};
use crate::lm::CharLm;
use crate::model::{Model, Settings};
use crate::table::U64Table;
use crate::text::{self, KeyChar, SYM_SPACE};

/// One word the restorer changes.
#[derive(Clone, Debug, PartialEq)]
pub struct RestoredWord {
    /// Char (Unicode scalar) offset of the word's first char in the text.
    pub start: usize,
    /// Char offset just past the word's last char.
    pub end: usize,
    /// The word as typed.
    pub original: String,
    /// The word with its Turkish letters restored (same number of chars).
    pub restored: String,
    /// The model's probability, in `0..=1`, that the restored word is right.
    pub confidence: f32,
}

/// The restorer's choice for one word.
#[derive(Clone, Copy, Debug)]
struct Decision {
    mask: u64,
    confidence: f32,
}

/// A known key's forms: `masks[start..start + len]`.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    start: u32,
    len: u32,
    total: u32,
}

/// A word list the restorer may consult for words its own lexicon does not
/// know: "is this a correctly written word?" (for example a hunspell
/// dictionary). Any `Fn(&str) -> bool + Send + Sync` is one.
///
/// The restorer asks it only about candidate restorations of words whose
/// key it has not seen (or seen too rarely) in training, so it costs
/// nothing on known words.
pub trait Lexicon: Send + Sync {
    /// Whether `word` (one word, with its Turkish letters, as cased in the
    /// text; it may carry an apostrophe suffix such as `Ankara'da`) is a
    /// correctly written word.
    fn contains(&self, word: &str) -> bool;
}

impl<F: Fn(&str) -> bool + Send + Sync> Lexicon for F {
    fn contains(&self, word: &str) -> bool {
        self(word)
    }
}

/// The Turkish hunspell dictionary embedded by `suzgec-dict`
/// ([`suzgec_dict::Dictionary::turkish`]) as a [`Lexicon`]; typographic
/// apostrophes (`’`) are read as `'`, the only one the dictionary knows.
///
/// The dictionary loads on the first word it is asked about (about a
/// quarter of a second); call [`suzgec_dict::Dictionary::turkish`] at
/// start-up to load it ahead.
#[derive(Clone, Copy, Debug, Default)]
pub struct TurkishDictionary;

impl Lexicon for TurkishDictionary {
    fn contains(&self, word: &str) -> bool {
        let dictionary = suzgec_dict::Dictionary::turkish();
        if word.contains(text::is_apostrophe) {
            let plain: String = word
                .chars()
                .map(|c| if text::is_apostrophe(c) { '\'' } else { c })
                .collect();
            dictionary.check(&plain)
        } else {
            dictionary.check(word)
        }
    }
}

/// A shared [`Lexicon`], so that the restorer stays `Clone` and `Debug`.
#[derive(Clone)]
struct SharedLexicon(std::sync::Arc<dyn Lexicon>);

impl std::fmt::Debug for SharedLexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lexicon")
    }
}

/// Restores Turkish letters in text; built once from a [`Model`], then
/// shared freely (`Sync`, no interior mutability).
#[derive(Clone, Debug)]
pub struct Restorer {
    settings: Settings,
    index: U64Table<u32>,
    entries: Vec<Entry>,
    masks: Vec<u64>,
    counts: Vec<u32>,
    left: U64Table<u32>,
    right: U64Table<u32>,
    lm: CharLm,
    total_words: f32,
    /// Letter classifier weights, quantised (empty when the model has none).
    weights: Vec<i16>,
    /// Scale of `weights`.
    weight_scale: f32,
    /// Word list consulted for unknown words (see [`Restorer::with_lexicon`]).
    lexicon: Option<SharedLexicon>,
}

static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../data/restore/model.bin");

impl Restorer {
    /// The restorer built from the model shipped with this crate
    /// (`data/restore/model.bin`), loaded on first use, consulting the
    /// embedded Turkish dictionary ([`TurkishDictionary`]) for the words its
    /// own lexicon does not know.
    pub fn embedded() -> &'static Restorer {
        static EMBEDDED: std::sync::OnceLock<Restorer> = std::sync::OnceLock::new();
        EMBEDDED.get_or_init(|| {
            Restorer::from_bytes(EMBEDDED_MODEL)
                .expect("the embedded restorer model is checked by the crate's tests")
                .with_lexicon(TurkishDictionary)
        })
    }

    /// Decodes a model file and builds a restorer from it.
    ///
    /// # Errors
    /// Whatever [`Model::decode`] reports for a short, corrupt or foreign file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Restorer, Error> {
        let (model, lm) = Model::decode_parts(bytes)?;
        Ok(Restorer::build(model, lm))
    }

    /// Builds a restorer from a decoded model.
    pub fn from_model(model: &Model) -> Restorer {
        Restorer::build(model.clone(), model.char_lm.iter().copied())
    }

    /// Builds the runtime tables; the character model's entries come apart
    /// so that [`Restorer::from_bytes`] can read them straight from the file.
    fn build<I>(model: Model, char_lm: I) -> Restorer
    where
        I: ExactSizeIterator<Item = (u64, f32)> + Clone,
    {
        let mut entries = Vec::with_capacity(model.lexicon.len());
        let mut masks = Vec::new();
        let mut counts = Vec::new();
        for e in &model.lexicon {
            let start = masks.len() as u32;
            let mut total = 0u32;
            for f in &e.forms {
                masks.push(f.mask);
                counts.push(f.count);
                total = total.saturating_add(f.count);
            }
            entries.push(Entry {
                start,
                len: e.forms.len() as u32,
                total,
            });
        }
        let index = U64Table::build(
            model
                .lexicon
                .iter()
                .enumerate()
                .map(|(i, e)| (e.key_hash, i as u32)),
        );
        let left = U64Table::build(model.left_context.iter().copied());
        let right = U64Table::build(model.right_context.iter().copied());
        let lm = CharLm::new(model.settings.lm_order, char_lm);
        Restorer {
            settings: model.settings.clone(),
            index,
            entries,
            masks,
            counts,
            left,
            right,
            lm,
            total_words: model.total_words.max(1) as f32,
            weights: model.classifier,
            weight_scale: model.classifier_scale,
            lexicon: None,
        }
    }

    /// The same restorer, consulting `lexicon` for the words its own
    /// lexicon does not know (or saw fewer than `rare_count` times): among
    /// the candidate restorations the models find likely (at most 16, within
    /// [`Settings::lexicon_margin`] of the best), the best one the word list
    /// accepts wins; when it accepts none, a capitalised word keeps the
    /// letters of its name as typed unless the models are sure
    /// ([`Settings::name_keep_margin`]; foreign names: `Baltimore`,
    /// `Butler`), while a suffix after its apostrophe is still restored
    /// (`Carl'ın`), and a lower-case word takes the candidate whose longest
    /// accepted prefix (five letters or more) is clearly the longest
    /// (`ihtiyaçlısına`, whose stem `ihtiyaçlı` the list knows). Known words
    /// are decided as before, so this costs nothing on them.
    pub fn with_lexicon(mut self, lexicon: impl Lexicon + 'static) -> Restorer {
        self.lexicon = Some(SharedLexicon(std::sync::Arc::new(lexicon)));
        self
    }

    /// Whether a word list is consulted (see [`Restorer::with_lexicon`]).
    pub fn has_lexicon(&self) -> bool {
        self.lexicon.is_some()
    }

    /// The decision weights in use.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Replaces the decision weights (for tuning; the character model's
    /// order is fixed by the model and is kept).
    pub fn set_settings(&mut self, settings: Settings) {
        let order = self.settings.lm_order;
        self.settings = settings;
        self.settings.lm_order = order;
    }

    /// Approximate heap memory held by the restorer, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes()
            + self.entries.len() * std::mem::size_of::<Entry>()
            + self.masks.len() * 12
            + self.left.heap_bytes()
            + self.right.heap_bytes()
            + self.lm.heap_bytes()
            + self.weights.len() * 2
    }

    /// Whether the key of `word` (its Turkish-marks-free lower case) was seen in training.
    pub fn knows(&self, word: &str) -> bool {
        self.index
            .get(text::key_hash(
                &word
                    .chars()
                    .map(|c| text::key_char(c).key)
                    .collect::<String>(),
            ))
            .is_some()
    }

    /// Returns `text` with its Turkish letters restored.
    ///
    /// Only ASCII `c g i o s u C G I O S U` may change, each into its Turkish
    /// counterpart of the same case (`I` ↔ `İ`, `i` ↔ `ı`); the output has
    /// exactly as many chars as the input, and URLs, e-mail addresses,
    /// @mentions and #hashtags are left as typed.
    pub fn restore(&self, text: &str) -> String {
        let ex = Example::parse(text);
        let decisions = self.decide(&ex);
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        let mut last = 0;
        for (i, (w, d)) in ex.words.iter().zip(&decisions).enumerate() {
            if d.mask & w.free() == w.marked & w.free() {
                continue;
            }
            out.push_str(&text[last..w.span.byte_start]);
            write_word(
                &text[w.span.byte_start..w.span.byte_end],
                ex.keys(i),
                w,
                d.mask,
                &mut out,
            );
            last = w.span.byte_end;
        }
        out.push_str(&text[last..]);
        out
    }

    /// The words [`restore`](Restorer::restore) changes, with char offsets
    /// and the model's confidence in each change.
    pub fn restore_words(&self, text: &str) -> Vec<RestoredWord> {
        let ex = Example::parse(text);
        let decisions = self.decide(&ex);
        let mut out = Vec::new();
        for (i, (w, d)) in ex.words.iter().zip(&decisions).enumerate() {
            if d.mask & w.free() == w.marked & w.free() {
                continue;
            }
            let original = &text[w.span.byte_start..w.span.byte_end];
            let mut restored = String::with_capacity(original.len() + 4);
            write_word(original, ex.keys(i), w, d.mask, &mut restored);
            out.push(RestoredWord {
                start: w.span.char_start,
                end: w.span.char_end,
                original: original.to_owned(),
                restored,
                confidence: d.confidence,
            });
        }
        out
    }

    /// Decides every word of an example, left to right; the character model
    /// reads the words already decided.
    fn decide(&self, ex: &Example) -> Vec<Decision> {
        let mut hist: Vec<u8> = Vec::with_capacity(64);
        hist.push(SYM_SPACE);
        let mut decisions = Vec::with_capacity(ex.words.len());
        let keep = self.settings.lm_order as usize * 2;
        for i in 0..ex.words.len() {
            push_gap_symbols(ex.gap(i), &mut hist);
            let d = self.decide_word(ex, i, &hist);
            push_word_symbols(ex.keys(i), d.mask, &mut hist);
            if hist.len() > keep * 4 {
                hist.drain(..hist.len() - keep);
            }
            decisions.push(d);
        }
        decisions
    }

    fn decide_word(&self, ex: &Example, i: usize, hist: &[u8]) -> Decision {
        let w = &ex.words[i];
        if w.free() == 0 {
            return Decision {
                mask: w.marked,
                confidence: 1.0,
            };
        }
        let s = &self.settings;
        let next = ex.next_symbol(i);
        let mut cands: Vec<(u64, f32)> = Vec::with_capacity(8);
        let mut known_total = 0u32;
        // A name or acronym seen often enough as such is decided as one.
        let entry = ex
            .case_hash(i)
            .and_then(|h| self.index.get(h))
            .filter(|&ei| self.entries[ei as usize].total >= s.rare_count)
            .or_else(|| self.index.get(w.hash));
        if let Some(ei) = entry {
            let e = self.entries[ei as usize];
            let range = e.start as usize..(e.start + e.len) as usize;
            let forms = || {
                self.masks[range.clone()]
                    .iter()
                    .zip(&self.counts[range.clone()])
                    .filter(|(m, _)| w.admits(**m))
            };
            let nf = forms().count();
            known_total = forms().map(|(_, c)| *c).sum();
            if nf == 1 && known_total >= s.rare_count {
                let (m, c) = forms().next().expect("one form");
                let c = *c as f32;
                return Decision {
                    mask: *m,
                    confidence: (c + 0.5) / (c + 1.0),
                };
            }
            let rare = known_total < s.rare_count;
            if nf > 0 {
                let state = self.lm.state_of(hist);
                let denom = known_total as f32 + s.form_prior * nf as f32;
                let (lh, rh) = (ex.left_hash(i), ex.right_hash(i));
                let (lp, rp) = (self.unigram(lh), self.unigram(rh));
                for (&m, &c) in forms() {
                    let mut score = ((c as f32 + s.form_prior) / denom).ln();
                    if nf > 1 {
                        let beta = s.context_prior;
                        let cl = self.left.get(pair_hash(w.hash, m, lh)).unwrap_or(0) as f32;
                        let cr = self.right.get(pair_hash(w.hash, m, rh)).unwrap_or(0) as f32;
                        score += s.left_weight * ((cl + beta * lp) / (c as f32 + beta)).ln();
                        score += s.right_weight * ((cr + beta * rp) / (c as f32 + beta)).ln();
                    }
                    let (lm, letters) = self.path_scores(ex, i, m, state, next);
                    score += if rare {
                        // Competes with the search's candidates: same weights.
                        s.unknown_lm_weight * lm + s.unknown_letter_weight * letters
                    } else {
                        s.lm_weight * lm + s.letter_weight * letters
                    };
                    cands.push((m, score));
                }
            }
        }
        if known_total < s.rare_count {
            let unseen_prior = (s.form_prior / (known_total as f32 + s.form_prior)).ln();
            let state = self.lm.state_of(hist);
            for (m, score) in self.search(ex, i, state, next) {
                if !cands.iter().any(|(cm, _)| *cm == m) {
                    let prior = if known_total > 0 { unseen_prior } else { 0.0 };
                    cands.push((m, prior + score));
                }
            }
        }
        if known_total < s.rare_count
            && cands.len() > 1
            && let Some(lexicon) = &self.lexicon
            && let Some(d) = self.choose_with_lexicon(ex, i, &mut cands, lexicon.0.as_ref())
        {
            return d;
        }
        choose(&cands).unwrap_or(Decision {
            mask: w.marked,
            confidence: 1.0,
        })
    }

    /// Chooses among the candidates of a rare or unknown word the best one
    /// the lexicon accepts (the whole word, or else the part before an
    /// apostrophe); `None` when it accepts none of the likely ones.
    fn choose_with_lexicon(
        &self,
        ex: &Example,
        i: usize,
        cands: &mut [(u64, f32)],
        lexicon: &dyn Lexicon,
    ) -> Option<Decision> {
        let s = &self.settings;
        let w = &ex.words[i];
        cands.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
        let best = cands[0].1;
        let original = &ex.text[w.span.byte_start..w.span.byte_end];
        let has_apostrophe = original.contains(text::is_apostrophe);
        let mut buf = String::with_capacity(original.len() + 8);
        let (mut level, mut chosen) = (0u8, None);
        for &(mask, score) in self.likely_candidates(cands) {
            buf.clear();
            write_word(original, ex.keys(i), w, mask, &mut buf);
            let l = if lexicon.contains(&buf) {
                2
            } else if has_apostrophe
                && level < 1
                && let Some(end) = buf.find(text::is_apostrophe)
                && end > 0
                && lexicon.contains(&buf[..end])
            {
                1
            } else {
                0
            };
            if l > level {
                level = l;
                chosen = Some((mask, score));
                if l == 2 {
                    break;
                }
            }
        }
        let Some((mask, score)) = chosen else {
            // Nothing the list accepts: a capitalised word is most likely a
            // name, and names the list lacks are mostly foreign, with no
            // Turkish letters. Keep the name as typed unless the models are
            // sure; a suffix after an apostrophe is Turkish and follows the
            // name's vowels (`Carl'ın`), so the models still decide it.
            if w.case == Case::Lower {
                return self.choose_by_known_stem(ex, i, cands, lexicon);
            }
            let stem = stem_bits(ex.keys(i), w);
            let typed = w.marked & stem;
            let &(keep, keep_score) = cands.iter().find(|c| c.0 & stem == typed)?;
            if best - keep_score <= s.name_keep_margin {
                return Some(Decision {
                    mask: keep,
                    confidence: (keep_score - best).exp().clamp(0.0, 1.0),
                });
            }
            return None;
        };
        let z: f32 = cands
            .iter()
            .take(LEXICON_CANDIDATES)
            .map(|(_, sc)| (sc - score).exp())
            .sum();
        Some(Decision {
            mask,
            confidence: (1.0 / z).clamp(0.0, 1.0).max(0.5),
        })
    }

    /// Among the likely candidates of a lower-case word the lexicon rejects
    /// whole, the one whose longest accepted prefix is longest, when that is
    /// longer than the best candidate's: the lexicon knows the stem but not
    /// the derivation (`ihtiyaçlısına`, stem `ihtiyaçlı`; `süzdürünüz`).
    fn choose_by_known_stem(
        &self,
        ex: &Example,
        i: usize,
        cands: &[(u64, f32)],
        lexicon: &dyn Lexicon,
    ) -> Option<Decision> {
        let w = &ex.words[i];
        let original = &ex.text[w.span.byte_start..w.span.byte_end];
        let best = cands[0].1;
        let mut known: Vec<(String, bool)> = Vec::new();
        let mut buf = String::with_capacity(original.len() + 8);
        let (mut top, mut chosen) = (0usize, None);
        for (n, &(mask, score)) in self.likely_candidates(cands).enumerate() {
            buf.clear();
            write_word(original, ex.keys(i), w, mask, &mut buf);
            let ends: Vec<usize> = buf.char_indices().map(|(b, _)| b).skip(MIN_STEM).collect();
            let stem = ends.iter().rev().find(|&&end| {
                let prefix = &buf[..end];
                if let Some((_, ok)) = known.iter().find(|(p, _)| p == prefix) {
                    return *ok;
                }
                let ok = lexicon.contains(prefix);
                known.push((prefix.to_owned(), ok));
                ok
            });
            let length = stem.copied().unwrap_or(0);
            if n == 0 {
                top = length;
            } else if length >= top + MIN_GAIN && chosen.is_none_or(|(l, _, _)| length > l) {
                chosen = Some((length, mask, score));
            }
        }
        let (_, mask, score) = chosen?;
        Some(Decision {
            mask,
            confidence: (score - best).exp().clamp(0.0, 1.0).max(0.5),
        })
    }

    /// The candidates shown to the lexicon: the first [`LEXICON_CANDIDATES`] of `cands` (sorted,
    /// best first) within [`Settings::lexicon_margin`] of the best.
    fn likely_candidates<'c>(
        &self,
        cands: &'c [(u64, f32)],
    ) -> impl Iterator<Item = &'c (u64, f32)> {
        let best = cands.first().map_or(0.0, |c| c.1);
        let margin = self.settings.lexicon_margin;
        cands
            .iter()
            .take(LEXICON_CANDIDATES)
            .take_while(move |c| best - c.1 <= margin)
    }

    /// Relative frequency of a neighbour key.
    #[inline]
    fn unigram(&self, hash: u64) -> f32 {
        let count = self
            .index
            .get(hash)
            .map_or(0, |ei| self.entries[ei as usize].total);
        let count = if hash == BOUNDARY_HASH {
            count.max(1)
        } else {
            count
        };
        (count as f32 + 0.5) / self.total_words
    }

    /// Sum of the classifier weights of some features.
    #[inline]
    fn weight_sum(&self, features: &[u32]) -> f32 {
        let sum: i32 = features
            .iter()
            .map(|&f| i32::from(self.weights[f as usize]))
            .sum();
        sum as f32 * self.weight_scale
    }

    /// The part of the classifier's logit for `syms[p]` that reads only the key.
    #[inline]
    fn window_logit(&self, syms: &[u8], p: usize, buf: &mut Vec<u32>) -> f32 {
        if self.weights.is_empty() {
            return 0.0;
        }
        buf.clear();
        window_features(syms, p, buf);
        self.weight_sum(buf)
    }

    /// The part of the classifier's logit for `syms[p]` that reads the
    /// letters restored to its left.
    #[inline]
    fn left_logit(&self, syms: &[u8], p: usize, left: Left, buf: &mut Vec<u32>) -> f32 {
        if self.weights.is_empty() {
            return 0.0;
        }
        buf.clear();
        left_features(syms, p, left, buf);
        self.weight_sum(buf)
    }

    /// Character-model and classifier log-probabilities of word `i` restored
    /// with `mask` (the character model including the symbol after it).
    fn path_scores(
        &self,
        ex: &Example,
        i: usize,
        mask: u64,
        mut state: u64,
        next: u8,
    ) -> (f32, f32) {
        let w = &ex.words[i];
        let free = w.free();
        let mut buf = Vec::with_capacity(48);
        let (mut lm, mut letters) = (0.0, 0.0);
        let mut left = Left::START;
        let mut bit = 0u32;
        for (j, k) in ex.keys(i).iter().enumerate() {
            let sym = if k.ambiguous && bit < MAX_AMBIGUOUS {
                let b = 1u64 << bit;
                bit += 1;
                let marked = mask & b != 0;
                if free & b != 0 {
                    let p = w.sym_start as usize + j;
                    let z = self.window_logit(&ex.syms, p, &mut buf)
                        + self.left_logit(&ex.syms, p, left, &mut buf);
                    letters += log_sigmoid(if marked { z } else { -z });
                }
                text::key_symbol(k.key, marked)
            } else {
                text::symbol(k.key)
            };
            lm += self.lm.logp(state, sym);
            state = self.lm.advance(state, sym);
            left = left.push(sym);
        }
        (lm + self.lm.logp(state, next), letters)
    }

    /// Beam search over the free letters of an unknown word, scored by the
    /// classifier and the character model: the best masks with their
    /// scores, best first.
    fn search(&self, ex: &Example, i: usize, state: u64, next: u8) -> Vec<(u64, f32)> {
        let s = &self.settings;
        let w = &ex.words[i];
        let beam = usize::from(s.beam.max(1));
        let free = w.free();
        let mut buf = Vec::with_capacity(48);
        let mut items = vec![Item {
            score: 0.0,
            mask: w.marked & w.fixed,
            state,
            left: Left::START,
        }];
        let mut scratch: Vec<Item> = Vec::with_capacity(beam * 2);
        let mut bit = 0u32;
        for (j, k) in ex.keys(i).iter().enumerate() {
            if k.ambiguous && bit < MAX_AMBIGUOUS {
                let b = 1u64 << bit;
                bit += 1;
                if free & b != 0 {
                    scratch.clear();
                    let p = w.sym_start as usize + j;
                    let window = self.window_logit(&ex.syms, p, &mut buf);
                    for it in &items {
                        let z = window + self.left_logit(&ex.syms, p, it.left, &mut buf);
                        for marked in [false, true] {
                            let sym = text::key_symbol(k.key, marked);
                            let letter = log_sigmoid(if marked { z } else { -z });
                            scratch.push(Item {
                                score: it.score
                                    + s.unknown_letter_weight * letter
                                    + s.unknown_lm_weight * self.lm.logp(it.state, sym),
                                mask: if marked { it.mask | b } else { it.mask },
                                state: self.lm.advance(it.state, sym),
                                left: it.left.push(sym),
                            });
                        }
                    }
                    std::mem::swap(&mut items, &mut scratch);
                    if items.len() > beam {
                        items.sort_unstable_by(|a, b| b.score.total_cmp(&a.score));
                        items.truncate(beam);
                    }
                    continue;
                }
                let sym = text::key_symbol(k.key, w.marked & b != 0);
                self.advance_all(&mut items, sym);
            } else {
                self.advance_all(&mut items, text::symbol(k.key));
            }
        }
        let mut out: Vec<(u64, f32)> = items
            .iter()
            .map(|it| {
                (
                    it.mask,
                    it.score + s.unknown_lm_weight * self.lm.logp(it.state, next),
                )
            })
            .collect();
        out.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
        out
    }

    fn advance_all(&self, items: &mut [Item], sym: u8) {
        let wl = self.settings.unknown_lm_weight;
        for it in items.iter_mut() {
            it.score += wl * self.lm.logp(it.state, sym);
            it.state = self.lm.advance(it.state, sym);
            it.left = it.left.push(sym);
        }
    }
}

/// Most candidates of one word shown to the lexicon.
const LEXICON_CANDIDATES: usize = 16;

/// Fewest chars of a prefix that counts as a known stem.
const MIN_STEM: usize = 5;

/// How many chars longer a candidate's known stem must be than the best
/// candidate's to win over it.
const MIN_GAIN: usize = 2;

/// One hypothesis of the beam search.
#[derive(Clone, Copy, Debug)]
struct Item {
    score: f32,
    mask: u64,
    state: u64,
    left: Left,
}

/// `ln σ(z)`, computed stably.
#[inline]
fn log_sigmoid(z: f32) -> f32 {
    if z >= 0.0 {
        -(-z).exp().ln_1p()
    } else {
        z - z.exp().ln_1p()
    }
}

/// The best candidate and its softmax probability.
fn choose(cands: &[(u64, f32)]) -> Option<Decision> {
    let &(mask, best) = cands.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let z: f32 = cands.iter().map(|(_, s)| (s - best).exp()).sum();
    Some(Decision {
        mask,
        confidence: (1.0 / z).clamp(0.0, 1.0),
    })
}

/// The ambiguous positions of a word before its first apostrophe (all of
/// them when it has none).
fn stem_bits(keys: &[KeyChar], w: &Word) -> u64 {
    let mut bit = 0u32;
    for k in keys {
        if text::is_apostrophe(k.key) {
            return if bit >= 64 {
                u64::MAX
            } else {
                (1u64 << bit) - 1
            };
        }
        if k.ambiguous && bit < MAX_AMBIGUOUS {
            bit += 1;
        }
    }
    w.all()
}

/// Writes `original` with its free ambiguous letters set by `mask`, keeping
/// each letter's case.
fn write_word(original: &str, keys: &[KeyChar], w: &Word, mask: u64, out: &mut String) {
    let free = w.free();
    let mut bit = 0u32;
    for (c, k) in original.chars().zip(keys) {
        if k.ambiguous && bit < MAX_AMBIGUOUS {
            let b = 1u64 << bit;
            bit += 1;
            if free & b != 0 {
                let lower = if mask & b != 0 {
                    text::marked_of(k.key).unwrap_or(k.key)
                } else {
                    k.key
                };
                out.push(if c.is_ascii_uppercase() {
                    text::upper_restored(lower)
                } else {
                    lower
                });
                continue;
            }
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r() -> &'static Restorer {
        Restorer::embedded()
    }

    /// Only ASCII `c g i o s u` (any case) may change, each into its own
    /// Turkish counterpart, and the char count never changes.
    fn assert_only_letters_changed(input: &str, output: &str) {
        assert_eq!(
            input.chars().count(),
            output.chars().count(),
            "{input:?} → {output:?}"
        );
        for (a, b) in input.chars().zip(output.chars()) {
            if a != b {
                let ok = matches!(
                    (a, b),
                    ('c', 'ç')
                        | ('g', 'ğ')
                        | ('i', 'ı')
                        | ('o', 'ö')
                        | ('s', 'ş')
                        | ('u', 'ü')
                        | ('C', 'Ç')
                        | ('G', 'Ğ')
                        | ('I', 'İ')
                        | ('O', 'Ö')
                        | ('S', 'Ş')
                        | ('U', 'Ü')
                );
                assert!(ok, "{a:?} became {b:?} in {input:?} → {output:?}");
            }
        }
    }

    #[test]
    fn the_embedded_model_loads() {
        assert!(r().heap_bytes() > 0);
        assert!(r().knows("çok"));
    }

    #[test]
    fn restores_real_sentences() {
        for (ascii, turkish) in [
            (
                "Bu haberi okuyunca cok uzuldum",
                "Bu haberi okuyunca çok üzüldüm",
            ),
            (
                "Disisleri Bakani aciklama yapti",
                "Dışişleri Bakanı açıklama yaptı",
            ),
            (
                "ogrenciler okula gitti ve ogretmenlerini dinlediler",
                "öğrenciler okula gitti ve öğretmenlerini dinlediler",
            ),
            ("Istanbul'da yagmur basladi.", "İstanbul'da yağmur başladı."),
        ] {
            assert_eq!(r().restore(ascii), turkish);
        }
    }

    #[test]
    fn keeps_the_case_of_each_letter() {
        assert_eq!(r().restore("COK GUZEL BIR HABER"), "ÇOK GÜZEL BİR HABER");
        assert_eq!(r().restore("Cok guzel"), "Çok güzel");
        assert_eq!(r().restore("Iyi aksamlar"), "İyi akşamlar");
    }

    #[test]
    fn correct_turkish_is_left_alone() {
        for s in [
            "Ben de bu fikirdeyim",
            "Bu haberi okuyunca çok üzüldüm",
            "Işık, ılık süt ve İzmir.",
        ] {
            assert_eq!(r().restore(s), s);
            assert!(r().restore_words(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn letters_already_marked_are_kept_and_the_rest_restored() {
        assert_eq!(r().restore("çok guzel"), "çok güzel");
    }

    #[test]
    fn urls_mentions_hashtags_emails_and_emoji_are_kept_byte_for_byte() {
        let s = "Cok guzel @ahmet_ozturk http://ornek.com/cicek?q=guzel www.sozcu.com.tr \
                 #gunaydin ali.cicek@posta.com 😀👍🏽 sozcu.com.tr/yazi";
        let out = r().restore(s);
        assert!(out.starts_with("Çok güzel "), "{out}");
        let keep = |t: &str| assert!(out.contains(t), "{t} lost in {out}");
        keep("@ahmet_ozturk");
        keep("http://ornek.com/cicek?q=guzel");
        keep("www.sozcu.com.tr");
        keep("#gunaydin");
        keep("ali.cicek@posta.com");
        keep("😀👍🏽");
        keep("sozcu.com.tr/yazi");
    }

    #[test]
    fn restore_words_agrees_with_restore_and_uses_char_offsets() {
        let s = "😀 cok guzel, Istanbul'da gorusuruz";
        let words = r().restore_words(s);
        let mut chars: Vec<char> = s.chars().collect();
        for w in &words {
            let orig: String = chars[w.start..w.end].iter().collect();
            assert_eq!(orig, w.original);
            assert_eq!(w.original.chars().count(), w.restored.chars().count());
            assert!((0.0..=1.0).contains(&w.confidence));
            chars.splice(w.start..w.end, w.restored.chars());
        }
        assert_eq!(chars.iter().collect::<String>(), r().restore(s));
        assert_eq!(
            (words[0].start, words[0].end, words[0].restored.as_str()),
            (2, 5, "çok")
        );
    }

    #[test]
    fn a_confident_change_has_a_high_confidence() {
        let w = r().restore_words("cok");
        assert!(w[0].confidence > 0.9, "{w:?}");
    }

    #[test]
    fn the_embedded_restorer_consults_the_turkish_dictionary() {
        assert!(r().has_lexicon());
        assert!(!Restorer::from_bytes(EMBEDDED_MODEL).unwrap().has_lexicon());
    }

    #[test]
    fn a_lexicon_chooses_among_the_candidates_of_an_unknown_word() {
        let plain = Restorer::from_bytes(EMBEDDED_MODEL).unwrap();
        let s = "Dun Ozbegen ile gorustuk.";
        assert!(!plain.knows("Ozbegen"));
        let accepts = |word: &str| word == "Özbeğen";
        let with = plain.clone().with_lexicon(accepts);
        assert_eq!(with.restore(s), "Dün Özbeğen ile görüştük.");
        assert_ne!(plain.restore(s), with.restore(s));
        // Known words are decided by the model alone: a list that accepts
        // nothing changes nothing there.
        let nothing = plain.clone().with_lexicon(|_: &str| false);
        assert_eq!(
            nothing.restore("Bu haberi okuyunca cok uzuldum"),
            "Bu haberi okuyunca çok üzüldüm"
        );
    }

    #[test]
    fn a_known_stem_decides_a_word_the_list_rejects_whole() {
        let plain = Restorer::from_bytes(EMBEDDED_MODEL).unwrap();
        let s = "gozleri kizarmisa benziyordu";
        // The models alone miss the `ş` of `kızarmış`, rare in training.
        assert_eq!(plain.restore(s), "gözleri kızarmısa benziyordu");
        let stems = |word: &str| ["göz", "kızar", "kızarmış", "benziyordu"].contains(&word);
        let with = plain.clone().with_lexicon(stems);
        assert_eq!(with.restore(s), "gözleri kızarmışa benziyordu");
        // A prefix of under five letters is no stem.
        let short = plain.with_lexicon(|word: &str| word == "kıza");
        assert!(short.restore(s).contains("kızarmısa"));
        assert!(Restorer::embedded().restore(s).contains("kızarmışa"));
    }

    #[test]
    fn a_capitalised_unknown_name_the_list_lacks_keeps_its_letters() {
        // Regression: `Baltimore` came back as `Baltımore` (the training
        // text now has it); the models alone still turn `Marseille` Turkish.
        let plain = Restorer::from_bytes(EMBEDDED_MODEL).unwrap();
        let s = "Bakan Marseille ziyaret etti";
        assert_eq!(plain.restore(s), "Bakan Marşeille ziyaret etti");
        assert_eq!(r().restore(s), "Bakan Marseille ziyaret etti");
    }

    #[test]
    fn the_suffix_after_a_kept_name_follows_its_vowels() {
        assert_eq!(
            r().restore("Bunu Mark'in evinde Niang'in arabasiyla yaptik."),
            "Bunu Mark'ın evinde Niang'ın arabasıyla yaptık."
        );
    }

    #[test]
    fn a_windows_1252_apostrophe_read_as_latin_1_is_an_apostrophe() {
        // U+0092 is `’` in text decoded with the wrong code page; the suffix after it is
        // restored with the name, and the character is kept as it was.
        assert_eq!(
            r().restore("Bakan Sam\u{92}dan dondu, TSK\u{92}nin aciklamasini okudu."),
            "Bakan Şam\u{92}dan döndü, TSK\u{92}nın açıklamasını okudu."
        );
    }

    #[test]
    fn the_turkish_dictionary_reads_typographic_apostrophes() {
        assert!(TurkishDictionary.contains("Ankara'da"));
        assert!(TurkishDictionary.contains("Ankara’da"));
        assert!(TurkishDictionary.contains("çok"));
        assert!(!TurkishDictionary.contains("cok"));
    }

    #[test]
    fn corrupt_or_foreign_models_are_errors() {
        assert!(matches!(Restorer::from_bytes(b""), Err(Error::ModelMagic)));
        assert!(matches!(
            Restorer::from_bytes(b"\x7fELF...."),
            Err(Error::ModelMagic)
        ));
        let bytes = EMBEDDED_MODEL;
        assert!(Restorer::from_bytes(&bytes[..bytes.len() / 2]).is_err());
        assert!(Restorer::from_bytes(&bytes[..12]).is_err());
        let mut flipped = bytes.to_vec();
        let mid = flipped.len() / 3;
        flipped[mid] ^= 0xff;
        assert!(Restorer::from_bytes(&flipped).is_err());
    }

    #[test]
    fn odd_inputs_never_panic_and_keep_their_length() {
        let long_word = "cgiosu".repeat(40);
        let megabyte = "Bu haberi okuyunca cok uzuldum ama yine de gulumsedim. ".repeat(19_000);
        let inputs = [
            String::new(),
            " ".into(),
            "\u{0}\u{1}\u{7f}\t\r\u{feff}cok\u{200b}guzel\u{202e}".into(),
            "مرحبا بالعالم cok guzel שלום".into(),
            "👨‍👩‍👧‍👦🇹🇷 cok 🙂guzel🙂".into(),
            "i\u{307}yi ve I\u{307}stanbul cok".into(),
            long_word.clone(),
            format!("{long_word}'{long_word}"),
            "'''cok''' ‘gel’ `su` ´s".into(),
            "ＣＯＫ ｇｕｚｅｌ K (Kelvin) ſ ß ǅ".into(),
            "123'u 6'li 3'lu %16'lik".into(),
            megabyte,
        ];
        for input in &inputs {
            let out = r().restore(input);
            assert_only_letters_changed(input, &out);
            let _ = r().restore_words(input);
        }
    }

    #[test]
    fn arbitrary_chars_never_panic() {
        // A fixed pseudo-random walk over many Unicode ranges.
        let mut x = 0x9e37_79b9u32;
        let mut s = String::new();
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let c = match x % 4 {
                0 => char::from(b"cgiosuCGIOSU '.@#/:"[(x >> 8) as usize % 19]),
                1 => char::from_u32(x >> 16 & 0x2fff).unwrap_or('?'),
                2 => char::from_u32(0x1f300 + (x >> 8) % 0x300).unwrap_or('?'),
                _ => char::from(b'a' + (x >> 8) as u8 % 26),
            };
            s.push(c);
        }
        let out = r().restore(&s);
        assert_only_letters_changed(&s, &out);
    }
}
