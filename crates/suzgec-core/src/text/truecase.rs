//! Truecasing: how edited Turkish text writes a word in mid-sentence, with a capital (`Irak`,
//! `Ankara Valisi`) or without (`sınırında`), for the fix of a comment written in capitals.
//!
//! The built-in table (`data/truecase/tr.tsv`, made by `suzgec train truecase` from news) lists the
//! lower-cased words that edited text usually capitalises in mid-sentence, and the word pairs in
//! which a word goes the other way after (`ankara valisi`: capital) or before (`ırak diyarlara`:
//! none) the other.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::sync::OnceLock;

use super::token::{self, Token, TokenKind};
use super::{CaseRules, Gap, Normalized};

/// The built-in table (`data/truecase/tr.tsv`).
const BUILT_IN: &str = include_str!("../../../../data/truecase/tr.tsv");

/// The first line of a table: its magic tag and format version.
const HEADER: &str = "suzgec-truecase\t1";

/// Where a word stands in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// The first word of a sentence (of the text, after `.`, `!`, `?`, `…` or a line break).
    Start,
    /// Right after an opening mark (a quote, colon, dash, bracket): may start a quoted sentence.
    AfterMark,
    /// Inside a sentence.
    Inside,
}

/// The word tokens of `text` with where each stands in its sentence. Numbers end a sentence's
/// start; emoji, mentions and links are not words and leave it as it was.
pub fn words_in_sentences<'t>(
    text: &'t str,
    tokens: &'t [Token],
) -> impl Iterator<Item = (&'t Token, Position)> {
    let mut position = Position::Start;
    tokens.iter().filter_map(move |token| {
        if token.gap_before == Gap::Newline {
            position = Position::Start;
        }
        match token.kind {
            TokenKind::Punct => {
                match token.text(text) {
                    "." | "!" | "?" | "…" => position = Position::Start,
                    "," => {}
                    _ if position == Position::Inside => position = Position::AfterMark,
                    _ => {}
                }
                None
            }
            TokenKind::Number => {
                position = Position::Inside;
                None
            }
            TokenKind::Word => {
                let at = position;
                position = Position::Inside;
                Some((token, at))
            }
            _ => None,
        }
    })
}

/// A truecasing table could not be read.
#[derive(Debug, thiserror::Error)]
#[error("truecasing table, line {line}: {message}")]
pub struct TruecaseError {
    line: usize,
    message: String,
}

/// Which lower-cased words edited text capitalises in mid-sentence.
#[derive(Debug, Clone, Default)]
pub struct Truecase {
    /// Words usually capitalised, in Turkish lower case.
    capitalised: HashSet<String>,
    /// `(previous word, word)` pairs whose word is cased against its usual way after that word.
    after: HashMap<(String, String), bool>,
    /// `(word, next word)` pairs whose word is cased against its usual way before that word.
    before: HashMap<(String, String), bool>,
}

impl Truecase {
    /// The built-in Turkish table.
    pub fn built_in() -> Result<&'static Truecase, &'static TruecaseError> {
        static TABLE: OnceLock<Result<Truecase, TruecaseError>> = OnceLock::new();
        TABLE.get_or_init(|| Truecase::parse(BUILT_IN)).as_ref()
    }

    /// Reads a table written by [`TruecaseCounts::write_table`].
    pub fn parse(table: &str) -> Result<Truecase, TruecaseError> {
        let mut lines = table.lines().enumerate();
        let error = |line: usize, message: &str| TruecaseError {
            line: line + 1,
            message: message.to_owned(),
        };
        match lines.next() {
            Some((_, HEADER)) => {}
            _ => return Err(error(0, "not a truecasing table of format 1")),
        }
        let mut truecase = Truecase::default();
        for (at, line) in lines {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["u", word] if !word.is_empty() => {
                    truecase.capitalised.insert((*word).to_owned());
                }
                [kind @ ("a" | "b"), first, second, capital @ ("0" | "1")]
                    if !first.is_empty() && !second.is_empty() =>
                {
                    let pairs = if *kind == "a" {
                        &mut truecase.after
                    } else {
                        &mut truecase.before
                    };
                    pairs.insert(((*first).to_owned(), (*second).to_owned()), *capital == "1");
                }
                _ => {
                    return Err(error(
                        at,
                        "expected u<TAB>word, or a or b<TAB>word<TAB>word<TAB>0|1",
                    ));
                }
            }
        }
        Ok(truecase)
    }

    /// Whether `word` (Turkish lower case) takes a capital in mid-sentence between `previous` and
    /// `next` (the words beside it in its sentence): the word before decides first, then the word
    /// after, then the word alone.
    pub fn capitalises(&self, previous: Option<&str>, word: &str, next: Option<&str>) -> bool {
        let after = previous.and_then(|p| self.after.get(&(p.to_owned(), word.to_owned())));
        let before = next.and_then(|n| self.before.get(&(word.to_owned(), n.to_owned())));
        after
            .or(before)
            .copied()
            .unwrap_or_else(|| self.capitalised.contains(word))
    }
}

/// How often each word and word pair is seen in mid-sentence, and how often capitalised: what
/// `suzgec train truecase` counts in edited text.
#[derive(Debug, Default)]
pub struct TruecaseCounts {
    words: HashMap<String, Seen>,
    /// A word's sightings after a word: `(previous, word)`.
    after: HashMap<(String, String), Seen>,
    /// A word's sightings before a word: `(word, next)`.
    before: HashMap<(String, String), Seen>,
}

/// Sightings of a word in mid-sentence.
#[derive(Debug, Default, Clone, Copy)]
struct Seen {
    capitalised: u32,
    total: u32,
}

impl Seen {
    fn share(self) -> f64 {
        f64::from(self.capitalised) / f64::from(self.total.max(1))
    }
}

impl TruecaseCounts {
    /// Counts one document of edited Turkish text. Only words inside a sentence count, written in
    /// lower case or capitalised; words in capitals and words with an apostrophe suffix are
    /// left out.
    pub fn add_text(&mut self, text: &str) {
        let normalized = Normalized::new(text);
        let text: &str = &normalized.text;
        let tokens = token::tokenize(text);
        let words: Vec<(String, Position, Option<bool>)> = words_in_sentences(text, &tokens)
            .map(|(token, position)| {
                let stem = token.stem(text);
                let capitalised = is_capitalised(stem);
                let counts = token.apostrophe.is_none()
                    && position == Position::Inside
                    && (capitalised || stem.chars().all(|c| !c.is_uppercase()));
                let lower = CaseRules::Turkish.lower(stem);
                (lower, position, counts.then_some(capitalised))
            })
            .collect();
        for (at, (lower, position, seen)) in words.iter().enumerate() {
            let Some(capitalised) = *seen else { continue };
            add(self.words.entry(lower.clone()).or_default(), capitalised);
            if *position != Position::Start
                && let Some((previous, _, _)) = at.checked_sub(1).map(|p| &words[p])
            {
                let key = (previous.clone(), lower.clone());
                add(self.after.entry(key).or_default(), capitalised);
            }
            if let Some((next, Position::Inside | Position::AfterMark, _)) = words.get(at + 1) {
                let key = (lower.clone(), next.clone());
                add(self.before.entry(key).or_default(), capitalised);
            }
        }
    }

    /// Writes the table: words seen at least `min_count` times and capitalised at least `share` of
    /// the time, then the pairs (with the word before, `a`, or the word after, `b`) seen at least
    /// `min_count` times that go against their word's way.
    /// A pair only capitalises a word that edited text capitalises at times (a tenth of its
    /// sightings), so a title's `Ve` never makes `ve` a name.
    pub fn write_table(
        &self,
        out: &mut impl Write,
        min_count: u32,
        share: f64,
        made_by: &str,
    ) -> std::io::Result<(usize, usize)> {
        writeln!(out, "{HEADER}")?;
        writeln!(out, "# made by: {made_by}")?;
        let capitalised = |seen: Seen| seen.total >= min_count && seen.share() >= share;
        let mut words: Vec<&String> = self
            .words
            .iter()
            .filter(|(_, seen)| capitalised(**seen))
            .map(|(word, _)| word)
            .collect();
        words.sort();
        for word in &words {
            writeln!(out, "u\t{word}")?;
        }
        let mut pairs = 0;
        for (kind, seen_in_pairs, word_of) in [("a", &self.after, 1), ("b", &self.before, 0)] {
            let mut lines: Vec<(&(String, String), bool)> = seen_in_pairs
                .iter()
                .filter(|(_, seen)| seen.total >= min_count)
                .filter_map(|(pair, seen)| {
                    let word = if word_of == 1 { &pair.1 } else { &pair.0 };
                    let alone = self.words.get(word).copied().unwrap_or_default();
                    let here = seen.share() >= share && alone.share() >= 0.1;
                    (here != capitalised(alone)).then_some((pair, here))
                })
                .collect();
            lines.sort();
            for ((first, second), capital) in &lines {
                writeln!(out, "{kind}\t{first}\t{second}\t{}", u8::from(*capital))?;
            }
            pairs += lines.len();
        }
        Ok((words.len(), pairs))
    }
}

fn add(seen: &mut Seen, capitalised: bool) {
    seen.total += 1;
    seen.capitalised += u32::from(capitalised);
}

/// A capital then only small letters (`Irak`, `Ankara`).
fn is_capitalised(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    letters.next().is_some_and(char::is_uppercase) && letters.all(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(texts: &[&str]) -> Truecase {
        let mut counts = TruecaseCounts::default();
        for text in texts {
            counts.add_text(text);
        }
        let mut out = Vec::new();
        counts.write_table(&mut out, 2, 0.7, "test").unwrap();
        Truecase::parse(std::str::from_utf8(&out).unwrap()).unwrap()
    }

    #[test]
    fn names_in_mid_sentence_are_learnt_and_sentence_starts_are_not() {
        let truecase = table(&[
            "Askerler Irak sınırında bekliyor. Irak hükümeti açıklama yaptı.",
            "Heyet dün Irak ile görüştü. Sınırında bekleyen araçlar var.",
            "Bakan Irak ziyaretinde. Ordu Irak topraklarında.",
            "Ankara Valisi açıkladı. Dün Ankara Valisi ile görüştük.",
            "Yeni Ankara Valisi göreve başladı. Kentin valisi değişti.",
            "Dün valisi geldi. İlin valisi konuştu. Eski valisi gitti.",
            "Heyet Irak yolunda. Bakan Irak dönüşü konuştu.",
            "Bu yol ırak diyarlara gider. Kuşlar ırak diyarlara uçar.",
        ]);
        assert!(truecase.capitalises(None, "ırak", None));
        assert!(truecase.capitalises(Some("askerler"), "ırak", Some("sınırında")));
        assert!(!truecase.capitalises(Some("ırak"), "sınırında", None));
        assert!(truecase.capitalises(Some("ankara"), "valisi", None));
        assert!(!truecase.capitalises(Some("kentin"), "valisi", None));
        assert!(!truecase.capitalises(Some("kuşlar"), "ırak", Some("diyarlara")));
        assert!(
            truecase.capitalises(None, "ırak", Some("dönüşü")),
            "a pair seen once"
        );
    }

    #[test]
    fn a_word_after_a_quote_or_colon_is_not_counted() {
        let truecase = table(&["Dedi ki: \"Sen gel.\" Sonra: Sen git. O da: Sen kal dedi."]);
        assert!(!truecase.capitalises(Some("ki"), "sen", None));
        assert!(!truecase.capitalises(None, "sen", None));
    }

    #[test]
    fn a_pair_never_capitalises_a_word_edited_text_keeps_small() {
        let mut texts = vec!["Sanayi Ve Ticaret Bakanlığı. Sanayi Ve Ticaret Odası."];
        texts.extend(std::iter::repeat_n("Elma ve armut ve kiraz.", 20));
        let truecase = table(&texts);
        assert!(!truecase.capitalises(Some("sanayi"), "ve", Some("ticaret")));
    }

    #[test]
    fn a_bad_table_is_an_error_and_the_built_in_one_reads() {
        assert!(Truecase::parse("").is_err());
        assert!(Truecase::parse("suzgec-truecase\t2\n").is_err());
        let error = Truecase::parse("suzgec-truecase\t1\nu\tirak\nx\ty\n").unwrap_err();
        assert!(error.to_string().contains("line 3"), "{error}");
        assert!(Truecase::parse("suzgec-truecase\t1\nb\ta\tb\t2\n").is_err());
        let built_in = Truecase::built_in().expect("the built-in table reads");
        assert!(built_in.capitalises(None, "ırak", None));
        assert!(!built_in.capitalises(None, "sınırında", None));
    }
}
