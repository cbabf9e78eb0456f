//! The curated list of frequent misspellings and colloquial spellings (`data/spell/misspellings.tsv`).

use std::collections::HashMap;

use crate::Error;

/// What kind of wrong spelling a listed form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListedKind {
    /// A wrong spelling of the word (`herkez`, `yanlız`, `birşey`).
    Misspelling,
    /// Speech written down (`gidiyom`, `napıyosun`, `saol`).
    Colloquial,
}

/// One listed wrong form and its correct spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The correct spelling (may be several words: `bir şey`).
    pub right: String,
    /// The kind of mistake.
    pub kind: ListedKind,
}

/// Wrong forms (lower case) and their correct spellings.
#[derive(Debug, Clone, Default)]
pub struct MisspellingList {
    entries: HashMap<String, Listed>,
}

impl MisspellingList {
    /// Reads `WRONG<TAB>RIGHT<TAB>KIND` lines; `#` starts a comment line.
    ///
    /// # Errors
    /// [`Error::Line`] for a line with missing fields, an unknown kind, or a wrong form listed twice.
    pub fn parse(text: &str) -> Result<MisspellingList, Error> {
        let mut entries = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: String| Error::Line {
                what: "misspelling list",
                line: i + 1,
                message,
            };
            let mut fields = line.split('\t');
            let (Some(wrong), Some(right), Some(kind), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Err(bad("expected WRONG<TAB>RIGHT<TAB>KIND".into()));
            };
            let kind = match kind.trim() {
                "misspelling" => ListedKind::Misspelling,
                "colloquial" => ListedKind::Colloquial,
                other => return Err(bad(format!("unknown kind `{other}`"))),
            };
            if wrong.is_empty() || wrong.contains(' ') || wrong == right {
                return Err(bad(
                    "the wrong form is one word, unlike the right one".into()
                ));
            }
            let listed = Listed {
                right: right.to_owned(),
                kind,
            };
            if entries.insert(wrong.to_owned(), listed).is_some() {
                return Err(bad(format!("`{wrong}` is listed twice")));
            }
        }
        Ok(MisspellingList { entries })
    }

    /// The entry for a lower-case word.
    pub fn get(&self, lower: &str) -> Option<&Listed> {
        self.entries.get(lower)
    }

    /// How many wrong forms are listed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every listed wrong form and its entry.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Listed)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_and_rejects_bad_lines() {
        let list =
            MisspellingList::parse("# c\nherkez\therkes\tmisspelling\nsaol\tsağ ol\tcolloquial\n")
                .unwrap();
        assert_eq!(list.get("saol").unwrap().right, "sağ ol");
        assert_eq!(list.len(), 2);
        for bad in [
            "herkez\therkes\n",
            "herkez\therkes\ttypo\n",
            "a\tb\tmisspelling\na\tc\tmisspelling\n",
        ] {
            assert!(MisspellingList::parse(bad).is_err(), "{bad}");
        }
    }
}
