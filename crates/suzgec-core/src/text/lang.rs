//! Language identification among Turkish, English, Azerbaijani and "other", for short comments and
//! for Turkish typed without its letters.
//!
//! Letters decide first when they can: `ə` is Azerbaijani's and no other language's here; a comment
//! whose words are full of `ç ğ ı ö ş ü` and that has neither `ə` nor `q` is Turkish. Everything else
//! (ASCII-typed Turkish, English, other languages) goes to a character n-gram model (`lingua`)
//! restricted to the three languages and a few neighbours, so that a German or Russian comment
//! comes out as "other" rather than as the nearest of the three.

use std::sync::OnceLock;

use lingua::{Language as Lingua, LanguageDetector, LanguageDetectorBuilder};

use super::token::{Token, TokenKind};
use crate::verdict::Language;

/// Languages the model tells apart: the site's three and neighbours that would otherwise be taken for
/// one of them.
const MODEL_LANGUAGES: [Lingua; 14] = [
    Lingua::Turkish,
    Lingua::English,
    Lingua::Azerbaijani,
    Lingua::German,
    Lingua::French,
    Lingua::Spanish,
    Lingua::Italian,
    Lingua::Dutch,
    Lingua::Portuguese,
    Lingua::Indonesian,
    Lingua::Russian,
    Lingua::Arabic,
    Lingua::Persian,
    Lingua::Kazakh,
];

/// Characters of word text given to the model at most; a comment's language shows in its start.
const MODEL_INPUT_LIMIT: usize = 400;

/// Share of words with Turkish letters above which a comment is Turkish without asking the model.
const TURKISH_LETTER_SHARE: f32 = 0.25;

/// The detected language and how sure the detector is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// The language.
    pub language: Language,
    /// The detector's confidence, 0 to 1.
    pub confidence: f32,
}

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&MODEL_LANGUAGES).with_preloaded_language_models().build()
    })
}

/// Loads the language models now rather than on the first comment (they take a moment to unpack).
pub fn warm_up() {
    detector();
}

/// Detects the language of normalised `text` from its word tokens.
pub fn detect(text: &str, tokens: &[Token]) -> Detection {
    let mut words = 0usize;
    let mut turkish_letter_words = 0usize;
    let mut schwa = false;
    let mut q = false;
    let mut sample = String::with_capacity(MODEL_INPUT_LIMIT + 32);
    for token in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        let word = token.text(text);
        words += 1;
        if word.chars().any(|c| matches!(c, 'ç' | 'ğ' | 'ı' | 'ö' | 'ş' | 'ü' | 'Ç' | 'Ğ' | 'İ' | 'Ö' | 'Ş' | 'Ü')) {
            turkish_letter_words += 1;
        }
        schwa |= word.contains(['ə', 'Ə']);
        q |= word.contains(['q', 'Q']);
        if sample.len() < MODEL_INPUT_LIMIT {
            if !sample.is_empty() {
                sample.push(' ');
            }
            sample.push_str(word);
        }
    }
    if words == 0 {
        return Detection { language: Language::Other, confidence: 0.0 };
    }
    if schwa {
        return Detection { language: Language::Az, confidence: 0.99 };
    }
    if !q && turkish_letter_words as f32 >= TURKISH_LETTER_SHARE * words as f32 {
        return Detection { language: Language::Tr, confidence: 0.99 };
    }
    let values = detector().compute_language_confidence_values(&sample);
    let Some(&(best, confidence)) = values.first() else {
        return Detection { language: Language::Other, confidence: 0.0 };
    };
    let language = match best {
        Lingua::Turkish => Language::Tr,
        Lingua::English => Language::En,
        Lingua::Azerbaijani => Language::Az,
        _ => Language::Other,
    };
    Detection { language, confidence: confidence as f32 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    fn lang(text: &str) -> Language {
        detect(text, &tokenize(text)).language
    }

    #[test]
    fn turkish_with_and_without_its_letters() {
        assert_eq!(lang("Bu haberi okuyunca çok üzüldüm"), Language::Tr);
        assert_eq!(lang("Bu haberi okuyunca cok uzuldum"), Language::Tr);
        assert_eq!(lang("ben de bu fikirdeyim"), Language::Tr);
    }

    #[test]
    fn english_even_with_a_turkish_name() {
        assert_eq!(lang("Erdoğan met the foreign minister in Ankara today"), Language::En);
        assert_eq!(lang("This is a great article, thanks"), Language::En);
    }

    #[test]
    fn azerbaijani_is_not_turkish() {
        assert_eq!(lang("Çox gözəl xəbərdir"), Language::Az);
        assert_eq!(lang("Bakıda hava çox isti olacaq"), Language::Az);
    }

    #[test]
    fn other_languages_and_no_words_are_other() {
        assert_eq!(lang("Das ist eine sehr gute Nachricht für alle"), Language::Other);
        assert_eq!(lang("Это очень хорошая новость"), Language::Other);
        assert_eq!(lang("😀 👍 123"), Language::Other);
    }
}
