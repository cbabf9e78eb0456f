//! Unicode NFC normalisation that remembers where every normalised character came from, so that
//! findings on the normalised text point into the text as it was submitted.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// NFC-normalised text and the way back to the submitted text's code point offsets.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    /// The normalised text.
    pub text: Cow<'a, str>,
    /// For each normalised code point, the submitted code point range of the grapheme it came from;
    /// empty when normalisation changed nothing.
    origin: Vec<Range<usize>>,
}

impl<'a> Normalized<'a> {
    /// Normalises `original` to NFC. Text that is already NFC (nearly all of it) is borrowed as is.
    pub fn new(original: &'a str) -> Self {
        if original.is_ascii() || is_nfc_quick(original.chars()) == IsNormalized::Yes {
            return Normalized {
                text: Cow::Borrowed(original),
                origin: Vec::new(),
            };
        }
        // Composition never crosses a grapheme cluster, so normalising cluster by cluster gives the
        // same text as normalising the whole, and tells which submitted cluster each character
        // belongs to.
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut at = 0;
        for grapheme in original.graphemes(true) {
            let len = grapheme.chars().count();
            for c in grapheme.nfc() {
                text.push(c);
                origin.push(at..at + len);
            }
            at += len;
        }
        if text == original {
            return Normalized {
                text: Cow::Borrowed(original),
                origin: Vec::new(),
            };
        }
        Normalized {
            text: Cow::Owned(text),
            origin,
        }
    }

    /// Maps a code point range of the normalised text to the submitted text.
    pub fn to_original(&self, chars: Range<usize>) -> Range<usize> {
        if self.origin.is_empty() {
            return chars;
        }
        let last = self.origin.len().saturating_sub(1);
        let start = self
            .origin
            .get(chars.start)
            .map_or_else(|| self.origin[last].end, |r| r.start);
        let end = if chars.end == chars.start {
            start
        } else {
            self.origin
                .get(chars.end - 1)
                .map_or(self.origin[last].end, |r| r.end)
        };
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_text_is_borrowed() {
        let n = Normalized::new("çok güzel");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert_eq!(n.to_original(0..3), 0..3);
    }

    #[test]
    fn decomposed_letters_are_composed_and_mapped_back() {
        // "güzel" typed with u + combining diaeresis: 6 code points submitted, 5 normalised.
        let submitted = "gu\u{308}zel iş";
        let n = Normalized::new(submitted);
        assert_eq!(n.text, "güzel iş");
        assert_eq!(n.to_original(0..5), 0..6);
        assert_eq!(n.to_original(6..8), 7..9);
        assert_eq!(n.to_original(1..2), 1..3);
    }
}
