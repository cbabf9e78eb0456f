//! Text analysis, done once per comment and read by every rule: normalisation, tokens, language,
//! casing and the skeleton used for word-list matching.

pub mod acronyms;
pub mod casing;
pub mod lang;
pub mod normalize;
pub mod orthography;
pub mod skeleton;
pub mod token;
pub mod truecase;

use std::ops::Range;

pub use acronyms::Acronyms;
pub use casing::CaseRules;
pub use lang::Detection;
pub use normalize::Normalized;
pub use skeleton::{Skeleton, SkeletonWord, classifier_text, skeleton_of};
pub use token::{Gap, Token, TokenKind};
pub use truecase::{Position, Truecase, TruecaseCounts, words_in_sentences};

use crate::verdict::{Language, Span};

/// Everything the rules need to know about one comment, computed once.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    /// The text exactly as submitted; spans point into it.
    pub original: &'a str,
    normalized: Normalized<'a>,
    /// Tokens of the normalised text.
    pub tokens: Vec<Token>,
    /// The comment's language and the detector's confidence.
    pub detection: Detection,
    /// The skeleton of the normalised text, for word lists.
    pub skeleton: Skeleton,
    /// The abuse rules' shared evidence, computed when the first of them asks.
    pub(crate) abuse: std::sync::OnceLock<crate::rules::abuse::Evidence>,
}

impl<'a> Analysis<'a> {
    /// Analyses `original`. A `language` hint from the caller replaces detection.
    pub fn new(original: &'a str, language: Option<Language>) -> Self {
        let normalized = Normalized::new(original);
        let tokens = token::tokenize(&normalized.text);
        let detection = match language {
            Some(language) => Detection {
                language,
                confidence: 1.0,
            },
            None => lang::detect(&normalized.text, &tokens),
        };
        let skeleton = skeleton::skeleton(&normalized.text, &tokens);
        Analysis {
            original,
            normalized,
            tokens,
            detection,
            skeleton,
            abuse: std::sync::OnceLock::new(),
        }
    }

    /// The NFC-normalised text that tokens and skeleton offsets refer to.
    pub fn text(&self) -> &str {
        &self.normalized.text
    }

    /// The language the comment is judged in.
    pub fn language(&self) -> Language {
        self.detection.language
    }

    /// The case rules of the comment's language.
    pub fn case_rules(&self) -> CaseRules {
        CaseRules::for_language(self.language())
    }

    /// The tokens that are words.
    pub fn words(&self) -> impl Iterator<Item = &Token> {
        self.tokens.iter().filter(|t| t.kind == TokenKind::Word)
    }

    /// A span of the submitted text for a code point range of the normalised text.
    pub fn span(&self, chars: Range<usize>, replacement: Option<String>) -> Span {
        let original = self.normalized.to_original(chars);
        let text = self
            .original
            .chars()
            .skip(original.start)
            .take(original.len())
            .collect();
        Span {
            start: original.start,
            end: original.end,
            text,
            replacement,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_into_the_submitted_text_past_emoji_and_combining_marks() {
        // 👍🏽 is two code points; "gu\u{308}zel" is six submitted, five normalised.
        let submitted = "👍🏽 çok gu\u{308}zel";
        let analysis = Analysis::new(submitted, None);
        let words: Vec<&Token> = analysis.words().collect();
        assert_eq!(words.len(), 2);
        let span = analysis.span(words[1].chars.clone(), None);
        assert_eq!((span.start, span.end), (7, 13));
        assert_eq!(span.text, "gu\u{308}zel");
        let check: String = submitted
            .chars()
            .skip(span.start)
            .take(span.end - span.start)
            .collect();
        assert_eq!(check, span.text);
    }

    #[test]
    fn a_language_hint_replaces_detection() {
        let analysis = Analysis::new("cok guzel", Some(Language::En));
        assert_eq!(analysis.language(), Language::En);
        assert_eq!(analysis.case_rules(), CaseRules::English);
    }
}
