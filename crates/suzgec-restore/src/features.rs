//! Features of one ambiguous letter for the letter classifier, shared by
//! training and inference.
//!
//! A letter is described by the key of the text around it (windows of up
//! to seven symbols containing it, across word boundaries) and by the
//! letters already restored to its left in the same word (the last vowels
//! carry Turkish vowel harmony). Each feature is hashed, together with the
//! letter itself, into a table of `1 << FEATURE_BITS` weights.

use crate::text::{self, SYM_SPACE};

/// Log2 of the number of classifier weights.
pub(crate) const FEATURE_BITS: u32 = 22;
const MASK: u64 = (1 << FEATURE_BITS) - 1;
/// Largest number of key symbols on each side of the letter in a window.
const REACH: usize = 5;
/// Largest window length minus one.
const SPAN: usize = 6;

/// Whether a symbol is a vowel (`a e ı i o ö u ü â î û`).
#[inline]
pub(crate) fn is_vowel(sym: u8) -> bool {
    // Symbols of a e ı i o ö u ü â î û (checked by a test).
    matches!(sym, 2 | 7 | 12 | 13 | 19 | 20 | 27 | 28 | 34 | 35 | 36)
}

#[inline]
fn feature(tag: u64, letter: u8, packed: u64) -> u32 {
    (text::mix64((tag << 56) ^ (u64::from(letter) << 48) ^ packed) & MASK) as u32
}

/// What the features read of the word's letters already restored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Left {
    /// The last three restored symbols, newest first (space before the word).
    recent: [u8; 3],
    /// The last two restored vowels, newest first (0 when none).
    vowels: [u8; 2],
}

impl Left {
    /// Nothing restored yet: the start of a word.
    pub(crate) const START: Left = Left {
        recent: [SYM_SPACE; 3],
        vowels: [0; 2],
    };

    /// After one more restored symbol.
    #[inline]
    pub(crate) fn push(self, sym: u8) -> Left {
        Left {
            recent: [sym, self.recent[0], self.recent[1]],
            vowels: if is_vowel(sym) {
                [sym, self.vowels[0]]
            } else {
                self.vowels
            },
        }
    }
}

/// Appends the feature indices of the ambiguous letter at `syms[p]`, whose
/// word's letters before it were restored as `left` says: the
/// [`window_features`] and the [`left_features`].
#[cfg_attr(not(any(test, feature = "train")), allow(dead_code))]
pub(crate) fn letter_features(syms: &[u8], p: usize, left: Left, out: &mut Vec<u32>) {
    window_features(syms, p, out);
    left_features(syms, p, left, out);
}

#[inline]
fn key_at(syms: &[u8], i: isize) -> u64 {
    usize::try_from(i)
        .ok()
        .and_then(|i| syms.get(i))
        .map_or(u64::from(SYM_SPACE), |&s| u64::from(s))
}

/// The features that read only the key: windows `[p - i, p + j]` around
/// the letter. They do not depend on any decision, so a search computes
/// them once per letter.
pub(crate) fn window_features(syms: &[u8], p: usize, out: &mut Vec<u32>) {
    let letter = syms[p];
    let p = p as isize;
    for i in 0..=REACH {
        for j in 0..=REACH.min(SPAN - i) {
            let mut packed = 0u64;
            for k in (p - i as isize)..=(p + j as isize) {
                packed = (packed << 6) | key_at(syms, k);
            }
            out.push(feature(1 + (i * 8 + j) as u64, letter, packed));
        }
    }
}

/// The features that read the letters already restored to the left in the
/// word: vowel harmony (the last two vowels) and the last few letters.
pub(crate) fn left_features(syms: &[u8], p: usize, left: Left, out: &mut Vec<u32>) {
    let letter = syms[p];
    let at = |i: isize| key_at(syms, i);
    let p = p as isize;
    let v1 = u64::from(left.vowels[0]);
    let v2 = u64::from(left.vowels[1]);
    out.push(feature(100, letter, v1));
    out.push(feature(101, letter, (v1 << 6) | v2));
    out.push(feature(
        102,
        letter,
        (v1 << 12) | (at(p + 1) << 6) | at(p + 2),
    ));
    out.push(feature(
        103,
        letter,
        (v1 << 12) | (at(p - 1) << 6) | at(p + 1),
    ));
    let [r1, r2, r3] = left.recent.map(u64::from);
    out.push(feature(
        104,
        letter,
        (r2 << 18) | (r1 << 12) | (at(p + 1) << 6) | at(p + 2),
    ));
    out.push(feature(
        105,
        letter,
        (r3 << 18) | (r2 << 12) | (r1 << 6) | at(p + 1),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_context_gives_the_same_features() {
        let syms: Vec<u8> = " kizlar ".chars().map(text::symbol).collect();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let k = Left::START.push(text::symbol('k'));
        letter_features(&syms, 2, k, &mut a);
        letter_features(&syms, 2, k, &mut b);
        assert_eq!(a, b);
        assert!(a.iter().all(|&f| u64::from(f) <= MASK));
        let mut c = Vec::new();
        letter_features(&syms, 2, Left::START.push(text::symbol('g')), &mut c);
        assert_ne!(a, c);
    }

    #[test]
    fn vowels_are_the_turkish_vowels() {
        for c in "aeıioöuüâîû".chars() {
            assert!(is_vowel(text::symbol(c)), "{c}");
        }
        for c in "bcçgğkstz'. ".chars() {
            assert!(!is_vowel(text::symbol(c)), "{c}");
        }
    }

    #[test]
    fn letters_at_the_edges_do_not_panic() {
        let syms: Vec<u8> = "i".chars().map(text::symbol).collect();
        let mut out = Vec::new();
        letter_features(&syms, 0, Left::START, &mut out);
        assert!(!out.is_empty());
    }
}
