//! Training the frequency model (feature `train`): counts the words of correct text and keeps those
//! the dictionary accepts.

use std::collections::HashMap;

use suzgec_dict::Dictionary;

use crate::Language;
use crate::case::{self, capitalize, is_all_upper};
use crate::freq::FrequencyList;

/// Counts words in text, one piece of text at a time.
#[derive(Debug, Default)]
pub struct WordCounter {
    counts: HashMap<String, u64>,
    total: u64,
}

impl WordCounter {
    /// A counter with nothing counted.
    pub fn new() -> Self {
        WordCounter::default()
    }

    /// Counts the words of `text`: runs of letters, with an apostrophe between letters kept
    /// (`Türkiye'nin`). Words with digits and words in capitals (acronyms) are skipped; words are
    /// counted by their Turkish lower-case form.
    pub fn add_text(&mut self, text: &str) {
        for word in words(text) {
            self.total += 1;
            if is_all_upper(word) {
                continue;
            }
            *self
                .counts
                .entry(case::lower(word, Language::Turkish))
                .or_default() += 1;
        }
    }

    /// Word tokens counted so far.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The model: words seen at least `min_count` times that `dictionary` accepts, lower case or,
    /// for proper nouns, capitalised; most frequent first (ties in alphabetical order).
    pub fn finish(
        self,
        dictionary: &Dictionary,
        min_count: u64,
        comments: Vec<String>,
    ) -> FrequencyList {
        let mut words: Vec<(String, u32)> = self
            .counts
            .into_iter()
            .filter(|(_, n)| *n >= min_count)
            .filter_map(|(lower, n)| {
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                if dictionary.check(&lower) {
                    return Some((lower, n));
                }
                let capital = capitalize(&lower, Language::Turkish);
                dictionary.check(&capital).then_some((capital, n))
            })
            .collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        FrequencyList {
            comments,
            total: self.total,
            words,
        }
    }
}

/// The words of `text` (see [`WordCounter::add_text`]).
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let start = rest.find(char::is_alphanumeric)?;
            let tail = &rest[start..];
            let mut end = tail.len();
            let mut prev_apostrophe = false;
            let mut has_digit = false;
            for (i, c) in tail.char_indices() {
                if c.is_alphabetic() {
                    prev_apostrophe = false;
                } else if c.is_numeric() {
                    has_digit = true;
                } else if (c == '\'' || c == '’') && !prev_apostrophe && i > 0 {
                    prev_apostrophe = true;
                } else {
                    end = i;
                    break;
                }
            }
            let mut word = &tail[..end];
            if prev_apostrophe {
                word = word.trim_end_matches(['\'', '’']);
            }
            rest = &tail[end..];
            if !has_digit && !word.is_empty() {
                return Some(word);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_and_keeps_apostrophe_suffixes() {
        let found: Vec<&str> = words("Türkiye'nin 3 ABD'si, 'alıntı' ve s1ktir.").collect();
        assert_eq!(found, vec!["Türkiye'nin", "ABD'si", "alıntı", "ve"]);
    }

    #[test]
    fn keeps_dictionary_words_with_their_case() {
        let mut counter = WordCounter::new();
        counter.add_text("Türkiye çok güzel. türkiye cok güzel ABD");
        let list = counter.finish(Dictionary::turkish(), 1, vec![]);
        assert_eq!(list.total, 7);
        assert_eq!(list.words[0], ("güzel".to_owned(), 2));
        assert!(list.words.contains(&("Türkiye".to_owned(), 2)));
        assert!(!list.words.iter().any(|(w, _)| w == "cok"));
    }
}
