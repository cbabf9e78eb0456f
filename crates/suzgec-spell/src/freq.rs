//! The word-frequency model: how often each correctly written word occurs in the training corpora.
//!
//! [`FrequencyList`] is the stored model, plain data with [`FrequencyList::parse`] and
//! [`FrequencyList::encode`]. The file is UTF-8 text so that it diffs and reviews like a word list:
//!
//! ```text
//! suzgec-spell-frequencies<TAB>1
//! # any number of comment lines (provenance, the command that made it)
//! total<TAB>1843210
//! bir<TAB>41230
//! Türkiye<TAB>2210
//! ```
//!
//! The first line is the magic tag and the format version; `total` is the number of word tokens
//! counted. Each word is written as the dictionary accepts it: lower case, or capitalised for proper
//! nouns. Words are in descending order of count.

use crate::Error;

/// The magic tag on the first line of a frequency model.
pub const MAGIC: &str = "suzgec-spell-frequencies";
/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// A stored word-frequency model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrequencyList {
    /// Lines of provenance written after the header (without their `# `).
    pub comments: Vec<String>,
    /// Word tokens counted in the corpora.
    pub total: u64,
    /// Words and their counts, most frequent first.
    pub words: Vec<(String, u32)>,
}

impl FrequencyList {
    /// Reads a model from its text.
    ///
    /// # Errors
    /// [`Error::BadMagic`] for a file that is not a model, [`Error::UnsupportedVersion`] for another
    /// format version, [`Error::Truncated`] when the header is incomplete, [`Error::Line`] for a
    /// malformed line.
    pub fn parse(text: &str) -> Result<FrequencyList, Error> {
        let mut lines = text.lines().enumerate();
        let (_, first) = lines.next().ok_or(Error::BadMagic { expected: MAGIC })?;
        let Some((magic, version)) = first.split_once('\t') else {
            return Err(Error::BadMagic { expected: MAGIC });
        };
        if magic != MAGIC {
            return Err(Error::BadMagic { expected: MAGIC });
        }
        if version.trim().parse::<u32>().ok() != Some(FORMAT_VERSION) {
            return Err(Error::UnsupportedVersion {
                found: version.trim().to_owned(),
                supported: FORMAT_VERSION,
            });
        }
        let mut list = FrequencyList::default();
        let mut total = None;
        for (i, line) in lines {
            let bad = |message: &str| Error::Line {
                what: "frequency model",
                line: i + 1,
                message: message.to_owned(),
            };
            if let Some(comment) = line.strip_prefix('#') {
                list.comments.push(comment.trim_start().to_owned());
                continue;
            }
            if line.is_empty() {
                continue;
            }
            let (word, count) = line
                .split_once('\t')
                .ok_or_else(|| bad("expected WORD<TAB>COUNT"))?;
            if total.is_none() {
                if word != "total" {
                    return Err(bad("expected the `total` line before the words"));
                }
                total = Some(count.parse::<u64>().map_err(|_| bad("bad total"))?);
                continue;
            }
            let count = count.parse::<u32>().map_err(|_| bad("bad count"))?;
            if word.is_empty() || word.contains(char::is_whitespace) {
                return Err(bad("a word is one non-empty token"));
            }
            list.words.push((word.to_owned(), count));
        }
        list.total = total.ok_or(Error::Truncated("no `total` line"))?;
        Ok(list)
    }

    /// The model as text, readable by [`FrequencyList::parse`].
    pub fn encode(&self) -> String {
        let mut out = format!("{MAGIC}\t{FORMAT_VERSION}\n");
        for comment in &self.comments {
            out.push_str("# ");
            out.push_str(comment);
            out.push('\n');
        }
        out.push_str(&format!("total\t{}\n", self.total));
        for (word, count) in &self.words {
            out.push_str(word);
            out.push('\t');
            out.push_str(&count.to_string());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_round_trips() {
        let list = FrequencyList {
            comments: vec!["made by a test".into()],
            total: 10,
            words: vec![("bir".into(), 7), ("Türkiye".into(), 3)],
        };
        assert_eq!(FrequencyList::parse(&list.encode()).unwrap(), list);
    }

    #[test]
    fn foreign_short_and_future_files_are_errors() {
        assert!(matches!(
            FrequencyList::parse(""),
            Err(Error::BadMagic { .. })
        ));
        assert!(matches!(
            FrequencyList::parse("hello\tworld\n"),
            Err(Error::BadMagic { .. })
        ));
        assert!(matches!(
            FrequencyList::parse("suzgec-spell-frequencies\t9\n"),
            Err(Error::UnsupportedVersion { .. })
        ));
        assert!(matches!(
            FrequencyList::parse("suzgec-spell-frequencies\t1\n"),
            Err(Error::Truncated(_))
        ));
        let err =
            FrequencyList::parse("suzgec-spell-frequencies\t1\ntotal\t3\nbir\tx\n").unwrap_err();
        assert!(err.to_string().contains("line 3"), "{err}");
    }
}
