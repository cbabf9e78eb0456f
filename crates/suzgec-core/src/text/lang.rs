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

use super::casing::CaseRules;
use super::token::{Token, TokenKind};
use crate::verdict::Language;

/// Languages the model tells apart: the site's three and neighbours that would otherwise be taken for
/// one of them.
const MODEL_LANGUAGES: [Lingua; 10] = [
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
];

/// Frequent Turkish words, written with and without Turkish letters, that are not frequent words of
/// English or of the neighbouring languages (so not `de`, `da`, `ne`, `mi`, `en`).
const TURKISH_MARKERS: &[&str] = &[
    "ve", "bir", "bu", "şu", "su", "için", "icin", "çok", "cok", "ama", "gibi", "ile", "daha",
    "kadar", "yok", "var", "olan", "olarak", "sonra", "diye", "değil", "degil", "neden", "nasıl",
    "nasil", "hiç", "hic", "bile", "artık", "artik", "sadece", "zaten", "şimdi", "simdi", "bunu",
    "buna", "bunun", "beni", "seni", "benim", "senin", "onun", "bizim", "sizin", "olsun", "oldu",
    "olur", "ki", "her", "hep", "tüm", "tum", "böyle", "boyle", "şey", "sey", "bence", "yani",
    "iyi", "kötü", "kotu", "mı", "mu", "mü", "ya", "hem", "ise", "veya", "niye", "hala", "hâlâ",
    "bütün", "butun",
];

/// Frequent English words that are not frequent words of Turkish or of the neighbouring languages
/// (so not `in`, `is`, `on`, `die`).
const ENGLISH_MARKERS: &[&str] = &[
    "the", "and", "are", "was", "were", "of", "to", "that", "this", "it", "you", "for", "with",
    "have", "has", "not", "but", "they", "he", "she", "what", "just", "will", "would", "about",
    "your", "his", "him", "all", "from", "there", "their", "who", "can", "like", "so", "if", "my",
    "me", "we", "do", "does", "don't", "i", "i'm", "it's", "or", "by", "how", "why", "been",
    "should", "them",
];

/// Marker words needed on one side, with none on the other, to decide without the model.
const MARKERS_TO_DECIDE: usize = 2;

/// Characters of word text given to the model at most; a comment's language shows in its start.
const MODEL_INPUT_LIMIT: usize = 200;

/// The languages of the site, in the order ties are resolved.
const SITE_LANGUAGES: [Lingua; 3] = [Lingua::Turkish, Lingua::English, Lingua::Azerbaijani];

/// Model confidence from which a comment is in another language than the site's.
const OTHER_LANGUAGE_CONFIDENCE: f64 = 0.5;

/// Model confidence from which a comment without `ə` is Azerbaijani (it also needs `q` or `x`).
const AZERBAIJANI_WITHOUT_SCHWA_CONFIDENCE: f32 = 0.6;

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

/// Whether a word carries one of the letters Turkish adds to ASCII (`ç ğ ı ö ş ü`, `İ`); of the
/// site's languages only Turkish and Azerbaijani write them.
pub fn has_turkish_letter(word: &str) -> bool {
    word.contains(['ç', 'ğ', 'ı', 'ö', 'ş', 'ü', 'Ç', 'Ğ', 'İ', 'Ö', 'Ş', 'Ü'])
}

/// Whether a letter belongs to the Latin script (ASCII, Latin-1 and Latin Extended, `ə`).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{C0}'..='\u{24F}' | '\u{259}' | '\u{1E00}'..='\u{1EFF}')
}

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&MODEL_LANGUAGES)
            .with_preloaded_language_models()
            .build()
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
    let mut latin_letters = 0usize;
    let mut other_letters = 0usize;
    let mut schwa = false;
    let mut q_or_x = false;
    let mut turkish_markers = 0usize;
    let mut english_markers = 0usize;
    let mut sample = String::with_capacity(MODEL_INPUT_LIMIT + 32);
    for token in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        let word = token.text(text);
        words += 1;
        for c in word.chars().filter(|c| c.is_alphabetic()) {
            if is_latin(c) {
                latin_letters += 1;
            } else {
                other_letters += 1;
            }
        }
        if has_turkish_letter(word) {
            turkish_letter_words += 1;
        }
        schwa |= word.contains(['ə', 'Ə']);
        q_or_x |= word.contains(['q', 'Q', 'x', 'X']);
        if word.len() <= 7 {
            let lower = CaseRules::English.lower(word);
            turkish_markers += usize::from(TURKISH_MARKERS.contains(&lower.as_str()));
            english_markers += usize::from(ENGLISH_MARKERS.contains(&lower.as_str()));
        }
        if sample.len() < MODEL_INPUT_LIMIT {
            if !sample.is_empty() {
                sample.push(' ');
            }
            sample.push_str(word);
        }
    }
    if words == 0 || other_letters > latin_letters {
        // No words, or mostly another script (Arabic, Cyrillic, Greek, CJK, …).
        return Detection {
            language: Language::Other,
            confidence: if words == 0 { 0.0 } else { 0.9 },
        };
    }
    if schwa {
        return Detection {
            language: Language::Az,
            confidence: 0.99,
        };
    }
    if !q_or_x && turkish_letter_words as f32 >= TURKISH_LETTER_SHARE * words as f32 {
        return Detection {
            language: Language::Tr,
            confidence: 0.99,
        };
    }
    if !q_or_x && turkish_markers >= MARKERS_TO_DECIDE && english_markers == 0 {
        return Detection {
            language: Language::Tr,
            confidence: 0.9,
        };
    }
    if english_markers >= MARKERS_TO_DECIDE && turkish_markers == 0 && turkish_letter_words == 0 {
        return Detection {
            language: Language::En,
            confidence: 0.9,
        };
    }
    let values = detector().compute_language_confidence_values(&sample);
    let confidence_of = |wanted: Lingua| {
        values
            .iter()
            .find(|(l, _)| *l == wanted)
            .map_or(0.0, |(_, c)| *c as f32)
    };
    let Some(&(best, best_confidence)) = values.first() else {
        return Detection {
            language: Language::Other,
            confidence: 0.0,
        };
    };
    // Another language only when the model is fairly sure: short comments on a Turkish and English
    // site are far more likely to be in one of the site's languages than in a neighbour of them.
    if !SITE_LANGUAGES.contains(&best) && best_confidence >= OTHER_LANGUAGE_CONFIDENCE {
        return Detection {
            language: Language::Other,
            confidence: best_confidence as f32,
        };
    }
    let (site_best, confidence) = SITE_LANGUAGES.iter().map(|&l| (l, confidence_of(l))).fold(
        (Lingua::Turkish, f32::MIN),
        |acc, x| {
            if x.1 > acc.1 { x } else { acc }
        },
    );
    // Azerbaijani writes `ə` in nearly every sentence; without it, a comment taken for Azerbaijani
    // is almost always Turkish typed without its letters, unless the model is sure and the text has
    // Azerbaijani's `q` or `x`.
    let language = match site_best {
        Lingua::Azerbaijani if !(q_or_x && confidence >= AZERBAIJANI_WITHOUT_SCHWA_CONFIDENCE) => {
            Language::Tr
        }
        Lingua::Azerbaijani => Language::Az,
        Lingua::English => Language::En,
        _ => Language::Tr,
    };
    Detection {
        language,
        confidence,
    }
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
        assert_eq!(
            lang("Erdoğan met the foreign minister in Ankara today"),
            Language::En
        );
        assert_eq!(lang("This is a great article, thanks"), Language::En);
    }

    #[test]
    fn azerbaijani_is_not_turkish() {
        assert_eq!(lang("Çox gözəl xəbərdir"), Language::Az);
        assert_eq!(lang("Bakıda hava çox isti olacaq"), Language::Az);
    }

    #[test]
    fn other_languages_and_no_words_are_other() {
        assert_eq!(
            lang("Das ist eine sehr gute Nachricht für alle"),
            Language::Other
        );
        assert_eq!(lang("Это очень хорошая новость"), Language::Other);
        assert_eq!(
            lang("C'est une très bonne nouvelle pour tout le monde"),
            Language::Other
        );
        assert_eq!(
            lang("Es una noticia muy buena para todos nosotros"),
            Language::Other
        );
        assert_eq!(lang("😀 👍 123"), Language::Other);
    }
}
