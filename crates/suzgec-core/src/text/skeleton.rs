//! The skeleton: a form of the text for matching word lists despite obfuscation.
//!
//! Every word is lower-cased with Turkish casing, its Turkish letters are folded to ASCII
//! (`ç ğ ı ö ş ü` → `c g i o s u`), leetspeak is undone (`1`→i, `3`→e, `4`/`@`→a, `0`→o, `$`/`5`→s),
//! separators inside a word are dropped (`a.q` → `aq`, `s-i-k` → `sik`), letters spaced out are joined
//! (`o r o s p u` → `orospu`), and repeated letters collapse to one (`ammmına` → `amina`, so also
//! `anne` → `ane`: word lists are folded the same way with [`skeleton_of`]). A masking `*` stays in the
//! skeleton as a wildcard for one or more hidden letters (`s*keyim` → `s*keyim`).

use std::ops::Range;

use unicode_normalization::char::decompose_canonical;

use super::token::{Gap, Token, TokenKind, is_apostrophe};

/// One word of the skeleton.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkeletonWord {
    /// The folded form: ASCII letters where the input was Latin script, `*` for masked letters.
    pub text: String,
    /// Code point range in the normalised text that this word covers.
    pub chars: Range<usize>,
    /// Indices of the tokens it was built from.
    pub tokens: Range<usize>,
}

/// The skeleton of a whole text: its words in order. URLs and e-mail addresses are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skeleton {
    /// The words, in text order.
    pub words: Vec<SkeletonWord>,
}

impl Skeleton {
    /// The form the abuse classifier reads: each word in lower case (Turkish casing) with its
    /// Turkish letters where the writer typed them plainly, and as its skeleton where it was
    /// obfuscated (leetspeak, separators, repeated letters, masks). Keeping the letters the writer
    /// typed keeps `sıkıştı` apart from `sikis…`; undoing obfuscation keeps `s1kt1r` with
    /// `siktir`. Words are joined by single spaces.
    pub fn classifier_text(&self, normalized: &str) -> String {
        let mut out = String::with_capacity(normalized.len() + 8);
        let mut chars = normalized.char_indices().map(|(at, _)| at).enumerate();
        let mut byte_of = |char_at: usize| {
            chars
                .by_ref()
                .find(|&(i, _)| i == char_at)
                .map_or(normalized.len(), |(_, b)| b)
        };
        for word in &self.words {
            let (start, end) = (byte_of(word.chars.start), byte_of(word.chars.end));
            let written = normalized.get(start..end).unwrap_or("");
            let lower = super::CaseRules::Turkish.lower(written);
            if !out.is_empty() {
                out.push(' ');
            }
            if lower.chars().all(char::is_alphabetic)
                && !has_triple_letter(&lower)
                && skeleton_of(&lower) == word.text
            {
                out.push_str(&lower);
            } else {
                out.push_str(&word.text);
            }
        }
        out
    }
}

/// Whether a letter repeats three times in a row (`ammmına`): emphasis, not spelling.
fn has_triple_letter(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
}

/// [`Skeleton::classifier_text`] of a whole submitted text (normalised and tokenised here), for
/// training classifiers on the form the rules give them.
pub fn classifier_text(text: &str) -> String {
    let normalized = super::Normalized::new(text);
    let tokens = super::token::tokenize(&normalized.text);
    skeleton(&normalized.text, &tokens).classifier_text(&normalized.text)
}

/// How one character takes part in a skeleton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A letter, already folded.
    Letter(char),
    /// A digit or symbol that stands for a letter when it sits inside a word.
    Leet(char),
    /// A masking symbol: one or more hidden letters.
    Mask,
    /// A separator that may sit inside an obfuscated word (`a.q`, `s-i-k`).
    Separator,
    /// Anything else: ends the word.
    Break,
}

/// The letter a leetspeak character stands for.
fn leet_letter(c: char) -> char {
    match part_of(c) {
        Part::Leet(l) => l,
        _ => c,
    }
}

fn part_of(c: char) -> Part {
    match c {
        '1' | '!' | '|' => Part::Leet('i'),
        '3' => Part::Leet('e'),
        '4' | '@' => Part::Leet('a'),
        '0' => Part::Leet('o'),
        '$' | '5' => Part::Leet('s'),
        '*' => Part::Mask,
        '.' | '-' | '_' | '+' | ',' | '~' | '/' => Part::Separator,
        c if is_apostrophe(c) => Part::Separator,
        c if c.is_alphabetic() => Part::Letter(fold_letter(c)),
        _ => Part::Break,
    }
}

/// Lower-cases a letter with Turkish casing and folds it to its ASCII base where it has one.
pub fn fold_letter(c: char) -> char {
    match c {
        'I' | 'ı' | 'İ' | 'i' => 'i',
        'ə' | 'Ə' => 'e',
        'ß' => 's',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let mut base = lower;
            decompose_canonical(lower, |d| {
                if base == lower {
                    base = d;
                }
            });
            if base.is_ascii_alphabetic() {
                base
            } else {
                lower
            }
        }
    }
}

/// Appends `part` to a skeleton word under construction, collapsing repeats.
fn push_folded(word: &mut String, c: char) {
    if !word.ends_with(c) {
        word.push(c);
    }
}

/// The skeleton of one word or phrase from a word list; phrases keep single spaces between words.
pub fn skeleton_of(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    for piece in term.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut word = String::new();
        for c in piece.chars() {
            match part_of(c) {
                Part::Letter(l) | Part::Leet(l) => push_folded(&mut word, l),
                Part::Mask => push_folded(&mut word, '*'),
                Part::Separator | Part::Break => {}
            }
        }
        out.push_str(&word);
    }
    out
}

/// A run of touching tokens being folded into one word.
#[derive(Default)]
struct Pending {
    text: String,
    chars: Range<usize>,
    tokens: Range<usize>,
    has_letter: bool,
    /// Letters since the last separator.
    piece_len: usize,
    /// Letters of the piece before the last separator.
    last_piece_len: usize,
    /// A separator was seen after the last piece.
    after_separator: bool,
    /// Leetspeak characters that become letters only if a letter follows them.
    leet: Vec<(char, usize)>,
    /// A digit right before the leetspeak run: digits there are a number, not letters (`2000cc`).
    after_digit: bool,
    /// The raw digit that opened the word as a letter (`1bne`), undone again if fewer than three
    /// letters follow it (`4mm` stays apart from `am`).
    leading_digit: Option<char>,
    /// Letters pushed so far, before collapsing repeats.
    letters: usize,
}

impl Pending {
    fn push(&mut self, c: char, at: usize, token: usize) {
        if self.text.is_empty() {
            let digits = self.leet.iter().filter(|(l, _)| l.is_ascii_digit()).count();
            if digits > 0 && (self.after_digit || digits > 1) {
                // A number glued to letters (`2000cc`, `10mg`): its digits stay digits.
                for (raw, _) in &self.leet {
                    self.text.push(*raw);
                }
                self.leet.clear();
            } else if let [(raw, _)] = self.leet[..]
                && raw.is_ascii_digit()
            {
                self.leading_digit = Some(raw);
            }
            let start = self.leet.first().map_or(at, |&(_, leet_at)| leet_at);
            self.chars = start..at;
            self.tokens = token..token;
        }
        if self.after_separator {
            self.last_piece_len = self.piece_len;
            self.piece_len = 0;
            self.after_separator = false;
        }
        for (raw, _) in std::mem::take(&mut self.leet) {
            push_folded(&mut self.text, leet_letter(raw));
            self.piece_len += 1;
        }
        push_folded(&mut self.text, c);
        self.letters += 1;
        self.piece_len += 1;
        self.chars.end = at + 1;
        self.tokens.end = token + 1;
    }
}

/// Builds the skeleton of normalised `text` from its tokens.
pub fn skeleton(text: &str, tokens: &[Token]) -> Skeleton {
    let mut words: Vec<SkeletonWord> = Vec::new();
    let mut pending = Pending::default();

    let flush = |pending: &mut Pending, words: &mut Vec<SkeletonWord>| {
        let mut done = std::mem::take(pending);
        if let Some(raw) = done.leading_digit
            && done.letters < 3
        {
            done.text.replace_range(..1, &raw.to_string());
        }
        if done.has_letter {
            words.push(SkeletonWord {
                text: done.text,
                chars: done.chars,
                tokens: done.tokens,
            });
        }
    };

    for (index, token) in tokens.iter().enumerate() {
        if token.gap_before != Gap::None {
            flush(&mut pending, &mut words);
        }
        if matches!(
            token.kind,
            TokenKind::Url | TokenKind::Email | TokenKind::Emoji
        ) {
            flush(&mut pending, &mut words);
            continue;
        }
        let token_text = token.text(text);
        let in_word = matches!(token.kind, TokenKind::Word | TokenKind::Number);
        for (offset, c) in token_text.chars().enumerate() {
            let at = token.chars.start + offset;
            if (in_word && is_apostrophe(c)) || (token.kind == TokenKind::Hashtag && offset == 0) {
                continue;
            }
            match part_of(c) {
                Part::Break if c.is_ascii_digit() => {
                    // A digit that is no letter keeps the word apart from the word without it
                    // (`GOT7` is not `göt`) and makes the digits after it a number.
                    if !pending.text.is_empty() && !pending.after_separator {
                        pending.text.push(c);
                    }
                    flush(&mut pending, &mut words);
                    pending.after_digit = true;
                }
                Part::Break => flush(&mut pending, &mut words),
                Part::Separator => {
                    pending.leet.clear();
                    if !pending.text.is_empty() {
                        pending.after_separator = true;
                    }
                }
                Part::Leet(_) => {
                    // `!` and `|` stand for `i` only between letters; digits and `@ $` may also
                    // open a word (`@mk`, `$erefsiz`).
                    if matches!(c, '!' | '|')
                        && (pending.text.is_empty() || pending.after_separator)
                    {
                        flush(&mut pending, &mut words);
                    } else {
                        pending.leet.push((c, at));
                    }
                }
                part @ (Part::Letter(_) | Part::Mask) => {
                    // A separator joins two pieces when one of them is at most two letters long
                    // (`a.q`, `s.i.k`), not two ordinary words written without a space.
                    if pending.after_separator
                        && pending.piece_len > 2
                        && next_piece_len(token_text, offset) > 2
                    {
                        flush(&mut pending, &mut words);
                    }
                    let folded = if let Part::Letter(l) = part { l } else { '*' };
                    pending.push(folded, at, index);
                    pending.has_letter |= part != Part::Mask;
                }
            }
        }
    }
    flush(&mut pending, &mut words);
    join_spaced_letters(&mut words, tokens);
    Skeleton { words }
}

/// Letters from `offset` chars into `token_text` up to the next separator or break.
fn next_piece_len(token_text: &str, offset: usize) -> usize {
    token_text
        .chars()
        .skip(offset)
        .take_while(|&c| matches!(part_of(c), Part::Letter(_) | Part::Leet(_) | Part::Mask))
        .count()
}

/// Joins runs of three or more one-letter words separated by single spaces (`o r o s p u`).
fn join_spaced_letters(words: &mut Vec<SkeletonWord>, tokens: &[Token]) {
    let single = |w: &SkeletonWord| w.text.chars().count() == 1 && w.chars.len() == 1;
    let mut out: Vec<SkeletonWord> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while j + 1 < words.len()
            && single(&words[j])
            && single(&words[j + 1])
            && words[j + 1].chars.start == words[j].chars.end + 1
            && tokens
                .get(words[j + 1].tokens.start)
                .is_some_and(|t| t.gap_before == Gap::Space)
        {
            j += 1;
        }
        if j - i + 1 >= 3 {
            let mut text = String::new();
            for w in &words[i..=j] {
                for c in w.text.chars() {
                    push_folded(&mut text, c);
                }
            }
            out.push(SkeletonWord {
                text,
                chars: words[i].chars.start..words[j].chars.end,
                tokens: words[i].tokens.start..words[j].tokens.end,
            });
            i = j + 1;
        } else {
            out.push(words[i].clone());
            i += 1;
        }
    }
    *words = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    fn words(text: &str) -> Vec<String> {
        skeleton(text, &tokenize(text))
            .words
            .into_iter()
            .map(|w| w.text)
            .collect()
    }

    #[test]
    fn folds_turkish_letters_and_case() {
        assert_eq!(
            words("ŞEREFSİZ Işık güzel"),
            vec!["serefsiz", "isik", "guzel"]
        );
    }

    #[test]
    fn undoes_leetspeak_inside_words_only() {
        assert_eq!(
            words("s1ktir 0r0spu $erefsiz 4ptal"),
            vec!["siktir", "orospu", "serefsiz", "aptal"]
        );
        assert_eq!(words("2023 yılında 100 kişi"), vec!["yilinda", "kisi"]);
    }

    #[test]
    fn joins_separated_letters() {
        assert_eq!(words("a.q"), vec!["aq"]);
        assert_eq!(words("s.i.k.t.i.r"), vec!["siktir"]);
        assert_eq!(words("o r o s p u çocuğu"), vec!["orospu", "cocugu"]);
        assert_eq!(words("a-m-k"), vec!["amk"]);
    }

    #[test]
    fn keeps_ordinary_words_apart() {
        assert_eq!(words("geldi.Sonra gel"), vec!["geldi", "sonra", "gel"]);
        assert_eq!(words("a b"), vec!["a", "b"]);
    }

    #[test]
    fn collapses_repeated_letters() {
        assert_eq!(words("ammmına"), vec!["amina"]);
        assert_eq!(skeleton_of("anne"), "ane");
    }

    #[test]
    fn numbers_glued_to_letters_stay_numbers() {
        assert_eq!(
            words("2000cc 4mm GOT7 1bne"),
            vec!["000c", "4m", "got7", "ibne"]
        );
    }

    #[test]
    fn the_classifier_reads_plain_words_as_typed_and_obfuscated_ones_as_skeletons() {
        assert_eq!(
            classifier_text("Trafik SIKIŞIKTI, s1kt1r ammmına 👍 İyi"),
            "trafik sıkışıktı siktir amina iyi"
        );
    }

    #[test]
    fn masks_are_wildcards() {
        assert_eq!(words("s*keyim s**t"), vec!["s*keyim", "s*t"]);
    }

    #[test]
    fn skips_urls_and_emoji_but_reads_hashtags() {
        assert_eq!(
            words("#siktirgit https://ornek.com 😀 ok"),
            vec!["siktirgit", "ok"]
        );
    }

    #[test]
    fn word_spans_point_at_the_obfuscated_text() {
        let text = "bu o r o s p u";
        let sk = skeleton(text, &tokenize(text));
        assert_eq!(sk.words[1].chars, 3..14);
    }

    #[test]
    fn terms_fold_like_text() {
        assert_eq!(skeleton_of("Ananı  SİKEYİM"), "anani sikeyim");
        assert_eq!(skeleton_of("Kur'an"), "kuran");
    }
}
