//! The abuse lexicons (`data/lexicons/`): parsing, and matching on the skeleton of a comment.
//!
//! Terms and text are compared on their skeletons ([`crate::text::skeleton`]), word by word:
//!
//! - a `root` entry matches a text word whose skeleton starts with the term's (`orospu` matches
//!   `orospular`, `orospuluk`; Turkish suffixes need not be listed);
//! - a `word` entry matches a text word whose skeleton equals the term's, or whose part before an
//!   apostrophe does (`piç'in`);
//! - a `phrase` entry matches consecutive words, every word but the last as `word`, the last as
//!   `root` (`ananı sikeyim` matches `ananı sikeyimm`);
//! - a `stem` entry matches a text word made of the term and Turkish noun suffixes only (`kürt`
//!   matches `Kürtlerin`, `Kürtçe`, not `kürtaj`).
//!
//! A `*` in a text word masks up to two letters (`s*keyim`, `f*ck`). The built-in lexicons are
//! embedded and parsed once ([`Lexicons::builtin`]); a site's own words are compiled with
//! [`Lexicon::from_terms`].
//!
//! ```
//! use suzgec_core::lexicon::{AbuseCategory, Lexicons};
//! use suzgec_core::text::Analysis;
//!
//! let lexicons = Lexicons::builtin().unwrap();
//! let analysis = Analysis::new("Şerefsizler yine zam yaptı", None);
//! let hits = lexicons.turkish.find(&analysis);
//! assert_eq!(hits[0].entry.tag.category, AbuseCategory::Insult);
//! ```

use rustc_hash::FxHashMap;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::LazyLock;

use crate::text::{Analysis, skeleton_of};

/// The Turkish abuse lexicon (`tr.tsv`): applies to Turkish and Azerbaijani comments.
const TR_TSV: &str = include_str!("../../../data/lexicons/tr.tsv");
/// The English abuse lexicon (`en.tsv`): applies to every comment.
const EN_TSV: &str = include_str!("../../../data/lexicons/en.tsv");
/// Belief targets and belief-specific hostile terms (`belief_targets.tsv`): every comment.
const BELIEF_TSV: &str = include_str!("../../../data/lexicons/belief_targets.tsv");
/// Groups, hostile predicates and the words of stance in Turkish (`hate_tr.tsv`).
const HATE_TR_TSV: &str = include_str!("../../../data/lexicons/hate_tr.tsv");
/// Groups, hostile predicates and the words of stance in English (`hate_en.tsv`).
const HATE_EN_TSV: &str = include_str!("../../../data/lexicons/hate_en.tsv");

/// A lexicon file that cannot be read: which file, which line, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    /// The file's name.
    pub file: String,
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong with the line.
    pub message: String,
}

/// How a term is compared with the text's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// A word that starts with the term (suffixes allowed).
    Root,
    /// A word equal to the term, optionally with an apostrophe suffix.
    Word,
    /// Consecutive words; the last takes suffixes.
    Phrase,
    /// A word made of the term and Turkish noun suffixes (plural, possessive, case, copula).
    Stem,
}

impl FromStr for MatchKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "root" => Ok(MatchKind::Root),
            "word" => Ok(MatchKind::Word),
            "phrase" => Ok(MatchKind::Phrase),
            "stem" => Ok(MatchKind::Stem),
            other => Err(format!(
                "unknown match type `{other}` (root, word, phrase or stem)"
            )),
        }
    }
}

/// The kinds of abuse the lexicons list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AbuseCategory {
    /// Profanity (küfür).
    Swearing,
    /// Name-calling (hakaret).
    Insult,
    /// Ethnic, religious, sexual-orientation, gender-identity and disability slurs.
    Slur,
    /// Obscene, sexual harassment.
    Sexual,
    /// Violent threats and incitement.
    Threat,
    /// Calling people animals, vermin, herds.
    Dehumanising,
}

impl FromStr for AbuseCategory {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "swearing" => AbuseCategory::Swearing,
            "insult" => AbuseCategory::Insult,
            "slur" => AbuseCategory::Slur,
            "sexual" => AbuseCategory::Sexual,
            "threat" => AbuseCategory::Threat,
            "dehumanising" => AbuseCategory::Dehumanising,
            other => return Err(format!("unknown category `{other}`")),
        })
    }
}

/// How bad an abuse entry is: 1 mild or ambiguous (review), 2 clear (reject), 3 severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Severity(u8);

impl Severity {
    /// Mild or ambiguous.
    pub const MILD: Severity = Severity(1);
    /// Clear insult or profanity.
    pub const CLEAR: Severity = Severity(2);
    /// Slurs, family curses, threats.
    pub const SEVERE: Severity = Severity(3);

    /// The level, 1 to 3.
    pub fn level(self) -> u8 {
        self.0
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "1" => Ok(Severity::MILD),
            "2" => Ok(Severity::CLEAR),
            "3" => Ok(Severity::SEVERE),
            other => Err(format!("severity must be 1, 2 or 3, not `{other}`")),
        }
    }
}

/// What an abuse entry says about its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbuseTag {
    /// The kind of abuse.
    pub category: AbuseCategory,
    /// How bad it is.
    pub severity: Severity,
}

/// What a belief entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BeliefKind {
    /// A religion or belief system.
    Religion,
    /// A prophet, saint, god.
    HolyFigure,
    /// A holy book.
    Book,
    /// A place of worship or a holy place.
    Place,
    /// The believers.
    Believers,
    /// Clergy.
    Clergy,
    /// A belief-specific hostile term (`yobaz`, `gavur`, `infidel`): hostility by itself.
    HostileTerm,
}

impl FromStr for BeliefKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "religion" => BeliefKind::Religion,
            "holy_figure" => BeliefKind::HolyFigure,
            "book" => BeliefKind::Book,
            "place" => BeliefKind::Place,
            "believers" => BeliefKind::Believers,
            "clergy" => BeliefKind::Clergy,
            "hostile_term" => BeliefKind::HostileTerm,
            other => return Err(format!("unknown belief kind `{other}`")),
        })
    }
}

/// What a belief entry says about its term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeliefTag {
    /// The religion (`islam`, `christianity`, …, `general`).
    pub religion: String,
    /// What the term names.
    pub kind: BeliefKind,
}

/// What a hate-lexicon entry (`hate_tr.tsv`, `hate_en.tsv`) is for in a sentence about a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HateKind {
    /// A protected group other than a belief (`Kürtler`, `göçmenler`, `women`).
    Group,
    /// Disease, vermin, parasite, filth, invasion, herd, treason (`mikrop`, `asalak`, `vermin`).
    Dehumanising,
    /// A demeaning attribute (`tembel`, `hırsız`, `lazy`).
    Derogatory,
    /// A hostile feeling (`nefret`, `hate`).
    Emotion,
    /// A verb of violence or expulsion, hostile in a call (`temizlenmeli`, `should be deported`).
    Violent,
    /// A praise that derogates when negated (`adam olmaz`, `never any good`).
    Positive,
    /// A word that makes a statement about every member (`hepsi`, `all`).
    Generaliser,
    /// A pronoun that may point back to a group named before (`bunlar`, `they`).
    Pronoun,
    /// A negation word (`değil`, `asla`, `not`).
    Negation,
    /// A word that makes a belief's name an ideology open to criticism (`siyasal`, `radical`).
    Ideology,
    /// A verb of saying: the words it reports are someone else's (`diyenler`, `saying`).
    Reporting,
    /// The commenter condemns (`utanmalı`, `nefret söylemi`, `racist`).
    Condemnation,
    /// The commenter agrees (`haklı`, `diyorum`, `well said`).
    Endorsement,
    /// An institution or what it does (`hükümet`, `Diyanet`, `politika`, `council`, `decision`).
    Institution,
    /// A person spoken of or to (`sen`, `bakan`, `you`, `minister`).
    Person,
}

impl FromStr for HateKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "group" => HateKind::Group,
            "dehumanising" => HateKind::Dehumanising,
            "derogatory" => HateKind::Derogatory,
            "emotion" => HateKind::Emotion,
            "violent" => HateKind::Violent,
            "positive" => HateKind::Positive,
            "generaliser" => HateKind::Generaliser,
            "pronoun" => HateKind::Pronoun,
            "negation" => HateKind::Negation,
            "ideology" => HateKind::Ideology,
            "reporting" => HateKind::Reporting,
            "condemnation" => HateKind::Condemnation,
            "endorsement" => HateKind::Endorsement,
            "institution" => HateKind::Institution,
            "person" => HateKind::Person,
            other => return Err(format!("unknown hate kind `{other}`")),
        })
    }
}

/// What a hate-lexicon entry says about its term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HateTag {
    /// Its part in a sentence about a group.
    pub kind: HateKind,
    /// For groups the group's id (`kurds`, `women`); for predicates a finer kind (`disease`); or `-`.
    pub label: String,
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<T> {
    /// The term as written in the file.
    pub term: String,
    /// The term's skeleton, word by word.
    skeleton: Vec<String>,
    /// How it matches.
    pub kind: MatchKind,
    /// What the file says about it.
    pub tag: T,
}

impl<T> Entry<T> {
    /// The skeleton of the term's last word (a verb's stem, before its ending).
    pub fn last_skeleton(&self) -> &str {
        self.skeleton.last().map_or("", String::as_str)
    }
}

/// A compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon<T> {
    entries: Vec<Entry<T>>,
    // The maps are looked up for every prefix of every word of every comment; their keys are the
    // lexicon's own, never a commenter's, so a fast hash that does not resist chosen keys is safe.
    /// Skeleton → entries matching a whole word.
    words: FxHashMap<String, Vec<usize>>,
    /// Skeleton → entries matching a word start.
    roots: FxHashMap<String, Vec<usize>>,
    /// First word's skeleton → phrase entries.
    phrases: FxHashMap<String, Vec<usize>>,
    /// Skeleton → entries matching a word start followed by noun suffixes.
    stems: FxHashMap<String, Vec<usize>>,
    /// Longest root or stem skeleton, in bytes.
    longest_root: usize,
}

/// One match of a lexicon entry in a comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'l, T> {
    /// The entry that matched.
    pub entry: &'l Entry<T>,
    /// The skeleton words it covers (indices into `analysis.skeleton.words`).
    pub words: Range<usize>,
    /// Code point range in the normalised text.
    pub chars: Range<usize>,
}

impl<T> Lexicon<T> {
    /// Compiles entries.
    pub fn new(entries: Vec<Entry<T>>) -> Self {
        let mut lexicon = Lexicon {
            entries: Vec::new(),
            words: FxHashMap::default(),
            roots: FxHashMap::default(),
            phrases: FxHashMap::default(),
            stems: FxHashMap::default(),
            longest_root: 0,
        };
        for (index, entry) in entries.iter().enumerate() {
            let Some(first) = entry.skeleton.first() else {
                continue;
            };
            let map = match entry.kind {
                MatchKind::Word if entry.skeleton.len() == 1 => &mut lexicon.words,
                MatchKind::Root if entry.skeleton.len() == 1 => {
                    lexicon.longest_root = lexicon.longest_root.max(first.len());
                    &mut lexicon.roots
                }
                MatchKind::Stem if entry.skeleton.len() == 1 => {
                    lexicon.longest_root = lexicon.longest_root.max(first.len());
                    &mut lexicon.stems
                }
                _ => &mut lexicon.phrases,
            };
            map.entry(first.clone()).or_default().push(index);
        }
        lexicon.entries = entries;
        lexicon
    }

    /// The entries.
    pub fn entries(&self) -> &[Entry<T>] {
        &self.entries
    }

    /// Every match in an analysed comment, in text order; overlapping matches are all reported.
    pub fn find<'l>(&'l self, analysis: &Analysis<'_>) -> Vec<Hit<'l, T>> {
        let words = &analysis.skeleton.words;
        let mut stems: Vec<Option<String>> = Vec::with_capacity(words.len());
        for word in words {
            stems.push(stem_skeleton(analysis, word.tokens.clone()));
        }
        let forms = |i: usize| std::iter::once(words[i].text.as_str()).chain(stems[i].as_deref());
        let mut hits = Vec::new();
        let push = |hits: &mut Vec<Hit<'l, T>>, index: usize, range: Range<usize>| {
            hits.push(Hit {
                entry: &self.entries[index],
                chars: words[range.start].chars.start..words[range.end - 1].chars.end,
                words: range,
            });
        };
        for i in 0..words.len() {
            let text = words[i].text.as_str();
            if text.contains('*') {
                for (index, entry) in self.entries.iter().enumerate() {
                    if let Some(len) = self.matches_at(entry, words, &stems, i) {
                        push(&mut hits, index, i..i + len);
                    }
                }
                continue;
            }
            let mut found: Vec<usize> = Vec::new();
            for form in forms(i) {
                if let Some(list) = self.words.get(form) {
                    found.extend(list);
                }
            }
            for end in text
                .char_indices()
                .map(|(at, c)| at + c.len_utf8())
                .take_while(|&end| end <= self.longest_root)
            {
                if let Some(list) = self.roots.get(&text[..end]) {
                    found.extend(list);
                }
                if let Some(list) = self.stems.get(&text[..end])
                    && is_noun_suffixes(&text[end..], text.as_bytes()[end - 1])
                {
                    found.extend(list);
                }
            }
            found.sort_unstable();
            found.dedup();
            if !found.is_empty() && is_compound_part(analysis, i) {
                // `knee-jerk`: a word entry does not match one part of a hyphenated compound.
                found.retain(|&index| self.entries[index].kind == MatchKind::Root);
            }
            for index in found {
                push(&mut hits, index, i..i + 1);
            }
            let mut phrases: Vec<usize> = Vec::new();
            for form in forms(i) {
                if let Some(list) = self.phrases.get(form) {
                    phrases.extend(list);
                }
            }
            phrases.sort_unstable();
            phrases.dedup();
            for index in phrases {
                if let Some(len) = self.matches_at(&self.entries[index], words, &stems, i) {
                    push(&mut hits, index, i..i + len);
                }
            }
        }
        hits
    }

    /// How many words `entry` covers when it matches at word `at`, by the slow path that also
    /// understands `*` masks.
    fn matches_at(
        &self,
        entry: &Entry<T>,
        words: &[crate::text::SkeletonWord],
        stems: &[Option<String>],
        at: usize,
    ) -> Option<usize> {
        let n = entry.skeleton.len();
        if at + n > words.len() {
            return None;
        }
        for (k, term) in entry.skeleton.iter().enumerate() {
            let last = k + 1 == n;
            let as_root = matches!(entry.kind, MatchKind::Root | MatchKind::Stem)
                || (entry.kind == MatchKind::Phrase && last);
            let forms =
                std::iter::once(words[at + k].text.as_str()).chain(stems[at + k].as_deref());
            let mut ok = false;
            for form in forms {
                ok |= glob_match(form.as_bytes(), term.as_bytes(), as_root);
            }
            if !ok {
                return None;
            }
        }
        Some(n)
    }
}

/// Turkish noun suffixes as skeletons (Turkish letters folded), in the order they follow a noun:
/// derivation (`-lı`, `-lık`, `-sız`), plural, possessive, case, copula (present and past). A
/// suffix's first letter may have collapsed into the letter before it (`ateist` + `ten` is
/// `ateisten` as a skeleton). Forms with a buffer `y` (`-ye`, `-yle`) follow a vowel, never a
/// possessive (`Türk` + `i` + `ye` is not a noun: `Türkiye`), and two vowels never meet.
const NOUN_SUFFIX_SLOTS: [&[&str]; 5] = [
    &["li", "lu", "lik", "luk", "lig", "lug", "siz", "suz"],
    &["ler", "lar"],
    &[
        "i", "u", "si", "su", "m", "im", "um", "n", "in", "un", "miz", "imiz", "umuz", "niz",
        "iniz", "unuz", "leri", "lari",
    ],
    &[
        "nin", "nun", "in", "un", "e", "a", "ye", "ya", "ne", "na", "i", "u", "yi", "yu", "ni",
        "nu", "de", "da", "te", "ta", "nde", "nda", "den", "dan", "ten", "tan", "nden", "ndan",
        "le", "la", "yle", "yla", "ki",
    ],
    &[
        "dir", "dur", "tir", "tur", "sin", "sun", "siniz", "sunuz", "yiz", "yuz", "iz", "uz", "di",
        "du", "ti", "tu", "ydi", "ydu", "mis", "mus", "ymis", "ymus", "dirler", "durlar", "ler",
        "lar",
    ],
];

/// Whether `rest` is a sequence of noun suffixes, in their order, after a stem ending in `last`.
fn is_noun_suffixes(rest: &str, last: u8) -> bool {
    fn is_vowel(c: u8) -> bool {
        matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
    }
    fn from(rest: &[u8], last: u8, slot: usize, after_possessive: bool) -> bool {
        if rest.is_empty() {
            return true;
        }
        (slot..NOUN_SUFFIX_SLOTS.len()).any(|k| {
            NOUN_SUFFIX_SLOTS[k].iter().any(|s| {
                let s = s.as_bytes();
                if s[0] == b'y' && (after_possessive || !is_vowel(last)) {
                    return false;
                }
                let tail = if s[0] == last { &s[1..] } else { s };
                [s, tail].into_iter().any(|form| {
                    // Two vowels never meet at a suffix's edge: a buffer `y` or `n` comes
                    // between (`Kürtlerine`, `Suriyeliyi`; not `Mongolia`).
                    let vowels_meet = form.first().is_some_and(|&f| is_vowel(last) && is_vowel(f));
                    !form.is_empty()
                        && !vowels_meet
                        && rest.starts_with(form)
                        && from(&rest[form.len()..], form[form.len() - 1], k + 1, k == 2)
                })
            })
        })
    }
    from(rest.as_bytes(), last, 0, false)
}

/// Whether skeleton word `i` is joined to a neighbour by a hyphen (`knee-jerk`).
fn is_compound_part(analysis: &Analysis<'_>, i: usize) -> bool {
    let words = &analysis.skeleton.words;
    let hyphen_at = |at: usize| analysis.text().chars().nth(at) == Some('-');
    let before = i > 0 && words[i - 1].chars.end + 1 == words[i].chars.start;
    let after = i + 1 < words.len() && words[i].chars.end + 1 == words[i + 1].chars.start;
    (before && hyphen_at(words[i].chars.start - 1)) || (after && hyphen_at(words[i].chars.end))
}

/// The skeleton of the part before an apostrophe, when a word is one token with an apostrophe.
fn stem_skeleton(analysis: &Analysis<'_>, tokens: Range<usize>) -> Option<String> {
    if tokens.len() != 1 {
        return None;
    }
    let token = analysis.tokens.get(tokens.start)?;
    token.apostrophe?;
    let stem = skeleton_of(token.stem(analysis.text()));
    (!stem.is_empty()).then_some(stem)
}

/// Whether the text word `text` (which may hold `*` masks of up to two letters) matches `term`:
/// whole when `prefix` is false, or with any letters after the term when it is true.
fn glob_match(text: &[u8], term: &[u8], prefix: bool) -> bool {
    match (text.split_first(), term.split_first()) {
        (_, None) => prefix || text.is_empty(),
        (None, Some(_)) => false,
        (Some((b'*', rest)), Some(_)) => {
            glob_match(rest, term, prefix)
                || glob_match(rest, &term[1..], prefix)
                || (term.len() >= 2 && glob_match(rest, &term[2..], prefix))
        }
        (Some((&c, rest)), Some((&t, term_rest))) => c == t && glob_match(rest, term_rest, prefix),
    }
}

impl Lexicon<AbuseTag> {
    /// Compiles a site's own terms (`words.block`): each is a whole word or phrase, tagged as `tag`.
    pub fn from_terms<'t>(terms: impl IntoIterator<Item = &'t String>, tag: AbuseTag) -> Self {
        let entries = terms
            .into_iter()
            .filter_map(|term| {
                let skeleton: Vec<String> =
                    skeleton_of(term).split(' ').map(str::to_owned).collect();
                let kind = if skeleton.len() > 1 {
                    MatchKind::Phrase
                } else {
                    MatchKind::Word
                };
                (!skeleton[0].is_empty()).then(|| Entry {
                    term: term.clone(),
                    skeleton,
                    kind,
                    tag,
                })
            })
            .collect();
        Lexicon::new(entries)
    }
}

/// The built-in lexicons.
#[derive(Debug)]
pub struct Lexicons {
    /// `tr.tsv`.
    pub turkish: Lexicon<AbuseTag>,
    /// `en.tsv`.
    pub english: Lexicon<AbuseTag>,
    /// `belief_targets.tsv`.
    pub beliefs: Lexicon<BeliefTag>,
    /// `hate_tr.tsv`.
    pub hate_turkish: Lexicon<HateTag>,
    /// `hate_en.tsv`.
    pub hate_english: Lexicon<HateTag>,
}

static BUILTIN: LazyLock<Result<Lexicons, LexiconError>> = LazyLock::new(|| {
    Ok(Lexicons {
        turkish: Lexicon::new(parse_abuse("tr.tsv", TR_TSV)?),
        english: Lexicon::new(parse_abuse("en.tsv", EN_TSV)?),
        beliefs: Lexicon::new(parse_beliefs("belief_targets.tsv", BELIEF_TSV)?),
        hate_turkish: Lexicon::new(parse_hate("hate_tr.tsv", HATE_TR_TSV)?),
        hate_english: Lexicon::new(parse_hate("hate_en.tsv", HATE_EN_TSV)?),
    })
});

impl Lexicons {
    /// The embedded lexicons, parsed on first use.
    pub fn builtin() -> Result<&'static Lexicons, LexiconError> {
        BUILTIN.as_ref().map_err(Clone::clone)
    }
}

/// The data lines of a TSV file: (line number, fields), comments and blank lines skipped.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

/// Parses one entry's common fields; `tag` parses the two middle columns.
fn parse_entry<T>(
    file: &str,
    line: usize,
    fields: &[&str],
    tag: impl FnOnce(&str, &str) -> Result<T, String>,
) -> Result<Entry<T>, LexiconError> {
    let error = |message: String| LexiconError {
        file: file.to_owned(),
        line,
        message,
    };
    let [term, a, b, kind, ..] = fields else {
        return Err(error(format!(
            "expected at least 4 tab-separated fields, found {}",
            fields.len()
        )));
    };
    let kind: MatchKind = kind.parse().map_err(error)?;
    let skeleton: Vec<String> = skeleton_of(term).split(' ').map(str::to_owned).collect();
    if skeleton.iter().any(String::is_empty) {
        return Err(error(format!("term `{term}` has no letters")));
    }
    if kind != MatchKind::Phrase && skeleton.len() > 1 {
        return Err(error(format!(
            "term `{term}` has several words but is not a phrase"
        )));
    }
    Ok(Entry {
        term: (*term).to_owned(),
        skeleton,
        kind,
        tag: tag(a, b).map_err(error)?,
    })
}

/// Parses `tr.tsv` / `en.tsv`: `term category severity match note`.
pub fn parse_abuse(file: &str, text: &str) -> Result<Vec<Entry<AbuseTag>>, LexiconError> {
    data_lines(text)
        .map(|(line, fields)| {
            parse_entry(file, line, &fields, |category, severity| {
                Ok(AbuseTag {
                    category: category.parse()?,
                    severity: severity.parse()?,
                })
            })
        })
        .collect()
}

/// Parses `belief_targets.tsv`: `term religion kind match note`.
pub fn parse_beliefs(file: &str, text: &str) -> Result<Vec<Entry<BeliefTag>>, LexiconError> {
    data_lines(text)
        .map(|(line, fields)| {
            parse_entry(file, line, &fields, |religion, kind| {
                if religion.is_empty() {
                    return Err("empty religion".into());
                }
                Ok(BeliefTag {
                    religion: religion.to_owned(),
                    kind: kind.parse()?,
                })
            })
        })
        .collect()
}

/// Parses `hate_tr.tsv` / `hate_en.tsv`: `term kind label match note`.
pub fn parse_hate(file: &str, text: &str) -> Result<Vec<Entry<HateTag>>, LexiconError> {
    data_lines(text)
        .map(|(line, fields)| {
            parse_entry(file, line, &fields, |kind, label| {
                if label.is_empty() {
                    return Err("empty label (write `-` for none)".into());
                }
                Ok(HateTag {
                    kind: kind.parse()?,
                    label: label.to_owned(),
                })
            })
        })
        .collect()
}

impl fmt::Display for AbuseCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AbuseCategory::Swearing => "swearing",
            AbuseCategory::Insult => "insult",
            AbuseCategory::Slur => "slur",
            AbuseCategory::Sexual => "sexual",
            AbuseCategory::Threat => "threat",
            AbuseCategory::Dehumanising => "dehumanising",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicons() -> &'static Lexicons {
        Lexicons::builtin().expect("built-in lexicons parse")
    }

    /// The terms both abuse lexicons find in `text`, whatever its language.
    fn abuse_terms(text: &str) -> Vec<String> {
        let analysis = Analysis::new(text, None);
        let l = lexicons();
        l.turkish
            .find(&analysis)
            .into_iter()
            .chain(l.english.find(&analysis))
            .map(|h| h.entry.term.clone())
            .collect()
    }

    #[test]
    fn every_entry_of_the_built_in_lexicons_parses() {
        assert_eq!(parse_abuse("tr.tsv", TR_TSV).expect("tr").len(), 382);
        assert_eq!(parse_abuse("en.tsv", EN_TSV).expect("en").len(), 236);
        assert_eq!(
            parse_beliefs("belief_targets.tsv", BELIEF_TSV)
                .expect("beliefs")
                .len(),
            270
        );
        assert_eq!(
            parse_hate("hate_tr.tsv", HATE_TR_TSV).expect("tr").len(),
            639
        );
        assert_eq!(
            parse_hate("hate_en.tsv", HATE_EN_TSV).expect("en").len(),
            621
        );
    }

    #[test]
    fn a_bad_line_is_an_error_with_file_and_line() {
        let error = parse_abuse("x.tsv", "# c\nsalak\tinsult\t9\troot\n").expect_err("bad");
        assert_eq!(error.line, 2);
        assert_eq!(
            error.to_string(),
            "x.tsv:2: severity must be 1, 2 or 3, not `9`"
        );
        assert!(parse_abuse("x.tsv", "salak\tinsult\n").is_err());
        assert!(parse_abuse("x.tsv", "a b\tinsult\t1\tword\n").is_err());
        assert!(parse_beliefs("x.tsv", "hoca\tislam\tpriest\tword\n").is_err());
    }

    #[test]
    fn roots_take_turkish_suffixes() {
        for text in ["siktir", "siktirin", "siktirip"] {
            assert!(abuse_terms(text).contains(&"siktir".to_owned()), "{text}");
        }
        for text in ["orospu", "orospular", "orospuluk"] {
            assert!(abuse_terms(text).contains(&"orospu".to_owned()), "{text}");
        }
        for text in ["gerizekalı", "gerizekalılar", "gerizekalısın"] {
            assert!(
                abuse_terms(text).contains(&"gerizekalı".to_owned()),
                "{text}"
            );
        }
    }

    #[test]
    fn word_entries_match_whole_words_and_apostrophe_suffixes_only() {
        assert!(abuse_terms("bu ne amk").contains(&"amk".to_owned()));
        assert!(abuse_terms("amkara").is_empty());
        assert!(abuse_terms("göt'ün").contains(&"göt".to_owned()));
        assert!(abuse_terms("götürmek").is_empty());
    }

    #[test]
    fn phrases_match_consecutive_words_with_a_suffix_on_the_last() {
        let terms = abuse_terms("ananı sikeyimmm");
        assert!(terms.contains(&"ananı sikeyim".to_owned()), "{terms:?}");
        assert!(!abuse_terms("ananı çok seviyorum").contains(&"ananı sikeyim".to_owned()));
    }

    #[test]
    fn masks_stand_for_up_to_two_letters() {
        assert!(glob_match(b"s*keyim", b"sikeyim", false));
        assert!(glob_match(b"f*ck", b"fuck", true));
        assert!(glob_match(b"s*t", b"shit", false));
        assert!(!glob_match(b"s*t", b"sapkin", false));
        assert!(abuse_terms("s*keyim").contains(&"sikeyim".to_owned()));
    }

    #[test]
    fn hits_cover_the_obfuscated_text() {
        let text = "👍🏽 bu o r o s p u";
        let analysis = Analysis::new(text, None);
        let hits = lexicons().turkish.find(&analysis);
        let span = analysis.span(hits[0].chars.clone(), None);
        assert_eq!((span.start, span.end), (6, 17));
        assert_eq!(span.text, "o r o s p u");
    }

    #[test]
    fn site_terms_are_whole_words_or_phrases() {
        let tag = AbuseTag {
            category: AbuseCategory::Swearing,
            severity: Severity::CLEAR,
        };
        let site = Lexicon::from_terms(&["Hıyar".to_owned(), "kıro herif".to_owned()], tag);
        let found = |t: &str| site.find(&Analysis::new(t, None)).len();
        assert_eq!(found("sen bir HIYARSIN"), 0);
        assert_eq!(found("sen bir hıyar"), 1);
        assert_eq!(found("kıro herifler"), 1);
    }

    const CLEAN: &str = include_str!("../../../data/lexicons/clean.txt");
    const OBFUSCATED: &str = include_str!("../../../data/lexicons/obfuscated.txt");

    #[test]
    fn no_clean_word_matches_either_abuse_lexicon() {
        let mut hits = Vec::new();
        let mut items = 0;
        for (_, fields) in data_lines(CLEAN) {
            items += 1;
            let terms = abuse_terms(fields[0]);
            if !terms.is_empty() {
                hits.push(format!("{} -> {terms:?}", fields[0]));
            }
        }
        assert_eq!(items, 408);
        assert!(hits.is_empty(), "{} clean items hit: {hits:#?}", hits.len());
    }

    #[test]
    fn at_least_95_percent_of_obfuscated_forms_match_their_term() {
        let mut missed = Vec::new();
        let mut items = 0;
        for (_, fields) in data_lines(OBFUSCATED) {
            items += 1;
            let want = skeleton_of(fields[1]);
            let terms = abuse_terms(fields[0]);
            if !terms.iter().any(|t| skeleton_of(t) == want) {
                missed.push(format!("{} -> {terms:?} (want {})", fields[0], fields[1]));
            }
        }
        let caught = 1.0 - missed.len() as f64 / items as f64;
        assert_eq!(items, 302);
        // Measured: 301 of 302 (`g3r1z3kal1` ends on a leet digit); the issue's target is 95%.
        assert!(caught >= 0.95, "{caught:.3} caught; missed: {missed:#?}");
        assert!(missed.len() <= 1, "{caught:.3} caught; missed: {missed:#?}");
        eprintln!("obfuscated caught {caught:.4}; missed {missed:?}");
    }
}
