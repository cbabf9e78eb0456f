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
    /// Words of edited text: (occurrences, occurrences starting in lower case).
    edited: HashMap<String, (u64, u64)>,
    /// Words written in capitals (`PKK`), by their lower case: acronyms, not names.
    capitals: HashMap<String, u64>,
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
                self.count_capitals(word);
                continue;
            }
            *self
                .counts
                .entry(case::lower(word, Language::Turkish))
                .or_default() += 1;
        }
    }

    /// Counts the words of edited text (news, books): like [`WordCounter::add_text`], and also
    /// remembered as attested, so that words the dictionary lacks but edited text uses often can
    /// be kept ([`WordCounter::finish`]'s `min_attested` and `min_name`). A capitalised word with
    /// an apostrophe suffix (`Ceren'in`) is also a sighting of its name (`Ceren`).
    pub fn add_edited_text(&mut self, text: &str) {
        for word in words(text) {
            self.total += 1;
            if is_all_upper(word) {
                self.count_capitals(word);
                continue;
            }
            let lower_initial = word.chars().next().is_some_and(char::is_lowercase);
            let stem = apostrophe_stem(word);
            let name =
                (stem.len() < word.len() && !lower_initial && !stem.is_empty()).then_some(stem);
            for form in std::iter::once(word).chain(name) {
                let lower = case::lower(form, Language::Turkish);
                let slot = self.edited.entry(lower.clone()).or_default();
                slot.0 += 1;
                slot.1 += u64::from(lower_initial);
                *self.counts.entry(lower).or_default() += 1;
            }
        }
    }

    fn count_capitals(&mut self, word: &str) {
        let stem = apostrophe_stem(word);
        if stem.chars().count() >= 2 {
            *self
                .capitals
                .entry(case::lower(stem, Language::Turkish))
                .or_default() += 1;
        }
    }

    /// Word tokens counted so far.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The model: words seen at least `min_count` times that `dictionary` accepts, lower case or,
    /// for proper nouns, capitalised; plus words the dictionary lacks that edited text uses at
    /// least `min_attested` times (0: none), mostly in lower case there (not names), and that
    /// `exclude` (the misspelling list) does not hold; plus, capitalised, the names the
    /// dictionary lacks that edited text writes capitalised at least `min_name` times (0: none),
    /// almost never in lower case, and less often all in capitals (`PKK`, an acronym); most
    /// frequent first (ties in alphabetical order).
    pub fn finish(
        self,
        dictionary: &Dictionary,
        options: &FinishOptions<'_>,
        comments: Vec<String>,
    ) -> FrequencyList {
        let edited = self.edited;
        let capitals = self.capitals;
        let mut words: Vec<(String, u32)> = self
            .counts
            .into_iter()
            .filter(|(_, n)| *n >= options.min_count)
            .filter_map(|(lower, n)| {
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                if dictionary.check(&lower) {
                    return Some((lower, n));
                }
                let capital = capitalize(&lower, Language::Turkish);
                if dictionary.check(&capital) {
                    return Some((capital, n));
                }
                let (seen, lower_initial) = edited.get(&lower).copied().unwrap_or_default();
                let plain = options.exclude.get(&lower).is_none()
                    && lower.chars().count() >= 3
                    && lower.chars().all(|c| c.is_alphabetic() || c == '\'');
                if plain
                    && options.min_attested > 0
                    && seen >= options.min_attested
                    && 2 * lower_initial >= seen
                {
                    return Some((lower, n));
                }
                // A name the dictionary lacks (`Ceren`, `Kerkük`): its capitalised entry makes
                // the lower case an error with its fix, and its suffixes take the apostrophe.
                let name = plain
                    && options.min_name > 0
                    && seen >= options.min_name
                    && lower_initial * NAME_LOWER_SHARE < seen
                    && lower.chars().all(char::is_alphabetic)
                    && capitals.get(&lower).copied().unwrap_or_default() < seen
                    // Hunspell accepts a lower-case entry capitalised too: one check covers
                    // English words and names.
                    && options.foreign.is_none_or(|english| {
                        !english.check(&capitalize(&lower, Language::English))
                    });
                name.then(|| (capitalize(&lower, Language::Turkish), n))
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

/// Options of [`WordCounter::finish`].
#[derive(Debug, Clone, Copy)]
pub struct FinishOptions<'a> {
    /// Keep dictionary words seen at least this many times.
    pub min_count: u64,
    /// Keep words the dictionary lacks seen at least this many times in edited text (0: none).
    pub min_attested: u64,
    /// Keep, capitalised, names the dictionary lacks seen this many times in `--edited` text
    /// (0: none).
    pub min_name: u64,
    /// Names this dictionary knows are not kept (English: `Sky`, `Justin`): comments write them
    /// in lower case as often as not.
    pub foreign: Option<&'a Dictionary>,
    /// Never keep these (the misspelling list).
    pub exclude: &'a crate::MisspellingList,
}

/// A name is written in lower case in under one in this many of its sightings in edited text.
const NAME_LOWER_SHARE: u64 = 20;

/// `word` up to its first apostrophe (`Ceren` of `Ceren'in`); all of it when it has none.
fn apostrophe_stem(word: &str) -> &str {
    word.split(['\'', '’']).next().unwrap_or(word)
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
        counter.add_edited_text("Dolayısıyla kabalaşabilir, kabalaşabilir herkez herkez");
        counter.add_edited_text(
            "Dün Belinay geldi. Belinay'ın kitabı ve Plovdiv, Plovdiv plovdiv; Sherlock Sherlock; \
             Pkk'nın Pkk",
        );
        counter.add_text("PKK PKK'ya PKK");
        let exclude = crate::MisspellingList::parse("herkez\therkes\tmisspelling\n").unwrap();
        let options = FinishOptions {
            min_count: 1,
            min_attested: 2,
            min_name: 2,
            foreign: Some(Dictionary::english()),
            exclude: &exclude,
        };
        let list = counter.finish(Dictionary::turkish(), &options, vec![]);
        assert!(list.words.contains(&("kabalaşabilir".to_owned(), 2)));
        assert!(!list.words.iter().any(|(w, _)| w == "herkez"));
        assert_eq!(list.total, 28);
        // A name the dictionary lacks, also seen before an apostrophe; not one seen in lower case.
        assert!(list.words.contains(&("Belinay".to_owned(), 2)));
        assert!(
            !list
                .words
                .iter()
                .any(|(w, _)| w.to_lowercase() == "plovdiv")
        );
        assert!(
            !list
                .words
                .iter()
                .any(|(w, _)| w == "Sherlock" || w == "Pkk")
        );
        assert!(list.words.contains(&("güzel".to_owned(), 2)));
        assert!(list.words.contains(&("Türkiye".to_owned(), 2)));
        assert!(!list.words.iter().any(|(w, _)| w == "cok"));
    }
}
