//! Training and measurement (cargo feature `train`).
//!
//! [`train`] builds a [`Model`] from text with correct Turkish letters: it
//! splits documents into sentences, drops sentences that are themselves
//! typed without Turkish letters, and counts, over the same [`Example`]s the
//! restorer parses at run time,
//!
//! * the forms each key was seen with (the lexicon),
//! * which left and right neighbour each form of an ambiguous key had,
//! * character n-grams of the restored text (a Witten-Bell back-off model).
//!
//! [`evaluate`] ASCII-fies correct text, restores it and counts the words
//! that come back equal to the original.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

use crate::Error;
use crate::Restorer;
use crate::example::{
    BOUNDARY_HASH, Example, MAX_AMBIGUOUS, pair_hash, push_gap_symbols, push_word_symbols,
};
use crate::features::{FEATURE_BITS, Left, letter_features};
use crate::lm::{CONTEXT_FLAG, low_symbols, symbol_count};
use crate::model::{Form, LexiconEntry, Model, Settings};
use crate::text::{self, SYM_BITS, SYM_COUNT, SYM_SPACE};

/// Hasher for keys that are already well mixed (or cheap to mix).
#[derive(Default)]
struct MixHasher(u64);

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = text::mix64(self.0 ^ u64::from(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = text::mix64(self.0 ^ v);
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<MixHasher>>;

/// Options of [`train`].
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Decision weights stored in the model (`lm_order` sets the character
    /// model's order).
    pub settings: Settings,
    /// N-grams of three or more symbols seen fewer times than this are left
    /// out of the character model (keeps the model small).
    pub lm_min_count: u32,
    /// Drop sentences typed without Turkish letters (see [`TrainReport`]).
    pub filter_ascii_typed: bool,
    /// Passes of the letter classifier over the training text (0: no classifier).
    pub classifier_epochs: u32,
    /// AdaGrad learning rate of the letter classifier.
    pub classifier_rate: f32,
    /// The classifier sees each word at most about this many times per pass
    /// (frequent words are subsampled), so that it learns what unknown words
    /// look like rather than the most frequent words, which the lexicon
    /// decides anyway. 0: no subsampling.
    pub classifier_cap: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            settings: Settings::default(),
            lm_min_count: 2,
            filter_ascii_typed: true,
            classifier_epochs: 3,
            classifier_rate: 0.2,
            classifier_cap: 80,
        }
    }
}

/// What [`train`] saw and kept.
#[derive(Clone, Debug, Default)]
pub struct TrainReport {
    /// Documents (corpus lines) read.
    pub documents: usize,
    /// Sentences found in them.
    pub sentences: usize,
    /// Sentences dropped because a word in them is typed without the Turkish
    /// letters it almost always has elsewhere in the corpus (`cok` for `çok`).
    pub sentences_ascii_typed: usize,
    /// Word tokens counted.
    pub words: u64,
    /// Distinct keys in the lexicon.
    pub keys: usize,
    /// Keys with more than one form.
    pub ambiguous_keys: usize,
    /// Entries (n-grams and contexts) in the character model.
    pub lm_entries: usize,
    /// Letters the classifier was trained on (per pass).
    pub classifier_letters: u64,
    /// Share of them the classifier gets right in its last pass (while training).
    pub classifier_train_accuracy: f64,
    /// Non-zero classifier weights.
    pub classifier_weights: usize,
}

/// Reads a corpus: one document per line. In a `.jsonl` file each line is a
/// JSON object whose string field `text` is the document; in any other file
/// the document is the last tab-separated field (`category<TAB>text`).
///
/// # Errors
/// [`Error::Io`] when the file cannot be read, [`Error::Corpus`] for a bad
/// JSON line.
pub fn read_corpus(path: &Path) -> Result<Vec<String>, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let content = String::from_utf8_lossy(&bytes);
    let jsonl = path.extension().is_some_and(|e| e == "jsonl");
    let mut docs = Vec::new();
    for (n, line) in content.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            continue;
        }
        if jsonl {
            let v: serde_json::Value = serde_json::from_str(line).map_err(|e| Error::Corpus {
                path: path.to_owned(),
                line: n + 1,
                message: e.to_string(),
            })?;
            match v.get("text").and_then(|t| t.as_str()) {
                Some(t) => docs.push(t.to_owned()),
                None => {
                    return Err(Error::Corpus {
                        path: path.to_owned(),
                        line: n + 1,
                        message: "no string field \"text\"".into(),
                    });
                }
            }
        } else {
            docs.push(line.rsplit('\t').next().unwrap_or(line).to_owned());
        }
    }
    Ok(docs)
}

/// Splits a document into sentences after `.`, `!`, `?` and `…` followed by
/// whitespace.
pub fn sentences(doc: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_end = false;
    for (i, c) in doc.char_indices() {
        if prev_end && c.is_whitespace() {
            let s = doc[start..i].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i;
        }
        prev_end = matches!(c, '.' | '!' | '?' | '…');
    }
    let s = doc[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Counts of (key, mask).
type FormCounts = Map<(u64, u64), u32>;

fn count_forms<'a>(sents: impl Iterator<Item = &'a str>) -> FormCounts {
    let mut counts = FormCounts::default();
    for s in sents {
        let ex = Example::parse(s);
        for (i, w) in ex.words.iter().enumerate() {
            *counts.entry((w.hash, w.marked)).or_default() += 1;
            if let Some(h) = ex.case_hash(i) {
                *counts.entry((h, w.marked)).or_default() += 1;
            }
        }
    }
    counts
}

/// Keys whose unmarked form is rare (< 8 % of at least 10 sightings) while
/// the key has ambiguous letters: a sighting without any Turkish-only letter
/// is most likely typed on an ASCII keyboard.
fn ascii_typed_keys(counts: &FormCounts) -> Map<u64, ()> {
    let mut per_key: Map<u64, (u32, u32)> = Map::default();
    for (&(k, m), &c) in counts {
        let e = per_key.entry(k).or_default();
        e.0 += c;
        if m == 0 {
            e.1 += c;
        }
    }
    per_key
        .into_iter()
        .filter(|&(_, (total, plain))| {
            total >= 10 && plain > 0 && (plain as f32) < 0.08 * total as f32
        })
        .map(|(k, _)| (k, ()))
        .collect()
}

/// Builds a model from documents with correct Turkish letters.
pub fn train(documents: &[String], options: &TrainOptions) -> (Model, TrainReport) {
    let mut report = TrainReport {
        documents: documents.len(),
        ..TrainReport::default()
    };
    let all: Vec<&str> = documents.iter().flat_map(|d| sentences(d)).collect();
    report.sentences = all.len();
    let kept: Vec<&str> = if options.filter_ascii_typed {
        let suspicious = ascii_typed_keys(&count_forms(all.iter().copied()));
        all.iter()
            .copied()
            .filter(|s| {
                let ex = Example::parse(s);
                !ex.words
                    .iter()
                    .any(|w| w.n_amb > 0 && w.fixed == 0 && suspicious.contains_key(&w.hash))
            })
            .collect()
    } else {
        all.clone()
    };
    report.sentences_ascii_typed = all.len() - kept.len();

    // Lexicon.
    let forms = count_forms(kept.iter().copied());
    let mut lexicon: Map<u64, Vec<Form>> = Map::default();
    for (&(k, mask), &count) in &forms {
        lexicon.entry(k).or_default().push(Form { mask, count });
    }
    let mut boundary_count = 0u32;
    let mut words = 0u64;
    for fs in lexicon.values_mut() {
        fs.sort_by(|a, b| b.count.cmp(&a.count).then(a.mask.cmp(&b.mask)));
        let total: u32 = fs.iter().map(|f| f.count).sum();
        // Rare minority forms are mostly typos and ASCII slips.
        fs.retain(|f| f.count > 3 || f.count as u64 * 100 >= u64::from(total));
    }

    // Neighbours of ambiguous keys, and the character model's n-grams.
    let mut left: Map<u64, u32> = Map::default();
    let mut right: Map<u64, u32> = Map::default();
    let mut ngrams: Map<u64, u32> = Map::default();
    let order = u32::from(options.settings.lm_order.clamp(1, 10));
    let mut hist: Vec<u8> = Vec::new();
    for s in &kept {
        let ex = Example::parse(s);
        words += ex.words.len() as u64;
        for (i, w) in ex.words.iter().enumerate() {
            if ex.left_hash(i) == BOUNDARY_HASH {
                boundary_count += 1;
            }
            if lexicon.get(&w.hash).is_some_and(|f| f.len() > 1) {
                *left
                    .entry(pair_hash(w.hash, w.marked, ex.left_hash(i)))
                    .or_default() += 1;
                *right
                    .entry(pair_hash(w.hash, w.marked, ex.right_hash(i)))
                    .or_default() += 1;
            }
        }
        hist.clear();
        hist.push(SYM_SPACE);
        for i in 0..ex.words.len() {
            push_gap_symbols(ex.gap(i), &mut hist);
            push_word_symbols(ex.keys(i), ex.words[i].marked, &mut hist);
        }
        push_gap_symbols(ex.gap(ex.words.len()), &mut hist);
        push_gap_symbols(" ", &mut hist);
        let mut packed = 0u64;
        for (j, &sym) in hist.iter().enumerate() {
            packed = ((packed << SYM_BITS) | u64::from(sym)) & low_symbols(order);
            for n in 1..=order.min(j as u32 + 1) {
                *ngrams.entry(packed & low_symbols(n)).or_default() += 1;
            }
        }
    }
    lexicon
        .entry(BOUNDARY_HASH)
        .or_insert_with(|| vec![Form { mask: 0, count: 0 }])[0]
        .count = boundary_count;
    report.words = words;
    report.keys = lexicon.len();
    report.ambiguous_keys = lexicon.values().filter(|f| f.len() > 1).count();

    let char_lm = witten_bell(&ngrams, options.lm_min_count);
    report.lm_entries = char_lm.len();

    let key_counts: Map<u64, u32> = lexicon
        .iter()
        .map(|(&k, fs)| (k, fs.iter().map(|f| f.count).sum()))
        .collect();
    let (classifier, classifier_scale) = train_classifier(&kept, &key_counts, options, &mut report);

    let mut lexicon: Vec<LexiconEntry> = lexicon
        .into_iter()
        .map(|(key_hash, forms)| LexiconEntry { key_hash, forms })
        .collect();
    lexicon.sort_by_key(|e| e.key_hash);
    let sorted = |m: Map<u64, u32>| {
        let mut v: Vec<(u64, u32)> = m.into_iter().collect();
        v.sort_unstable();
        v
    };
    let model = Model {
        settings: options.settings.clone(),
        lexicon,
        left_context: sorted(left),
        right_context: sorted(right),
        char_lm,
        total_words: words,
        classifier,
        classifier_scale,
    };
    (model, report)
}

/// Trains the letter classifier (logistic regression with AdaGrad on
/// hashed features) on every ambiguous letter, reading the gold letters to
/// its left as the restorer reads its own decisions.
fn train_classifier(
    sentences: &[&str],
    key_counts: &Map<u64, u32>,
    options: &TrainOptions,
    report: &mut TrainReport,
) -> (Vec<i16>, f32) {
    if options.classifier_epochs == 0 {
        return (Vec::new(), 0.0);
    }
    let n = 1usize << FEATURE_BITS;
    let mut weights = vec![0f32; n];
    let mut grads = vec![0f32; n];
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut buf = Vec::with_capacity(64);
    for _ in 0..options.classifier_epochs {
        // Fisher-Yates with xorshift: a fixed, reproducible order per pass.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let (mut seen, mut right) = (0u64, 0u64);
        for &si in &order {
            let ex = Example::parse(sentences[si]);
            for (i, w) in ex.words.iter().enumerate() {
                if options.classifier_cap > 0 {
                    let count = key_counts.get(&w.hash).copied().unwrap_or(1);
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    if count > options.classifier_cap
                        && rng % u64::from(count) >= u64::from(options.classifier_cap)
                    {
                        continue;
                    }
                }
                let mut left = Left::START;
                let mut bit = 0u32;
                for (j, k) in ex.keys(i).iter().enumerate() {
                    let mut marked = false;
                    if k.ambiguous && bit < MAX_AMBIGUOUS {
                        marked = w.marked >> bit & 1 == 1;
                        bit += 1;
                        buf.clear();
                        letter_features(&ex.syms, w.sym_start as usize + j, left, &mut buf);
                        let z: f32 = buf.iter().map(|&f| weights[f as usize]).sum();
                        let p = 1.0 / (1.0 + (-z).exp());
                        let g = p - if marked { 1.0 } else { 0.0 };
                        seen += 1;
                        if (z > 0.0) == marked {
                            right += 1;
                        }
                        for &f in &buf {
                            let f = f as usize;
                            grads[f] += g * g;
                            weights[f] -= options.classifier_rate * g / (grads[f] + 1e-6).sqrt();
                        }
                    }
                    let sym = if k.ambiguous {
                        text::key_symbol(k.key, marked)
                    } else {
                        text::symbol(k.key)
                    };
                    left = left.push(sym);
                }
            }
        }
        report.classifier_letters = seen;
        report.classifier_train_accuracy = right as f64 / seen.max(1) as f64;
    }
    let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
    let scale = max / f32::from(i16::MAX);
    let classifier: Vec<i16> = weights
        .iter()
        .map(|&w| (w / scale).round() as i16)
        .collect();
    report.classifier_weights = classifier.iter().filter(|&&q| q != 0).count();
    (classifier, scale)
}

/// Interpolated Witten-Bell estimates stored in back-off form: for each kept
/// n-gram `h s`, `ln P(s | h)`; for each context `h`, `ln λ(h)` with
/// `λ(h) = (1 − Σ P(s | h)) / (1 − Σ P(s | h'))` over the kept `h s`, so that
/// an unseen or pruned `h s` gets `λ(h) P(s | h')` and each context's
/// probabilities still sum to one.
fn witten_bell(ngrams: &Map<u64, u32>, min_count: u32) -> Vec<(u64, f32)> {
    // Context totals and type counts.
    let mut ctx: Map<u64, (u64, u32)> = Map::default();
    let mut unigram_total = 0u64;
    for (&g, &c) in ngrams {
        if symbol_count(g) == 1 {
            unigram_total += u64::from(c);
        } else {
            let e = ctx.entry(g >> SYM_BITS).or_default();
            e.0 += u64::from(c);
            e.1 += 1;
        }
    }
    let max_order = ngrams.keys().map(|&g| symbol_count(g)).max().unwrap_or(0);
    let mut by_order: Vec<Vec<(u64, u32)>> = vec![Vec::new(); max_order as usize + 1];
    for (&g, &c) in ngrams {
        by_order[symbol_count(g) as usize].push((g, c));
    }
    let mut prob: Map<u64, f32> = Map::default();
    // Per context: the probability its kept n-grams take, and what the
    // lower order gives the same symbols.
    let mut kept: Map<u64, (f64, f64)> = Map::default();
    let mut out = Vec::new();
    let v = f64::from(SYM_COUNT);
    for (n, grams) in by_order.iter().enumerate().skip(1) {
        for &(g, c) in grams {
            // `lower`: P(s | h'), the same symbol one order down (none for unigrams).
            let (p, lower) = if n == 1 {
                let p = (f64::from(c) + 0.5) / (unigram_total as f64 + 0.5 * v);
                (p, 0.0)
            } else {
                let (total, types) = ctx[&(g >> SYM_BITS)];
                let lower = f64::from(prob[&(g & low_symbols(n as u32 - 1))]);
                let p =
                    (f64::from(c) + f64::from(types) * lower) / (total as f64 + f64::from(types));
                (p, lower)
            };
            prob.insert(g, p as f32);
            if n <= 2 || c >= min_count {
                out.push((g, p.ln() as f32));
                if n >= 2 {
                    let e = kept.entry(g >> SYM_BITS).or_default();
                    e.0 += p;
                    e.1 += lower;
                }
            }
        }
    }
    for (&h, &(total, _)) in &ctx {
        if symbol_count(h) <= 1 || total >= u64::from(min_count) {
            // The back-off weight gives the symbols without a kept n-gram what the
            // kept ones leave, in the lower order's proportions: the n-grams pruned
            // as rare keep their mass instead of only the Witten-Bell escape.
            let (upper, lower) = kept.get(&h).copied().unwrap_or((0.0, 0.0));
            let lambda = (1.0 - upper).max(1e-9) / (1.0 - lower).max(1e-9);
            out.push((h | CONTEXT_FLAG, lambda.ln() as f32));
        }
    }
    out.sort_unstable_by_key(|e| e.0);
    out
}

/// Word accuracy of a restorer on correct text (see [`evaluate`]).
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    /// Lines measured.
    pub lines: usize,
    /// Whitespace-separated tokens.
    pub words: usize,
    /// Tokens restored equal to the original.
    pub correct: usize,
    /// Tokens whose key the restorer had not seen in training.
    pub unknown: usize,
    /// Wrong tokens among those.
    pub unknown_wrong: usize,
    /// Wrong letters by kind, e.g. `ı→i` (gold `ı`, restored `i`), most frequent first.
    pub letter_errors: Vec<(String, usize)>,
    /// Wrong words as `gold→restored` (prefixed with `?` when unknown), most frequent first.
    pub word_errors: Vec<(String, usize)>,
}

impl Evaluation {
    /// Share of tokens restored equal to the original.
    pub fn accuracy(&self) -> f64 {
        self.correct as f64 / self.words.max(1) as f64
    }
}

/// ASCII-fies each line, restores it and compares whitespace-separated
/// tokens with the original.
pub fn evaluate<S: AsRef<str>>(restorer: &Restorer, lines: &[S]) -> Evaluation {
    let mut ev = Evaluation::default();
    let mut letters: HashMap<String, usize> = HashMap::new();
    let mut words: HashMap<String, usize> = HashMap::new();
    for line in lines {
        let gold = line.as_ref();
        let restored = restorer.restore(&text::asciify(gold));
        ev.lines += 1;
        for (g, r) in gold.split_whitespace().zip(restored.split_whitespace()) {
            ev.words += 1;
            let known = text::words(g)
                .iter()
                .all(|w| restorer.knows(&g[w.byte_start..w.byte_end]));
            if !known {
                ev.unknown += 1;
            }
            if g == r {
                ev.correct += 1;
                continue;
            }
            if !known {
                ev.unknown_wrong += 1;
            }
            for (a, b) in g.chars().zip(r.chars()) {
                if a != b {
                    *letters.entry(format!("{a}→{b}")).or_default() += 1;
                }
            }
            let mark = if known { "" } else { "?" };
            *words.entry(format!("{mark}{g}→{r}")).or_default() += 1;
        }
    }
    let sorted = |m: HashMap<String, usize>| {
        let mut v: Vec<(String, usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    };
    ev.letter_errors = sorted(letters);
    ev.word_errors = sorted(words);
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs() -> Vec<String> {
        [
            "Bu haberi okuyunca çok üzüldüm. Çok güzel bir gün.",
            "Şu an çok mutluyum. İşte böyle güzel şeyler oluyor.",
            "Öğrenciler okula gitti. Çocuklar çok sevindi.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn sentences_split_after_end_marks() {
        assert_eq!(
            sentences("Bir. İki! Üç? 3.5 dört"),
            vec!["Bir.", "İki!", "Üç?", "3.5 dört"]
        );
    }

    #[test]
    fn a_model_trained_on_a_few_sentences_restores_them() {
        let (model, report) = train(&docs(), &TrainOptions::default());
        assert_eq!(report.documents, 3);
        let r = Restorer::from_model(&Model::decode(&model.encode()).unwrap());
        assert_eq!(
            r.restore("Bu haberi okuyunca cok uzuldum."),
            "Bu haberi okuyunca çok üzüldüm."
        );
        let ev = evaluate(&r, &docs());
        assert_eq!(ev.correct, ev.words);
    }

    #[test]
    fn ascii_typed_sentences_are_dropped() {
        let mut d: Vec<String> = (0..20).map(|_| "Çok güzel.".to_string()).collect();
        d.push("Cok guzel.".to_string());
        let (_, report) = train(&d, &TrainOptions::default());
        assert_eq!(report.sentences_ascii_typed, 1);
    }

    #[test]
    fn corpus_files_are_read_by_format() {
        let dir = std::env::temp_dir().join(format!("suzgec-restore-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let tsv = dir.join("c.txt");
        std::fs::write(&tsv, "spor\tGol attı.\n\nekonomi\tFaiz düştü.\n").unwrap();
        assert_eq!(read_corpus(&tsv).unwrap(), vec!["Gol attı.", "Faiz düştü."]);
        let jsonl = dir.join("c.jsonl");
        std::fs::write(&jsonl, "{\"text\": \"Şu an\"}\n").unwrap();
        assert_eq!(read_corpus(&jsonl).unwrap(), vec!["Şu an"]);
        std::fs::write(&jsonl, "{\"text\": \n").unwrap();
        assert!(matches!(
            read_corpus(&jsonl),
            Err(Error::Corpus { line: 1, .. })
        ));
        assert!(matches!(
            read_corpus(&dir.join("missing")),
            Err(Error::Io { .. })
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
