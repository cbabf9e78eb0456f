//! The example type shared by training and inference.
//!
//! Training parses correct text into an [`Example`] and reads the gold
//! restoration from it; the restorer parses its ASCII-typed input into the
//! same type and fills in the restoration. The neighbour and character-model
//! features below are computed by the same functions on both sides, so the
//! model never sees a feature at run time that training computed differently.

use crate::text::{self, KeyChar, KeyHasher, SYM_SPACE, WordSpan};

/// Hash standing for "no word": the start or end of a sentence, or a
/// sentence-ending punctuation mark between two words.
pub(crate) const BOUNDARY_HASH: u64 = 0x0b0d_d4a2_7e11_5e5a;

/// Largest number of ambiguous positions a word's mask covers; later ones
/// are left as typed.
pub(crate) const MAX_AMBIGUOUS: u32 = 64;

/// Salt of the lexicon key of a capitalised word inside a sentence or an
/// all-capitals word in mixed-case text: names and acronyms have forms of
/// their own (`Köse` the name, `köşe` the corner; `YÖK`, `yok`).
pub(crate) const CASE_SALT: u64 = 0x5ca1_ab1e_0ddc_a5e5;

/// How a word is capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    /// First letter lower case (or no cased letter).
    Lower,
    /// First letter upper case, not all capitals.
    Title,
    /// At least two letters, all capitals.
    Upper,
}

/// One word of an [`Example`].
#[derive(Clone, Debug)]
pub(crate) struct Word {
    /// Where the word is in the text.
    pub span: WordSpan,
    /// Its key chars: `example.key_chars[keys.0..keys.1]`.
    pub keys: (u32, u32),
    /// Index of the word's first symbol in `example.syms`.
    pub sym_start: u32,
    /// Hash of the key.
    pub hash: u64,
    /// How the word is capitalised.
    pub case: Case,
    /// Number of ambiguous positions covered by the masks (at most 64).
    pub n_amb: u32,
    /// Ambiguous positions that carry the Turkish mark in the text.
    pub marked: u64,
    /// Ambiguous positions the text fixes (already a Turkish-only letter, or
    /// beyond the 64th ambiguous position).
    pub fixed: u64,
}

impl Word {
    /// Mask of all ambiguous positions.
    #[inline]
    pub(crate) fn all(&self) -> u64 {
        if self.n_amb >= 64 {
            u64::MAX
        } else {
            (1u64 << self.n_amb) - 1
        }
    }

    /// Ambiguous positions the restorer may change.
    #[inline]
    pub(crate) fn free(&self) -> u64 {
        self.all() & !self.fixed
    }

    /// Whether a form's mask agrees with what the text fixes.
    #[inline]
    pub(crate) fn admits(&self, mask: u64) -> bool {
        (mask & self.fixed) == (self.marked & self.fixed) && mask & !self.all() == 0
    }
}

/// A text split into words, with the key of each word.
#[derive(Clone, Debug)]
pub(crate) struct Example<'t> {
    /// The text.
    pub text: &'t str,
    /// Key chars of all words, concatenated.
    pub key_chars: Vec<KeyChar>,
    /// The words in order.
    pub words: Vec<Word>,
    /// Character-model symbols of the whole text with every ambiguous letter
    /// unmarked (the key of the text), starting and ending with a space.
    pub syms: Vec<u8>,
    /// Whether most words are in capitals (shouting, headlines): then
    /// capitals say nothing about names and acronyms.
    pub mostly_upper: bool,
}

impl<'t> Example<'t> {
    /// Parses a text (correct Turkish for training, anything for restoring).
    pub(crate) fn parse(text: &'t str) -> Example<'t> {
        let spans = text::words(text);
        let mut key_chars = Vec::with_capacity(text.len());
        let mut words = Vec::with_capacity(spans.len());
        let mut syms = Vec::with_capacity(text.len() + 2);
        syms.push(SYM_SPACE);
        let mut last_end = 0;
        for span in spans {
            push_gap_symbols(&text[last_end..span.byte_start], &mut syms);
            last_end = span.byte_end;
            let sym_start = syms.len() as u32;
            let start = key_chars.len() as u32;
            let mut hasher = KeyHasher::new();
            let (mut n_amb, mut marked, mut fixed) = (0u32, 0u64, 0u64);
            let (mut letters, mut uppers, mut first_upper) = (0u32, 0u32, None);
            for c in text[span.byte_start..span.byte_end].chars() {
                if c.is_alphabetic() {
                    letters += 1;
                    let up = c.is_uppercase();
                    uppers += u32::from(up);
                    first_upper.get_or_insert(up);
                }
                let k = text::key_char(c);
                hasher.push(k.key);
                if k.ambiguous && n_amb < MAX_AMBIGUOUS {
                    let bit = 1u64 << n_amb;
                    if k.marked {
                        marked |= bit;
                    }
                    if k.fixed {
                        fixed |= bit;
                    }
                    n_amb += 1;
                }
                key_chars.push(k);
                syms.push(text::symbol(k.key));
            }
            words.push(Word {
                span,
                keys: (start, key_chars.len() as u32),
                sym_start,
                hash: hasher.finish(),
                case: if letters >= 2 && uppers == letters {
                    Case::Upper
                } else if first_upper == Some(true) {
                    Case::Title
                } else {
                    Case::Lower
                },
                n_amb,
                marked,
                fixed,
            });
        }
        push_gap_symbols(&text[last_end..], &mut syms);
        push_gap_symbols(" ", &mut syms);
        let upper = words.iter().filter(|w| w.case == Case::Upper).count();
        let mostly_upper = upper * 2 > words.len().max(1) || upper >= 6;
        Example {
            text,
            key_chars,
            words,
            syms,
            mostly_upper,
        }
    }

    /// Key chars of word `i`.
    #[inline]
    pub(crate) fn keys(&self, i: usize) -> &[KeyChar] {
        let (a, b) = self.words[i].keys;
        &self.key_chars[a as usize..b as usize]
    }

    /// The text before word `i` (after word `i - 1`); for `i == words.len()`
    /// the text after the last word.
    #[inline]
    pub(crate) fn gap(&self, i: usize) -> &'t str {
        let start = if i == 0 {
            0
        } else {
            self.words[i - 1].span.byte_end
        };
        let end = self
            .words
            .get(i)
            .map_or(self.text.len(), |w| w.span.byte_start);
        &self.text[start..end]
    }

    /// Hash of the left neighbour of word `i` (the neighbour feature).
    #[inline]
    pub(crate) fn left_hash(&self, i: usize) -> u64 {
        if i == 0 || breaks_context(self.gap(i)) {
            BOUNDARY_HASH
        } else {
            self.words[i - 1].hash
        }
    }

    /// Hash of the right neighbour of word `i` (the neighbour feature).
    #[inline]
    pub(crate) fn right_hash(&self, i: usize) -> u64 {
        if i + 1 >= self.words.len() || breaks_context(self.gap(i + 1)) {
            BOUNDARY_HASH
        } else {
            self.words[i + 1].hash
        }
    }

    /// The case-salted lexicon key of word `i`, for a capitalised word
    /// inside a sentence or an all-capitals word in mixed-case text.
    #[inline]
    pub(crate) fn case_hash(&self, i: usize) -> Option<u64> {
        let w = &self.words[i];
        match w.case {
            Case::Upper if !self.mostly_upper => Some(text::mix64(w.hash ^ CASE_SALT).max(1)),
            Case::Title if self.left_hash(i) != BOUNDARY_HASH && !self.mostly_upper => {
                Some(text::mix64(w.hash ^ CASE_SALT.rotate_left(7)).max(1))
            }
            _ => None,
        }
    }

    /// The first character-model symbol after word `i`.
    #[inline]
    pub(crate) fn next_symbol(&self, i: usize) -> u8 {
        self.gap(i + 1)
            .chars()
            .next()
            .map_or(SYM_SPACE, |c| text::symbol(text::lower_tr(c)))
    }
}

/// Whether the text between two words ends a sentence or clause, so that
/// the words are not each other's neighbours.
#[inline]
fn breaks_context(gap: &str) -> bool {
    gap.chars().any(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ';' | ':' | '…' | '\n' | '(' | ')' | '"' | '“' | '”'
        )
    })
}

/// Appends the character-model symbols of the text between words to the
/// history, collapsing runs of spaces into one.
#[inline]
pub(crate) fn push_gap_symbols(gap: &str, hist: &mut Vec<u8>) {
    for c in gap.chars() {
        let s = text::symbol(text::lower_tr(c));
        if s == SYM_SPACE && hist.last() == Some(&SYM_SPACE) {
            continue;
        }
        hist.push(s);
    }
}

/// Appends the symbols of a word restored with `mask`.
#[inline]
pub(crate) fn push_word_symbols(keys: &[KeyChar], mask: u64, hist: &mut Vec<u8>) {
    let mut bit = 0u32;
    for k in keys {
        if k.ambiguous && bit < MAX_AMBIGUOUS {
            hist.push(text::key_symbol(k.key, mask >> bit & 1 == 1));
            bit += 1;
        } else {
            hist.push(text::symbol(k.key));
        }
    }
}

/// Hash of a (word form, neighbour) pair, the key of the neighbour tables.
#[inline]
pub(crate) fn pair_hash(key_hash: u64, mask: u64, neighbour: u64) -> u64 {
    text::mix64(
        key_hash
            ^ text::mix64(mask.wrapping_add(0x9e37_79b9_7f4a_7c15))
            ^ neighbour.rotate_left(29),
    )
    .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_marks_fixed_and_marked_positions() {
        let ex = Example::parse("Işık cok");
        assert_eq!(ex.words.len(), 2);
        let w = &ex.words[0];
        // I ş ı k: I (as typed the capital of ı, but free), ş and ı (marked, fixed).
        assert_eq!(w.n_amb, 3);
        assert_eq!(w.marked, 0b111);
        assert_eq!(w.fixed, 0b110);
        assert_eq!(w.free(), 0b001);
        assert_eq!(ex.words[1].hash, crate::text::key_hash("cok"));
        assert_eq!(w.hash, crate::text::key_hash("isik"));
    }

    #[test]
    fn neighbours_stop_at_sentence_ends() {
        let ex = Example::parse("bu iyi. Su yok");
        assert_eq!(ex.left_hash(0), BOUNDARY_HASH);
        assert_eq!(ex.left_hash(1), ex.words[0].hash);
        assert_eq!(ex.left_hash(2), BOUNDARY_HASH);
        assert_eq!(ex.right_hash(1), BOUNDARY_HASH);
        assert_eq!(ex.right_hash(3), BOUNDARY_HASH);
    }

    #[test]
    fn key_symbols_cover_the_text_with_words_at_their_offsets() {
        let ex = Example::parse("Çok  güzel!");
        let sym = |c| crate::text::symbol(c);
        assert_eq!(
            ex.syms,
            vec![
                SYM_SPACE,
                sym('c'),
                sym('o'),
                sym('k'),
                SYM_SPACE,
                sym('g'),
                sym('u'),
                sym('z'),
                sym('e'),
                sym('l'),
                sym('!'),
                SYM_SPACE
            ]
        );
        assert_eq!(ex.words[1].sym_start, 5);
    }

    #[test]
    fn gap_symbols_collapse_spaces() {
        let mut h = vec![SYM_SPACE];
        push_gap_symbols("  \t", &mut h);
        assert_eq!(h, vec![SYM_SPACE]);
    }
}
