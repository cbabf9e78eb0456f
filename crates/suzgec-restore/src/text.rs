//! Turkish letter tables, casing, and the tokenizer shared by training and
//! inference.
//!
//! The model works on a *key*: the word lower-cased the Turkish way and with
//! its Turkish marks removed (`Işık` → `isik`). Each of the six letters
//! `c g i o s u` in a key is an *ambiguous position*; a word's restoration is
//! a bit mask over its ambiguous positions (bit set = the marked letter
//! `ç ğ ı ö ş ü`).

/// Lower-case marked letter for an ambiguous base letter (`c` → `ç`, `i` → `ı`).
#[inline]
pub(crate) fn marked_of(base: char) -> Option<char> {
    Some(match base {
        'c' => 'ç',
        'g' => 'ğ',
        'i' => 'ı',
        'o' => 'ö',
        's' => 'ş',
        'u' => 'ü',
        _ => return None,
    })
}

/// Whether `c` is one of the lower-case ambiguous base letters `c g i o s u`.
#[inline]
pub(crate) fn is_ambiguous_base(c: char) -> bool {
    matches!(c, 'c' | 'g' | 'i' | 'o' | 's' | 'u')
}

/// Turkish lower case of one char, always one char (`I` → `ı`, `İ` → `i`).
#[inline]
pub(crate) fn lower_tr(c: char) -> char {
    match c {
        'I' => 'ı',
        'İ' => 'i',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => {
            let mut it = c.to_lowercase();
            match (it.next(), it.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// Turkish upper case of a lower-case restored letter (`i` → `İ`, `ı` → `I`).
#[inline]
pub(crate) fn upper_restored(c: char) -> char {
    match c {
        'i' => 'İ',
        'ı' => 'I',
        'ç' => 'Ç',
        'ğ' => 'Ğ',
        'ö' => 'Ö',
        'ş' => 'Ş',
        'ü' => 'Ü',
        c => c.to_ascii_uppercase(),
    }
}

/// How one char of a word enters the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeyChar {
    /// The char in the key (lower case, marks removed).
    pub key: char,
    /// Whether the key char is one of `c g i o s u`.
    pub ambiguous: bool,
    /// Whether the letter as typed reads as the marked one (`ç ğ ı ö ş ü`,
    /// their capitals, and ASCII `I`, whose Turkish lower case is `ı`).
    pub marked: bool,
    /// Whether the text fixes the letter: it is a Turkish-only letter, so the
    /// restorer keeps it (`ç ğ ı ö ş ü İ` and their capitals).
    pub fixed: bool,
}

/// Maps a text char to its key char.
///
/// `i` and `I` are free (either may stand for `i`/`ı` once restored); `İ` and
/// `ı` are already Turkish and fixed.
#[inline]
pub(crate) fn key_char(c: char) -> KeyChar {
    let (key, marked, fixed) = match c {
        'ç' | 'Ç' => ('c', true, true),
        'ğ' | 'Ğ' => ('g', true, true),
        'ı' => ('i', true, true),
        'İ' => ('i', false, true),
        'ö' | 'Ö' => ('o', true, true),
        'ş' | 'Ş' => ('s', true, true),
        'ü' | 'Ü' => ('u', true, true),
        // ASCII `I` as typed is the capital of `ı`; restoring may turn it into `İ`.
        'I' => ('i', true, false),
        c if c.is_ascii() => (c.to_ascii_lowercase(), false, false),
        // Any other char is kept as typed, even one whose lower case were
        // an ASCII letter: only ASCII `c g i o s u` are ever changed.
        c => (lower_tr(c), false, true),
    };
    KeyChar {
        key,
        ambiguous: is_ambiguous_base(key),
        marked,
        fixed,
    }
}

/// Replaces the twelve Turkish letters by their ASCII look-alikes
/// (`ç ğ ı ö ş ü` → `c g i o s u`, `Ç Ğ İ Ö Ş Ü` → `C G I O S U`); every other
/// char is kept. This is how inputs are made from correct text, for training
/// and for measurement.
pub fn asciify(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ç' => 'c',
            'ğ' => 'g',
            'ı' => 'i',
            'ö' => 'o',
            'ş' => 's',
            'ü' => 'u',
            'Ç' => 'C',
            'Ğ' => 'G',
            'İ' => 'I',
            'Ö' => 'O',
            'Ş' => 'S',
            'Ü' => 'U',
            c => c,
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Character-model symbols.

/// Symbol for whitespace and the line's start and end.
pub(crate) const SYM_SPACE: u8 = 1;
#[cfg(test)]
const LETTERS: &str = "abcçdefgğhıijklmnoöpqrsştuüvwxyzâîû";
/// Digits have a symbol each (44 + digit): a suffix after a number follows
/// the vowels of the number's spoken form (`6'lık`, `3'lük`).
const SYM_DIGIT0: u8 = 44;
/// Former single digit symbol, no longer produced.
const _SYM_UNUSED: u8 = 37;
const SYM_APOSTROPHE: u8 = 38;
const SYM_HYPHEN: u8 = 39;
const SYM_PERIOD: u8 = 40;
const SYM_COMMA: u8 = 41;
const SYM_PUNCT: u8 = 42;
const SYM_OTHER_LETTER: u8 = 43;
/// Number of distinct symbols plus one (symbol 0 is never used, so packed
/// n-grams of different lengths never collide).
#[cfg_attr(not(feature = "train"), allow(dead_code))]
pub(crate) const SYM_COUNT: u8 = 54;
/// Bits per packed symbol.
pub(crate) const SYM_BITS: u32 = 6;

/// Character-model symbol of a lower-case restored char.
#[inline]
pub(crate) fn symbol(c: char) -> u8 {
    match c {
        'a'..='z' => {
            // Offsets in LETTERS of the ASCII letters.
            const ASCII: [u8; 26] = [
                0, 1, 2, 4, 5, 6, 7, 9, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 24, 25, 27, 28,
                29, 30, 31,
            ];
            2 + ASCII[(c as u8 - b'a') as usize]
        }
        'ç' => 2 + 3,
        'ğ' => 2 + 8,
        'ı' => 2 + 10,
        'ö' => 2 + 18,
        'ş' => 2 + 23,
        'ü' => 2 + 26,
        'â' => 2 + 32,
        'î' => 2 + 33,
        'û' => 2 + 34,
        '0'..='9' => SYM_DIGIT0 + (c as u8 - b'0'),
        c if is_apostrophe(c) => SYM_APOSTROPHE,
        '-' | '‐' | '‑' | '–' | '—' => SYM_HYPHEN,
        '.' | '…' => SYM_PERIOD,
        ',' => SYM_COMMA,
        c if c.is_whitespace() => SYM_SPACE,
        c if c.is_alphabetic() => SYM_OTHER_LETTER,
        _ => SYM_PUNCT,
    }
}

/// Symbol of a key letter, restored with or without its mark.
#[inline]
pub(crate) fn key_symbol(key: char, marked: bool) -> u8 {
    if marked {
        symbol(marked_of(key).unwrap_or(key))
    } else {
        symbol(key)
    }
}

// ---------------------------------------------------------------------------
// Hashing (keys are stored as 64-bit hashes, never as strings).

/// SplitMix64 finaliser: a cheap, well-mixing 64-bit permutation.
#[inline]
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Incremental hash of a key, fed one key char at a time.
#[derive(Clone, Copy, Debug)]
pub(crate) struct KeyHasher(u64);

impl KeyHasher {
    #[inline]
    pub(crate) fn new() -> Self {
        KeyHasher(0xcbf2_9ce4_8422_2325)
    }
    #[inline]
    pub(crate) fn push(&mut self, c: char) {
        self.0 = (self.0 ^ c as u64).wrapping_mul(0x0100_0000_01b3);
    }
    /// The finished hash; never 0 (0 marks an empty slot in tables).
    #[inline]
    pub(crate) fn finish(self) -> u64 {
        mix64(self.0).max(1)
    }
}

/// Hash of a whole key string.
pub(crate) fn key_hash(key: &str) -> u64 {
    let mut h = KeyHasher::new();
    for c in key.chars() {
        h.push(c);
    }
    h.finish()
}

// ---------------------------------------------------------------------------
// Tokenizer.

/// One word of a text: a run of letters, possibly joined by apostrophes
/// (`Ankara'nın` is one word), outside URLs, e-mail addresses, mentions and
/// hashtags.
#[derive(Clone, Debug)]
pub(crate) struct WordSpan {
    /// Byte offsets into the text, end exclusive.
    pub byte_start: usize,
    pub byte_end: usize,
    /// Char offsets into the text, end exclusive.
    pub char_start: usize,
    pub char_end: usize,
}

/// Whether `c` is an apostrophe, including U+0091 and U+0092: Windows-1252's `‘` and `’` read as
/// Latin-1, as in text that went through a wrong decoder (`Ankara\u{92}da`).
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | '´' | '\u{91}' | '\u{92}')
}

/// Whether a whitespace-delimited chunk must be kept byte for byte.
fn is_protected_chunk(chunk: &str) -> bool {
    if chunk.contains('@') || chunk.contains('#') || chunk.contains("://") {
        return true;
    }
    let lower_has = |needle: &str| {
        chunk
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    if lower_has("www.") {
        return true;
    }
    // Bare domains: a dot directly followed by a common top-level domain and
    // then the end, a slash, a dot or a closing punctuation mark.
    for tld in [".com", ".net", ".org", ".gov", ".edu", ".tr", ".io"] {
        let bytes = chunk.as_bytes();
        let n = tld.len();
        let mut i = 0;
        while i + n <= bytes.len() {
            if bytes[i..i + n].eq_ignore_ascii_case(tld.as_bytes())
                && i > 0
                && bytes[i - 1].is_ascii_alphanumeric()
            {
                match bytes.get(i + n) {
                    None | Some(b'/' | b'.' | b')' | b',' | b'?' | b'!' | b':' | b';' | b'"') => {
                        return true;
                    }
                    _ => {}
                }
            }
            i += 1;
        }
    }
    false
}

/// Finds the words of `text` that the restorer may change, in order.
pub(crate) fn words(text: &str) -> Vec<WordSpan> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().enumerate().peekable();
    while let Some(&(ci, (bi, c))) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        // A chunk: up to the next whitespace.
        let chunk_end_b = text[bi..]
            .find(char::is_whitespace)
            .map_or(text.len(), |o| bi + o);
        if is_protected_chunk(&text[bi..chunk_end_b]) {
            while let Some(&(_, (b, _))) = chars.peek() {
                if b >= chunk_end_b {
                    break;
                }
                chars.next();
            }
            continue;
        }
        let _ = ci;
        // Words inside the chunk.
        while let Some(&(ci, (bi, c))) = chars.peek() {
            if bi >= chunk_end_b {
                break;
            }
            if !c.is_alphabetic() {
                chars.next();
                continue;
            }
            let (char_start, byte_start) = (ci, bi);
            let (mut char_end, mut byte_end) = (ci, bi);
            let mut pending_apostrophe: Option<(usize, usize)> = None;
            while let Some(&(cj, (bj, d))) = chars.peek() {
                if bj >= chunk_end_b {
                    break;
                }
                if d.is_alphabetic() {
                    pending_apostrophe = None;
                    char_end = cj + 1;
                    byte_end = bj + d.len_utf8();
                    chars.next();
                } else if is_apostrophe(d) && pending_apostrophe.is_none() {
                    pending_apostrophe = Some((cj, bj));
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(WordSpan {
                byte_start,
                byte_end,
                char_start,
                char_end,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_strs(text: &str) -> Vec<&str> {
        words(text)
            .iter()
            .map(|w| &text[w.byte_start..w.byte_end])
            .collect()
    }

    #[test]
    fn asciify_maps_the_twelve_letters_only() {
        assert_eq!(
            asciify("Çığ düştü, İşçi ÖĞÜŞ hâlâ"),
            "Cig dustu, Isci OGUS hâlâ"
        );
    }

    #[test]
    fn lower_and_upper_follow_turkish_dotted_and_dotless_i() {
        assert_eq!(lower_tr('I'), 'ı');
        assert_eq!(lower_tr('İ'), 'i');
        assert_eq!(upper_restored('i'), 'İ');
        assert_eq!(upper_restored('ı'), 'I');
    }

    #[test]
    fn key_chars_mark_turkish_letters_as_fixed() {
        assert_eq!(
            key_char('ı'),
            KeyChar {
                key: 'i',
                ambiguous: true,
                marked: true,
                fixed: true
            }
        );
        assert_eq!(
            key_char('I'),
            KeyChar {
                key: 'i',
                ambiguous: true,
                marked: true,
                fixed: false
            }
        );
        assert!(key_char('İ').fixed);
        assert!(!key_char('x').ambiguous);
    }

    #[test]
    fn symbols_are_distinct_for_letters() {
        let mut seen = std::collections::HashSet::new();
        for c in LETTERS.chars() {
            let s = symbol(c);
            assert!((2..SYM_COUNT).contains(&s));
            assert!(seen.insert(s), "duplicate symbol for {c}");
        }
        assert_eq!(symbol(' '), SYM_SPACE);
        assert_eq!(symbol('😀'), SYM_PUNCT);
    }

    #[test]
    fn words_join_apostrophes_and_skip_urls_mentions_and_hashtags() {
        assert_eq!(
            word_strs("Ankara'nin @cok_guzel #sahane http://x.com/cicek www.ornek.com iyi."),
            vec!["Ankara'nin", "iyi"]
        );
        assert_eq!(
            word_strs("ali@site.com gelsin hurriyet.com.tr"),
            vec!["gelsin"]
        );
        assert_eq!(
            word_strs("3.kademe ses-cikariyor"),
            vec!["kademe", "ses", "cikariyor"]
        );
        assert_eq!(word_strs("son'"), vec!["son"]);
    }

    #[test]
    fn word_offsets_are_char_offsets() {
        let text = "😀 çok guzel";
        let w = words(text);
        assert_eq!((w[1].char_start, w[1].char_end), (6, 11));
    }
}
