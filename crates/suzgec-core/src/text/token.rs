//! The tokenizer: splits normalised text into words, numbers, URLs, e-mail addresses, @mentions,
//! #hashtags, emoji and punctuation.
//!
//! It works on extended grapheme clusters, so a letter with combining marks or an emoji with a skin
//! tone or zero-width joiners stays one unit. Offsets are code point offsets into the normalised
//! text; [`crate::text::Analysis`] maps them back to the submitted text.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (any script), possibly with digits inside (`s1ktir`) and an apostrophe suffix
    /// (`Türkiye'nin`).
    Word,
    /// Digits, with `.`/`,`/`:` between digit groups and an optional apostrophe suffix (`2023'te`).
    Number,
    /// `http://…`, `https://…`, `www.…` or a bare domain such as `example.com.tr/yol`.
    Url,
    /// `name@example.com`.
    Email,
    /// `@name`.
    Mention,
    /// `#name`.
    Hashtag,
    /// One emoji, with its modifiers and joiners.
    Emoji,
    /// Any other visible character: punctuation, symbols, control characters.
    Punct,
}

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Nothing: the tokens touch (`a.q`, `geldi!`).
    None,
    /// Spaces or tabs.
    Space,
    /// At least one line break.
    Newline,
}

/// One token of the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Code point range in the normalised text.
    pub chars: Range<usize>,
    /// Byte range in the normalised text.
    pub bytes: Range<usize>,
    /// For words and numbers with an apostrophe suffix: the byte offset of the apostrophe within the
    /// token (`Türkiye'nin` → the stem is `Türkiye`, the suffix `nin`).
    pub apostrophe: Option<usize>,
    /// What separates it from the previous token.
    pub gap_before: Gap,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, normalized: &'t str) -> &'t str {
        &normalized[self.bytes.clone()]
    }

    /// The part before an apostrophe suffix, or the whole token.
    pub fn stem<'t>(&self, normalized: &'t str) -> &'t str {
        let text = self.text(normalized);
        match self.apostrophe {
            Some(at) => &text[..at],
            None => text,
        }
    }

    /// The apostrophe and suffix (`'nin`), or `""`.
    pub fn suffix<'t>(&self, normalized: &'t str) -> &'t str {
        let text = self.text(normalized);
        match self.apostrophe {
            Some(at) => &text[at..],
            None => "",
        }
    }
}

/// Apostrophes that attach a suffix to a proper noun: ASCII, typographic and modifier letter.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// Whether `c` starts an emoji grapheme (pictographs, symbols, flags, keycaps are detected by their
/// base in these blocks).
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF // pictographs, emoticons, transport, symbols, flags
        | 0x2600..=0x27BF // miscellaneous symbols, dingbats
        | 0x2B00..=0x2BFF // arrows and stars (⭐, ⬆)
        | 0x2300..=0x23FF // technical (⌚, ⏰)
        | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x00A9 | 0x00AE | 0x2122 | 0x2139
        | 0x2194..=0x21AA)
}

/// Splits normalised text into tokens. Whitespace separates tokens and is not itself a token.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut gap = Gap::None;
    let mut chunk_start: Option<(usize, usize)> = None;

    for (char_at, (byte, c)) in text.char_indices().enumerate() {
        if c.is_whitespace() {
            if let Some((start_byte, start_char)) = chunk_start.take() {
                tokenize_chunk(
                    &text[start_byte..byte],
                    start_byte,
                    start_char,
                    gap,
                    &mut tokens,
                );
                gap = Gap::None;
            }
            let newline = matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}');
            gap = if newline || gap == Gap::Newline {
                Gap::Newline
            } else {
                Gap::Space
            };
        } else if chunk_start.is_none() {
            chunk_start = Some((byte, char_at));
        }
    }
    if let Some((start_byte, start_char)) = chunk_start {
        tokenize_chunk(
            &text[start_byte..],
            start_byte,
            start_char,
            gap,
            &mut tokens,
        );
    }
    tokens
}

/// Characters that may open or close a URL or address without belonging to it.
fn is_wrapping_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | '\''
            | '«'
            | '»'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '…'
            | '<'
            | '>'
    )
}

/// Tokenizes one whitespace-free chunk, starting with the previous whitespace `gap`.
fn tokenize_chunk(chunk: &str, byte0: usize, char0: usize, gap: Gap, tokens: &mut Vec<Token>) {
    // A URL or e-mail address takes the whole chunk, less wrapping punctuation.
    let inner_start = chunk.len() - chunk.trim_start_matches(is_wrapping_punct).len();
    let inner = chunk[inner_start..].trim_end_matches(is_wrapping_punct);
    let address = if is_url(inner) {
        Some(TokenKind::Url)
    } else if is_email(inner) {
        Some(TokenKind::Email)
    } else {
        None
    };
    if let Some(kind) = address {
        let inner_end = inner_start + inner.len();
        let head_chars = chunk[..inner_start].chars().count();
        let inner_chars = inner.chars().count();
        let mut gap = gap;
        if inner_start > 0 {
            scan(&chunk[..inner_start], byte0, char0, &mut gap, tokens);
        }
        tokens.push(Token {
            kind,
            chars: char0 + head_chars..char0 + head_chars + inner_chars,
            bytes: byte0 + inner_start..byte0 + inner_end,
            apostrophe: None,
            gap_before: gap,
        });
        gap = Gap::None;
        if inner_end < chunk.len() {
            scan(
                &chunk[inner_end..],
                byte0 + inner_end,
                char0 + head_chars + inner_chars,
                &mut gap,
                tokens,
            );
        }
        return;
    }
    let mut gap = gap;
    scan(chunk, byte0, char0, &mut gap, tokens);
}

/// Tokenizes a piece of a chunk that holds no URL or e-mail address.
fn scan(piece: &str, byte0: usize, char0: usize, gap: &mut Gap, tokens: &mut Vec<Token>) {
    let graphemes: Vec<(usize, &str)> = piece.grapheme_indices(true).collect();
    let first_char = |i: usize| graphemes.get(i).and_then(|(_, g)| g.chars().next());
    let mut char_at = char0;
    let mut i = 0;
    while i < graphemes.len() {
        let (start, _) = graphemes[i];
        let c = first_char(i).unwrap_or(' ');
        let prev_is_alnum = i > 0 && first_char(i - 1).is_some_and(char::is_alphanumeric);
        let next_is_name = first_char(i + 1).is_some_and(|n| n.is_alphanumeric() || n == '_');
        let mut end = i + 1;
        let mut apostrophe = None;
        let kind = if (c == '@' || c == '#') && next_is_name && !prev_is_alnum {
            while first_char(end).is_some_and(|n| n.is_alphanumeric() || n == '_') {
                end += 1;
            }
            if c == '@' {
                TokenKind::Mention
            } else {
                TokenKind::Hashtag
            }
        } else if c.is_alphanumeric() {
            let mut has_letter = !c.is_numeric();
            let mut digits_before_apostrophe = c.is_numeric();
            loop {
                match first_char(end) {
                    Some(n) if n.is_alphanumeric() => {
                        if !n.is_numeric() {
                            has_letter = true;
                            if apostrophe.is_none() {
                                digits_before_apostrophe = false;
                            }
                        }
                        end += 1;
                    }
                    Some(n)
                        if is_apostrophe(n)
                            && apostrophe.is_none()
                            && first_char(end + 1).is_some_and(char::is_alphabetic) =>
                    {
                        apostrophe = Some(graphemes[end].0 - start);
                        end += 1;
                    }
                    Some('.' | ',' | ':')
                        if !has_letter
                            && first_char(end + 1).is_some_and(|d| d.is_ascii_digit()) =>
                    {
                        end += 1;
                    }
                    _ => break,
                }
            }
            if !has_letter || (digits_before_apostrophe && apostrophe.is_some()) {
                TokenKind::Number
            } else {
                TokenKind::Word
            }
        } else if is_emoji(c) {
            TokenKind::Emoji
        } else {
            TokenKind::Punct
        };
        let end_byte = graphemes.get(end).map_or(piece.len(), |(b, _)| *b);
        let chars = piece[start..end_byte].chars().count();
        tokens.push(Token {
            kind,
            chars: char_at..char_at + chars,
            bytes: byte0 + start..byte0 + end_byte,
            apostrophe,
            gap_before: *gap,
        });
        *gap = Gap::None;
        char_at += chars;
        i = end;
    }
}

/// Top-level domains accepted on bare domains without `http://` or `www.`.
const BARE_TLDS: &[&str] = &[
    "com", "net", "org", "tr", "edu", "gov", "io", "co", "info", "biz", "me", "tv", "uk", "de",
    "eu", "app", "dev", "news", "az", "ru", "fr", "nl", "us", "ly", "gl", "be",
];

fn is_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        return !rest.is_empty();
    }
    if let Some(rest) = lower.strip_prefix("www.") {
        return rest.contains('.') || !rest.is_empty();
    }
    let host = lower.split(['/', '?', '#']).next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels[0].len() >= 2
        && labels.last().is_some_and(|tld| BARE_TLDS.contains(tld))
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-".contains(c))
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.bytes]))
            .collect()
    }

    #[test]
    fn words_keep_turkish_apostrophe_suffixes() {
        let text = "Türkiye'nin ve NATO’nun";
        let tokens = tokenize(text);
        assert_eq!(tokens.len(), 3);
        assert_eq!(tokens[0].stem(text), "Türkiye");
        assert_eq!(tokens[0].suffix(text), "'nin");
        assert_eq!(tokens[2].stem(text), "NATO");
        assert_eq!(tokens[2].suffix(text), "’nun");
        assert_eq!(tokens[2].chars, 15..23);
    }

    #[test]
    fn tells_apart_every_kind() {
        assert_eq!(
            kinds("@ali #Gündem https://ornek.com.tr/a?b=1, ali@ornek.com 1.250,50 2023'te 😀👍🏽!"),
            vec![
                (TokenKind::Mention, "@ali"),
                (TokenKind::Hashtag, "#Gündem"),
                (TokenKind::Url, "https://ornek.com.tr/a?b=1"),
                (TokenKind::Punct, ","),
                (TokenKind::Email, "ali@ornek.com"),
                (TokenKind::Number, "1.250,50"),
                (TokenKind::Number, "2023'te"),
                (TokenKind::Emoji, "😀"),
                (TokenKind::Emoji, "👍🏽"),
                (TokenKind::Punct, "!"),
            ]
        );
    }

    #[test]
    fn bare_domains_are_urls_but_dotted_abbreviations_are_not() {
        assert_eq!(
            kinds("(haberler.com)"),
            vec![
                (TokenKind::Punct, "("),
                (TokenKind::Url, "haberler.com"),
                (TokenKind::Punct, ")"),
            ]
        );
        assert_eq!(kinds("a.q").len(), 3);
        assert_eq!(
            kinds("www.ornek.org.")[0],
            (TokenKind::Url, "www.ornek.org")
        );
    }

    #[test]
    fn leetspeak_stays_one_word() {
        assert_eq!(
            kinds("s1ktir 0rospu"),
            vec![(TokenKind::Word, "s1ktir"), (TokenKind::Word, "0rospu")]
        );
    }

    #[test]
    fn records_gaps() {
        let tokens = tokenize("a.q\nb c");
        let gaps: Vec<Gap> = tokens.iter().map(|t| t.gap_before).collect();
        assert_eq!(
            gaps,
            vec![Gap::None, Gap::None, Gap::None, Gap::Newline, Gap::Space]
        );
    }

    #[test]
    fn combining_marks_and_joiners_stay_inside_their_token() {
        let text = "cafe\u{301} 👨‍👩‍👧 x";
        let tokens = tokenize(text);
        assert_eq!(tokens.len(), 3);
        assert_eq!(tokens[0].chars, 0..5);
        assert_eq!(tokens[1].kind, TokenKind::Emoji);
        assert_eq!(tokens[1].chars, 6..11);
        assert_eq!(tokens[2].chars, 12..13);
    }

    #[test]
    fn a_lone_at_sign_or_hash_is_punctuation() {
        assert_eq!(
            kinds("@ #"),
            vec![(TokenKind::Punct, "@"), (TokenKind::Punct, "#")]
        );
    }
}
