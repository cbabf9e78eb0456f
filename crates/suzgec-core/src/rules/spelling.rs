//! `spelling`: comments "not written with spelling rules" ("imla kuralları ile yazılmamış").
//!
//! Words are checked by `suzgec-spell` (hunspell `tr_TR`/`en_US` with a reviewed supplement, names
//! and acronyms skipped, a curated list of frequent misspellings and colloquial spellings, the
//! apostrophe after proper nouns); the Turkish orthography rules that need the neighbouring words
//! (`de/da`, `ki`, `mı`) are in [`crate::text::orthography`]. A word typed only without its Turkish
//! letters (`cok`) is the `no_turkish_chars` rule's business and is not reported here.
//!
//! A newsroom does not refuse a comment for one typo: the rule fires when the errors reach
//! `min_errors` and `min_share` of the words. Every error is a span whose replacement is the top
//! suggestion, so the author can accept the corrected text in one click.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::Deserialize;
use suzgec_spell::case::folded;
use suzgec_spell::{Check, ErrorKind, Speller};

use super::{BuildContext, Finding, Outcome, Rule};
use crate::Error;
use crate::policy::Policy;
use crate::text::acronyms::{self, Acronyms};
use crate::text::orthography::{self, Clitic, is_vowel};
use crate::text::{Analysis, CaseRules, Gap, TokenKind};
use crate::verdict::{Language, Message, RuleId};

/// The rule's own parameters in the policy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    /// Errors a comment may have before the rule fires.
    #[serde(default = "default_min_errors")]
    min_errors: usize,
    /// Share of the comment's words that must be wrong before the rule fires.
    #[serde(default = "default_min_share")]
    min_share: f32,
}

fn default_min_errors() -> usize {
    2
}

fn default_min_share() -> f32 {
    0.1
}

/// What kind of spelling error: a word on its own, or a clitic written the wrong way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SpellingErrorKind {
    /// A misspelled word (`suzgec-spell`'s kinds).
    Misspelling,
    /// A listed frequent misspelling (`herkez`).
    ListedMisspelling,
    /// A colloquial spelling (`gidiyom`).
    Colloquial,
    /// A proper noun's suffix without its apostrophe (`Türkiyenin`).
    ProperNounApostrophe,
    /// An apostrophe on a common noun (`okul'da`).
    CommonNounApostrophe,
    /// A proper noun in lower case (`ankara`).
    ProperNounCase,
    /// The conjunction `de/da` fused, hardened (`te/ta`) or out of harmony.
    ConjunctionDeDa,
    /// The conjunction `ki` fused, or the suffix `-ki` written apart.
    ConjunctionKi,
    /// The question particle fused or out of harmony.
    QuestionParticle,
}

impl SpellingErrorKind {
    /// A stable snake_case name (the CLI's `kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            SpellingErrorKind::Misspelling => "misspelling",
            SpellingErrorKind::ListedMisspelling => "listed_misspelling",
            SpellingErrorKind::Colloquial => "colloquial",
            SpellingErrorKind::ProperNounApostrophe => "proper_noun_apostrophe",
            SpellingErrorKind::CommonNounApostrophe => "common_noun_apostrophe",
            SpellingErrorKind::ProperNounCase => "proper_noun_case",
            SpellingErrorKind::ConjunctionDeDa => "conjunction_de_da",
            SpellingErrorKind::ConjunctionKi => "conjunction_ki",
            SpellingErrorKind::QuestionParticle => "question_particle",
        }
    }

    fn of_word(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::Misspelling => SpellingErrorKind::Misspelling,
            ErrorKind::Listed => SpellingErrorKind::ListedMisspelling,
            ErrorKind::Colloquial => SpellingErrorKind::Colloquial,
            ErrorKind::ProperNounApostrophe => SpellingErrorKind::ProperNounApostrophe,
            ErrorKind::CommonNounApostrophe => SpellingErrorKind::CommonNounApostrophe,
            ErrorKind::ProperNounCase => SpellingErrorKind::ProperNounCase,
        }
    }

    fn of_clitic(clitic: Clitic) -> Self {
        match clitic {
            Clitic::DeDa => SpellingErrorKind::ConjunctionDeDa,
            Clitic::Ki => SpellingErrorKind::ConjunctionKi,
            Clitic::Mi => SpellingErrorKind::QuestionParticle,
        }
    }

    /// The rule the error breaks, in Turkish and English, quoting TDK's guide.
    fn rule_text(self) -> (&'static str, &'static str) {
        match self {
            SpellingErrorKind::Misspelling => (
                "Yanlış yazılmış kelimeler var.",
                "Some words are misspelled.",
            ),
            SpellingErrorKind::ListedMisspelling => (
                "Sık yapılan yazım yanlışları var (ör. \"herkez\" değil \"herkes\", \"birşey\" değil \"bir şey\").",
                "Some words have frequent misspellings (e.g. \"herkes\", not \"herkez\"; \"bir şey\", not \"birşey\").",
            ),
            SpellingErrorKind::Colloquial => (
                "Konuşma dili yazıya geçirilmiş (ör. \"gidiyom\" değil \"gidiyorum\").",
                "Speech is written down as spoken (e.g. \"gidiyorum\", not \"gidiyom\").",
            ),
            SpellingErrorKind::ProperNounApostrophe => (
                "TDK: Özel adlara getirilen çekim ekleri kesme işaretiyle ayrılır (\"Türkiye'nin\").",
                "TDK: inflectional suffixes on proper nouns are separated by an apostrophe (\"Türkiye'nin\").",
            ),
            SpellingErrorKind::CommonNounApostrophe => (
                "TDK: Cins adlara gelen ekler kesme işaretiyle ayrılmaz (\"okulda\").",
                "TDK: suffixes on common nouns take no apostrophe (\"okulda\").",
            ),
            SpellingErrorKind::ProperNounCase => (
                "TDK: Özel adlar büyük harfle başlar (\"Ankara\").",
                "TDK: proper nouns start with a capital letter (\"Ankara\").",
            ),
            SpellingErrorKind::ConjunctionDeDa => (
                "TDK: Bağlaç olan \"de/da\" ayrı yazılır ve \"te/ta\" biçimine girmez (\"Ben de geleceğim\").",
                "TDK: the conjunction \"de/da\" (too) is written apart and never as \"te/ta\" (\"Ben de geleceğim\").",
            ),
            SpellingErrorKind::ConjunctionKi => (
                "TDK: Bağlaç olan \"ki\" ayrı yazılır (\"Diyor ki\"); \"belki, çünkü, sanki, oysaki, hâlbuki, mademki\" bitişik yazılır.",
                "TDK: the conjunction \"ki\" is written apart (\"Diyor ki\"), except in \"belki, çünkü, sanki, oysaki, hâlbuki, mademki\".",
            ),
            SpellingErrorKind::QuestionParticle => (
                "TDK: Soru eki \"mı/mi/mu/mü\" ayrı yazılır ve önceki kelimenin ünlüsüne uyar (\"Geliyor musun?\").",
                "TDK: the question particle \"mı/mi/mu/mü\" is written apart, in vowel harmony with the word before (\"Geliyor musun?\").",
            ),
        }
    }
}

/// One spelling error in a comment.
#[derive(Debug, Clone, PartialEq)]
pub struct SpellingError {
    /// Code point range in the analysis's normalised text ([`Analysis::text`]).
    pub chars: Range<usize>,
    /// The text of that range.
    pub word: String,
    /// What kind of error.
    pub kind: SpellingErrorKind,
    /// Corrections, best first (the first is the rule's replacement); may be empty.
    pub suggestions: Vec<String>,
}

/// The `spelling` rule.
pub struct Spelling {
    settings: Settings,
    acronyms: Acronyms,
}

impl Spelling {
    /// Builds the rule from its policy section.
    pub fn new(context: &BuildContext<'_>) -> Result<Self, Error> {
        let settings: Settings = context.settings.params(RuleId::Spelling)?;
        Ok(Spelling {
            settings,
            acronyms: Acronyms::new(&context.policy.words.acronyms),
        })
    }

    /// Builds the rule from a policy's `spelling` section (its defaults when there is none).
    pub fn from_policy(policy: &Policy) -> Result<Self, Error> {
        let settings = match policy.rules.get(&RuleId::Spelling) {
            Some(settings) => settings.params(RuleId::Spelling)?,
            None => Settings {
                min_errors: default_min_errors(),
                min_share: default_min_share(),
            },
        };
        Ok(Spelling {
            settings,
            acronyms: Acronyms::new(&policy.words.acronyms),
        })
    }

    /// Loads the dictionaries and the suggestion index now.
    pub fn warm_up() {
        Speller::turkish().warm_up();
        Speller::english();
    }

    /// Every spelling error in the comment, whatever the tolerance, with up to `max_suggestions`
    /// corrections each. Turkish and English text only.
    pub fn errors(&self, text: &Analysis<'_>, max_suggestions: usize) -> Vec<SpellingError> {
        self.find_errors(text, Some(max_suggestions))
    }

    /// [`Spelling::errors`], or with `search: None` the same pass without the search for
    /// corrections (the costly part): each word that would need one is then an error without
    /// suggestions, so the count is at least that of the errors with a correction.
    fn find_errors(&self, text: &Analysis<'_>, search: Option<usize>) -> Vec<SpellingError> {
        let turkish = match text.language() {
            Language::Tr => true,
            Language::En => false,
            Language::Az | Language::Other => return Vec::new(),
        };
        let speller = if turkish {
            Speller::turkish()
        } else {
            Speller::english()
        };
        let case = text.case_rules();
        let normalized = text.text();
        let tokens = &text.tokens;
        let mut out: Vec<SpellingError> = Vec::new();
        let error = |chars: Range<usize>, kind, suggestions| SpellingError {
            word: normalized
                .chars()
                .skip(chars.start)
                .take(chars.len())
                .collect(),
            chars,
            kind,
            suggestions,
        };
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Word {
                continue;
            }
            let word = token.text(normalized);
            let lower = case.lower(word);
            let on_word = |kind, suggestions| error(token.chars.clone(), kind, suggestions);
            if i > 0
                && token.gap_before == Gap::None
                && tokens[i - 1].kind == TokenKind::Punct
                && tokens[i - 1]
                    .text(normalized)
                    .starts_with(crate::text::token::is_apostrophe)
            {
                // A suffix after an apostrophe the tokenizer could not attach (`44.625$'dan`).
                continue;
            }
            let check = speller.check(word);
            if turkish
                && let Some((chars, kind, fix)) =
                    standalone_clitic(text, speller, &self.acronyms, i, &lower, &check)
            {
                // A fix that spans the previous word replaces an error reported on it.
                if out.last().is_some_and(|e| e.chars.end > chars.start) {
                    out.pop();
                }
                out.push(error(chars, kind, vec![fix]));
                continue;
            }
            if turkish
                && check == Check::Skipped
                && word.chars().next().is_some_and(char::is_uppercase)
                && !word.chars().skip(1).any(char::is_uppercase)
                && let Some((clitic @ (Clitic::Ki | Clitic::Mi), fix)) =
                    orthography::split_fused(speller, word, &lower)
            {
                // A capitalised word the dictionary lacks is usually a name, but not when it is
                // a word with `ki` or `mı` fused (`Diyorki`, `Güzelmi`); names end in `-de` too
                // (`Hande`), so that one is not tried.
                out.push(on_word(SpellingErrorKind::of_clitic(clitic), vec![fix]));
                continue;
            }
            if turkish && let Some(fix) = acronym_suffix_out_of_harmony(word) {
                out.push(on_word(SpellingErrorKind::ProperNounApostrophe, vec![fix]));
                continue;
            }
            if turkish
                && matches!(check, Check::Skipped | Check::Wrong { fix: None, .. })
                && let Some(fix) = acronym_with_suffix(&self.acronyms, word)
            {
                out.push(on_word(SpellingErrorKind::ProperNounApostrophe, vec![fix]));
                continue;
            }
            match check {
                Check::Correct | Check::Skipped => {
                    if turkish && let Some(fix) = name_before_title(text, speller, i) {
                        out.push(on_word(SpellingErrorKind::ProperNounCase, vec![fix]));
                    } else if turkish
                        && lower.ends_with("de")
                        && let Some(fix) =
                            orthography::pronoun_de(word, &lower, &clause_after(text, i), case)
                    {
                        out.push(on_word(SpellingErrorKind::ConjunctionDeDa, vec![fix]));
                    }
                }
                Check::Wrong {
                    kind,
                    fix: Some(fix),
                } => {
                    out.push(on_word(SpellingErrorKind::of_word(kind), vec![fix]));
                }
                Check::Wrong { fix: None, .. } if reduplicated(text, i, &lower) => {
                    // An unknown word said twice is a reduplication (`vır vır`, `didik didik`),
                    // an idiom rather than a typo made twice.
                }
                Check::Wrong { kind, fix: None } => {
                    // A clitic fused and lengthened (`belkideee` → `belki de`).
                    let squeezed = squeeze_lengthened(&lower);
                    let fused = |w: &str, l: &str| orthography::split_fused(speller, w, l);
                    let split = fused(word, &lower).or_else(|| {
                        (squeezed != lower)
                            .then(|| fused(&squeezed, &squeezed))
                            .flatten()
                    });
                    if turkish && let Some((clitic, fix)) = split {
                        out.push(on_word(SpellingErrorKind::of_clitic(clitic), vec![fix]));
                        continue;
                    }
                    let Some(max_suggestions) = search else {
                        out.push(on_word(SpellingErrorKind::of_word(kind), Vec::new()));
                        continue;
                    };
                    let mut suggestions = speller.suggest(word, max_suggestions.max(1));
                    if turkish
                        && suggestions.is_empty()
                        && let Some(restored) = with_turkish_letters(word)
                    {
                        // A rare form typed without its Turkish letters and misspelled too
                        // (`keyflenebilecegin`, `gormesende`): corrected from its restored
                        // letters.
                        match speller.check(&restored) {
                            // Only Turkish letters missing: `no_turkish_chars` reports it.
                            Check::Correct | Check::Skipped => continue,
                            Check::Wrong { fix: Some(fix), .. } => suggestions = vec![fix],
                            Check::Wrong { fix: None, .. } => {
                                let restored_lower = case.lower(&restored);
                                if let Some((clitic, fix)) = fused(&restored, &restored_lower) {
                                    out.push(on_word(
                                        SpellingErrorKind::of_clitic(clitic),
                                        vec![fix],
                                    ));
                                    continue;
                                }
                                suggestions = speller.suggest(&restored, max_suggestions.max(1));
                            }
                        }
                    }
                    let mut kind = SpellingErrorKind::of_word(kind);
                    if turkish
                        && let Some(best) = suggestions.first()
                        && folded(&case.lower(best)) == folded(&lower)
                    {
                        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
                        if capital(best) == capital(word) {
                            // Only Turkish letters missing: `no_turkish_chars` reports it.
                            continue;
                        }
                        // A name in lower case, its letters missing too (`turk` → `Türk`).
                        kind = SpellingErrorKind::ProperNounCase;
                    }
                    suggestions.truncate(max_suggestions);
                    out.push(on_word(kind, suggestions));
                }
            }
        }
        out
    }
}

/// `word` with its Turkish letters restored, when it has none and restoring changes it.
fn with_turkish_letters(word: &str) -> Option<String> {
    if crate::text::lang::has_turkish_letter(word) {
        return None;
    }
    let restored = suzgec_restore::Restorer::embedded().restore(word);
    (restored != word).then_some(restored)
}

/// `lower` with a letter typed three times or more, or doubled at the end, cut to one
/// (`belkideee` → `belkide`); unchanged otherwise.
fn squeeze_lengthened(lower: &str) -> String {
    // A dotted capital İ lowered as `i` and a combining dot.
    let chars: Vec<char> = lower.replace("i\u{307}", "i").chars().collect();
    let tripled = chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]);
    let doubled_end = chars.len() >= 2 && chars[chars.len() - 1] == chars[chars.len() - 2];
    if !tripled && !doubled_end {
        return lower.to_owned();
    }
    let mut out = String::with_capacity(lower.len());
    let mut prev = None;
    for c in chars {
        if prev != Some(c) {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// Whether the word at token `at` is repeated right before or after it, without a doubled letter.
fn reduplicated(text: &Analysis<'_>, at: usize, lower: &str) -> bool {
    let case = text.case_rules();
    let same = |j: usize| {
        text.tokens
            .get(j)
            .is_some_and(|t| t.kind == TokenKind::Word && case.lower(t.text(text.text())) == lower)
    };
    // A repeated letter (`enn enn`) is a typed emphasis, not an idiom.
    let doubled = lower
        .chars()
        .zip(lower.chars().skip(1))
        .any(|(a, b)| a == b);
    !doubled && ((at > 0 && same(at - 1)) || same(at + 1))
}

/// Whether a token ends a clause (the verb of a Turkish clause comes last): punctuation or a
/// conjunction that joins clauses.
fn ends_clause(text: &Analysis<'_>, at: usize) -> bool {
    let token = &text.tokens[at];
    let word = token.text(text.text());
    match token.kind {
        TokenKind::Punct => matches!(
            word,
            "." | "," | ";" | ":" | "!" | "?" | "…" | "-" | "–" | "—" | "(" | ")"
        ),
        TokenKind::Word => matches!(
            text.case_rules().lower(word).as_str(),
            "ama"
                | "fakat"
                | "ancak"
                | "lakin"
                | "ve"
                | "veya"
                | "yoksa"
                | "çünkü"
                | "ki"
                | "oysa"
                | "halbuki"
                | "hâlbuki"
                | "ise"
        ),
        _ => false,
    }
}

/// The words of the clause after token `at` (up to punctuation, a clause-joining conjunction or
/// the end), in lower case.
fn clause_after(text: &Analysis<'_>, at: usize) -> Vec<String> {
    let case = text.case_rules();
    let mut words = Vec::new();
    for j in at + 1..text.tokens.len() {
        if ends_clause(text, j) {
            break;
        }
        if text.tokens[j].kind == TokenKind::Word {
            words.push(case.lower(text.tokens[j].text(text.text())));
        }
    }
    words
}

/// A clitic written as its own word, wrongly: `te/ta` (`Ahmet te` → `Ahmet de`), `de/da` or
/// `mı` out of harmony (`ben da`, `geliyor misin`), `-ki` after a time word apart (`bugün ki` →
/// `bugünkü`). Returns the range to replace, the kind and the fix.
fn standalone_clitic(
    text: &Analysis<'_>,
    speller: &Speller,
    acronyms: &Acronyms,
    at: usize,
    lower: &str,
    check: &Check,
) -> Option<(Range<usize>, SpellingErrorKind, String)> {
    if at == 0 {
        return None;
    }
    let token = &text.tokens[at];
    let prev = &text.tokens[at - 1];
    if !matches!(prev.kind, TokenKind::Word | TokenKind::Number) || token.gap_before != Gap::Space {
        return None;
    }
    let case = text.case_rules();
    let prev_word = prev.text(text.text());
    let prev_lower = case.lower(prev_word);
    let next_lower = text
        .tokens
        .get(at + 1)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| case.lower(t.text(text.text())));
    let prev_correct = || speller.check(prev_word) == Check::Correct;
    // A name the dictionary lacks (`Ahmet te`) still shows which vowel the clitic takes; an
    // acronym's (`CHP de`) depends on how it is read.
    let prev_name = || {
        !prev_word.chars().skip(1).any(char::is_uppercase)
            && speller.check(prev_word) == Check::Skipped
    };
    if let Some(found) = split_word(text, speller, acronyms, at, &prev_lower, lower, check) {
        return Some(found);
    }
    if prev.kind != TokenKind::Word {
        return None;
    }
    match lower {
        "te" | "ta" | "de" | "da" => {
            let vowel = orthography::low_vowel(&prev_lower)?;
            let fix = format!("d{vowel}");
            let hardened = lower.starts_with('t');
            if hardened && lower == "ta" {
                // `ta` is also an adverb (`ta kendisi`, `ta ki`): only after a voiceless consonant.
                let voiceless = prev_lower
                    .chars()
                    .last()
                    .is_some_and(|c| "pçtksşhf".contains(c));
                if !voiceless || next_lower.as_deref() == Some("ki") {
                    return None;
                }
            }
            if (hardened || fix != lower) && (prev_correct() || prev_name()) {
                return Some((token.chars.clone(), SpellingErrorKind::ConjunctionDeDa, fix));
            }
            None
        }
        _ if lower == "tabi"
            && !dative_like(&prev_lower)
            && !text.tokens.get(at + 1).is_some_and(|t| {
                let next = case.lower(t.text(text.text()));
                next.starts_with("ol") || next.starts_with("tut") || next == "ki"
            }) =>
        {
            // `tabi` means "subject to" after a dative (`kanuna tabi`) or before `olmak`/`tutmak`;
            // elsewhere it is `tabii` ("of course").
            let fix = if token.text(text.text()).starts_with('T') {
                "Tabii"
            } else {
                "tabii"
            };
            Some((
                token.chars.clone(),
                SpellingErrorKind::ListedMisspelling,
                fix.to_owned(),
            ))
        }
        "ki" if prev_lower == "tabi" => {
            // `tabi` ("subject to") is a word; before `ki` it is `tabii` ("of course").
            let fix = if prev_word.starts_with('T') {
                "Tabii"
            } else {
                "tabii"
            };
            Some((
                prev.chars.clone(),
                SpellingErrorKind::ListedMisspelling,
                fix.to_owned(),
            ))
        }
        "ki" => {
            let (_, fused) = orthography::TIME_KI
                .iter()
                .find(|(time, _)| *time == prev_lower)?;
            let fused = if prev_word.chars().next().is_some_and(char::is_uppercase) {
                case.capitalize(fused)
            } else {
                (*fused).to_owned()
            };
            Some((
                prev.chars.start..token.chars.end,
                SpellingErrorKind::ConjunctionKi,
                fused,
            ))
        }
        _ if orthography::is_mi_form(lower) => {
            let fix = orthography::harmonize_mi(lower, &prev_lower)?;
            // `mi` for `mı` is a missing Turkish letter: `no_turkish_chars` reports it.
            if folded(&fix) != folded(lower) && prev_correct() {
                return Some((
                    token.chars.clone(),
                    SpellingErrorKind::QuestionParticle,
                    fix,
                ));
            }
            None
        }
        _ => None,
    }
}

/// Words said after a person's name (`Kadir abi`, `Hande hanım`, `Ahmet Bey`).
const TITLES: &[&str] = &[
    "bey", "hanım", "hnm", "abi", "abla", "hoca", "hocam", "amca", "teyze", "efendi", "paşa",
    "usta", "dayı", "enişte", "yenge",
];

/// Words the dictionary also lists as names that are said before a title as what they mean
/// (`genç abi`, `sevgili hocam`, `hacı amca`).
const NOT_NAMES_BEFORE_TITLES: &[&str] = &["genç", "tatlı", "sevgili", "koca", "hacı"];

/// A name written in lower case before a title (`kadir abinin` → `Kadir`, `hande hnm` →
/// `Hande`) where the word is also a common word the dictionary accepts in lower case (`kadir`
/// "worth"); the capitalised word when the dictionary lists it as a name.
fn name_before_title(text: &Analysis<'_>, speller: &Speller, at: usize) -> Option<String> {
    let case = text.case_rules();
    let word = text.tokens[at].text(text.text());
    let next = text
        .tokens
        .get(at + 1)
        .filter(|t| t.kind == TokenKind::Word && t.gap_before == Gap::Space)?;
    let next_text = next.text(text.text());
    // Most words start with no title's letter: ruled out before lower-casing.
    if !next_text.starts_with(|c: char| "abdehptuyABDEHPTUY".contains(c)) {
        return None;
    }
    let next_lower = case.lower(next_text);
    let title = TITLES.iter().any(|title| {
        next_lower
            .strip_prefix(title)
            .is_some_and(|rest| rest.is_empty() || suzgec_spell::is_proper_suffix(rest))
    });
    if !title || !word.chars().all(char::is_lowercase) {
        return None;
    }
    let capital = case.capitalize(word);
    let name = speller.dictionary().has_name(&capital)
        && !NOT_NAMES_BEFORE_TITLES.contains(&case.lower(word).as_str());
    name.then_some(capital)
}

/// Whether `lower` may be a dative (`kanuna`, `vergiye`): it ends in `a`/`e`, but not like a
/// conditional (`ilişkideyse`, `olursa`).
fn dative_like(lower: &str) -> bool {
    lower.ends_with(['a', 'e']) && !lower.ends_with("sa") && !lower.ends_with("se")
}

/// Compounds TDK writes as one word, found written apart.
const SPLIT_COMPOUNDS: &[(&str, &str, &str)] = &[
    ("bir", "çok", "birçok"),
    ("bir", "çoğu", "birçoğu"),
    ("hiç", "bir", "hiçbir"),
    ("hiç", "biri", "hiçbiri"),
    ("hiç", "birimiz", "hiçbirimiz"),
    ("bu", "gün", "bugün"),
    ("bu", "günkü", "bugünkü"),
    ("her", "hangi", "herhangi"),
    ("bir", "kaç", "birkaç"),
    ("bir", "takım", "birtakım"),
    ("illa", "ki", "illaki"),
    ("hoş", "çakal", "hoşça kal"),
];

/// Suffixes that are also words standing after a name or a number (`Ali ne dedi`, `Ayşe su
/// getirdi`, `2 ya da 3`, `3 tur attı`): written apart, they are read as the words.
const SUFFIXES_THAT_ARE_WORDS: &[&str] = &[
    "ya", "ye", "ne", "na", "su", "un", "ün", "in", "la", "le", "ten", "tan", "tur", "tür", "dur",
];

/// Suffixes that are not words in running text (`hep sini` → `hepsini`, `tabir i caizse`).
const SUFFIXES_ONLY: &[&str] = &[
    "i", "ı", "u", "ü", "sini", "sını", "sunu", "sünü", "leri", "ları", "nin", "nın", "nun", "nün",
];

/// A word written in two: a compound TDK writes as one (`bir çok` → `birçok`), a suffix split
/// off its word (`hep sini` → `hepsini`), or the suffix of a number, a proper noun or an acronym
/// written apart (`19 a` → `19'a`, `Tayyar a` → `Tayyar'a`, `gs nin` → `GS'nin`). Returns the
/// range of both tokens and the fix.
fn split_word(
    text: &Analysis<'_>,
    speller: &Speller,
    acronyms: &Acronyms,
    at: usize,
    prev_lower: &str,
    lower: &str,
    word_check: &Check,
) -> Option<(Range<usize>, SpellingErrorKind, String)> {
    let token = &text.tokens[at];
    let prev = &text.tokens[at - 1];
    let prev_text = prev.text(text.text());
    let word = token.text(text.text());
    let both = prev.chars.start..token.chars.end;
    let case = text.case_rules();
    let recase = |fix: &str| {
        if prev_text.chars().next().is_some_and(char::is_uppercase) {
            case.capitalize(fix)
        } else {
            fix.to_owned()
        }
    };
    if let Some((_, _, fused)) = SPLIT_COMPOUNDS
        .iter()
        .find(|(a, b, _)| *a == prev_lower && *b == lower)
    {
        return Some((both, SpellingErrorKind::ListedMisspelling, recase(fused)));
    }
    if let Some(fix) = suffix_apart(text, speller, acronyms, at, lower) {
        return Some((both, SpellingErrorKind::ProperNounApostrophe, fix));
    }
    if (*word_check == Check::Correct && !SUFFIXES_ONLY.contains(&lower))
        || lower.chars().count() > 5
    {
        return None;
    }
    let joined = format!("{prev_text}{word}");
    let name_like = prev_text.chars().next().is_some_and(char::is_uppercase);
    if prev.kind == TokenKind::Word
        && !name_like
        && speller.check(prev_text) == Check::Correct
        && speller.check(&joined) == Check::Correct
    {
        return Some((both, SpellingErrorKind::Misspelling, joined));
    }
    None
}

/// The case ending of a number, a proper noun or an acronym written apart from it, as the word
/// with the apostrophe: `19 a` → `19'a`, `90 ını` → `90'ını`, `Tayyar a` → `Tayyar'a`, `gs nin`
/// → `GS'nin`. The ending must be in lower case and in harmony with the name as read (`AVM` ends
/// in `me`), and not one of [`SUFFIXES_THAT_ARE_WORDS`]; the conjunction `de` is the clitic
/// checks' business. A capitalised word opening a sentence counts as a name only when
/// the dictionary does not know it in lower case.
fn suffix_apart(
    text: &Analysis<'_>,
    speller: &Speller,
    acronyms: &Acronyms,
    at: usize,
    lower: &str,
) -> Option<String> {
    let token = &text.tokens[at];
    let prev = &text.tokens[at - 1];
    let prev_text = prev.text(text.text());
    let word = token.text(text.text());
    // Suffixes are short: a long word is none, whatever its letters.
    if lower.len() > 12
        || !suzgec_spell::is_proper_suffix(lower)
        || matches!(lower, "de" | "da" | "te" | "ta")
        || SUFFIXES_THAT_ARE_WORDS.contains(&lower)
        || !word.chars().all(char::is_lowercase)
    {
        return None;
    }
    if prev.kind == TokenKind::Number {
        return Some(format!("{prev_text}'{word}"));
    }
    if prev.kind != TokenKind::Word {
        return None;
    }
    let case = text.case_rules();
    let capitals = prev_text
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let (name, fits) = if capitals || acronyms.is_listed(prev_text) {
        let acronym = case.upper(prev_text);
        let fits = acronyms::fits_suffix(&acronym, lower);
        (acronym, fits)
    } else {
        let mut letters = prev_text.chars();
        let capitalised =
            letters.next().is_some_and(char::is_uppercase) && !letters.any(char::is_uppercase);
        let opens_sentence = at < 2
            || text.tokens[at - 2].kind == TokenKind::Punct
                && matches!(text.tokens[at - 2].text(text.text()), "." | "!" | "?" | "…");
        let prev_lower = case.lower(prev_text);
        if !capitalised || (opens_sentence && speller.check(&prev_lower) == Check::Correct) {
            return None;
        }
        let fits = suzgec_spell::fits_proper_noun(&prev_lower, lower);
        (prev_text.to_owned(), fits)
    };
    let fixed = format!("{name}'{word}");
    let judged_wrong = matches!(speller.check(&fixed), Check::Wrong { .. });
    (fits && !judged_wrong).then_some(fixed)
}

/// An acronym with a case ending written on (`avmdeki`, `TVyi`): the acronym in capitals and
/// the ending after an apostrophe (`AVM'deki`, `TV'yi`), when the ending is in harmony with the
/// acronym as read.
fn acronym_with_suffix(acronyms: &Acronyms, word: &str) -> Option<String> {
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    // The longest acronym first (`AKPM` before `AKP`).
    (2..bounds.len().min(6)).rev().find_map(|n| {
        let (stem, suffix) = word.split_at(bounds[n]);
        let one_case = stem.chars().all(char::is_lowercase) || stem.chars().all(char::is_uppercase);
        let fits = one_case
            && suffix.chars().all(char::is_lowercase)
            && acronyms.is_listed(stem)
            && suzgec_spell::is_proper_suffix(suffix)
            && acronyms::fits_suffix(stem, suffix);
        fits.then(|| format!("{}'{suffix}", CaseRules::Turkish.upper(stem)))
    })
}

/// An acronym's suffix out of harmony with how Turkish reads the acronym letter by letter
/// (`CHP'nın` → `CHP'nin`, `mhp'ya` → `MHP'ye`; `K` and `H` read either way, `PKK'ya` and
/// `PKK'ye`): the vowels put right, the acronym in capitals. A suffix that needs another
/// consonant (`PKK'a` for `PKK'ya`, `CHP'ta` for `CHP'de`) is left alone.
fn acronym_suffix_out_of_harmony(word: &str) -> Option<String> {
    let at = word.find(['\'', '’'])?;
    let (stem, rest) = word.split_at(at);
    let mut rest_chars = rest.chars();
    let apostrophe = rest_chars.next()?;
    let suffix = rest_chars.as_str();
    let one_case = stem.chars().all(char::is_lowercase) || stem.chars().all(char::is_uppercase);
    let acronym = CaseRules::Turkish.upper(stem);
    // Only acronyms read letter by letter for sure; a unit is also read as its name, and units are
    // shorter (`GB'lık`, gigabayt).
    if !one_case
        || !acronyms::consonants_only(&acronym)
        || suffix.is_empty()
        || !suffix.chars().all(char::is_lowercase)
    {
        return None;
    }
    let readings = acronyms::reading_ends(&acronym);
    let reading = readings.first()?;
    let vowel_meets_vowel = reading.ends_with(is_vowel) && suffix.starts_with(is_vowel);
    if vowel_meets_vowel || (reading.ends_with(is_vowel) && suffix.starts_with('t')) {
        return None;
    }
    if readings
        .iter()
        .any(|r| orthography::harmonize_suffix(r, suffix) == suffix)
    {
        return None;
    }
    let harmonized = orthography::harmonize_suffix(reading, suffix);
    Some(format!("{acronym}{apostrophe}{harmonized}"))
}

impl Rule for Spelling {
    fn id(&self) -> RuleId {
        RuleId::Spelling
    }

    fn check(&self, text: &Analysis<'_>) -> Outcome {
        let words = text.words().count().max(1);
        let reaches = |errors: usize| {
            errors >= self.settings.min_errors.max(1)
                && errors as f32 / words as f32 >= self.settings.min_share
        };
        // Corrections are searched only when the comment could reach the tolerance with every
        // word that needs one counted as an error: the same verdict, without the search on most
        // comments.
        if !reaches(self.find_errors(text, None).len()) {
            return Outcome::clean();
        }
        // A word with no correction to offer is more often one the dictionary lacks than a
        // misspelling; only errors the author can fix in one click count.
        let errors: Vec<SpellingError> = self
            .errors(text, 1)
            .into_iter()
            .filter(|e| !e.suggestions.is_empty())
            .collect();
        if !reaches(errors.len()) {
            return Outcome::clean();
        }
        let share = errors.len() as f32 / words as f32;
        // More errors and a larger share of wrong words make the rule surer.
        let by_count = 1.0 - 0.5f32.powi(errors.len() as i32);
        let by_share = (0.5 + 1.5 * share).min(1.0);
        let confidence = (by_count * by_share).clamp(0.0, 0.99);
        let kinds: BTreeSet<SpellingErrorKind> = errors.iter().map(|e| e.kind).collect();
        let (mut tr, mut en) = (
            format!(
                "Yorumunuz yazım kurallarına uygun yazılmamış ({} yazım hatası). Düzeltilmiş metni tek tıkla kabul edebilirsiniz.",
                errors.len()
            ),
            format!(
                "Your comment does not follow the spelling rules ({} errors). You can accept the corrected text in one click.",
                errors.len()
            ),
        );
        for kind in kinds {
            let (rule_tr, rule_en) = kind.rule_text();
            tr.push(' ');
            tr.push_str(rule_tr);
            en.push(' ');
            en.push_str(rule_en);
        }
        let spans = errors
            .into_iter()
            .map(|e| text.span(e.chars, e.suggestions.into_iter().next()))
            .collect();
        Outcome::found(Finding {
            aspects: Vec::new(),
            confidence,
            spans,
            message: Message { tr, en },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    fn rule() -> Spelling {
        testing::with_default_policy(RuleId::Spelling, Spelling::new)
    }

    /// The errors of a Turkish text: (word, kind, top suggestion).
    fn errors(text: &str) -> Vec<(String, &'static str, String)> {
        errors_in(text, Language::Tr)
    }

    fn errors_in(text: &str, language: Language) -> Vec<(String, &'static str, String)> {
        rule()
            .errors(&Analysis::new(text, Some(language)), 1)
            .into_iter()
            .map(|e| {
                let top = e.suggestions.first().cloned().unwrap_or_default();
                (e.word, e.kind.as_str(), top)
            })
            .collect()
    }

    fn fixes(text: &str) -> Vec<(String, String)> {
        errors(text).into_iter().map(|(w, _, s)| (w, s)).collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_owned(), b.to_owned())
    }

    #[test]
    fn a_comment_that_ignores_spelling_is_refused_with_its_corrections() {
        let text = "herkez bilio bunu zaten, yanlız sen bilmiyon";
        let finding = testing::finding(&rule(), text).expect("fires");
        assert!(finding.confidence >= 0.7, "{}", finding.confidence);
        let spans: Vec<(&str, &str)> = finding
            .spans
            .iter()
            .map(|s| (s.text.as_str(), s.replacement.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            spans,
            vec![
                ("herkez", "herkes"),
                ("bilio", "biliyor"),
                ("yanlız", "yalnız"),
                ("bilmiyon", "bilmiyorsun")
            ]
        );
        assert!(finding.message.tr.contains("TDK") || finding.message.tr.contains("yazım"));
    }

    #[test]
    fn correct_text_and_a_single_typo_pass() {
        assert!(testing::finding(&rule(), "Hükümet bu konuda yeni bir açıklama yaptı.").is_none());
        assert!(testing::finding(
            &rule(),
            "Bu haberi okuyunca çok üzüldüm, yetkililerin gereğini yapması gerekiyor, geçmiş olsunn"
        )
        .is_none());
    }

    #[test]
    fn a_fused_clitic_is_found_through_lengthened_letters_and_fused_mis_is_the_evidential() {
        assert_eq!(
            fixes("ben de gelirim amaaa gelmem belkideee"),
            vec![pair("amaaa", "ama"), pair("belkideee", "belki de")]
        );
        assert_eq!(
            fixes("o da geliyomus"),
            vec![pair("geliyomus", "geliyormuş")]
        );
    }

    #[test]
    fn bende_is_a_locative_unless_the_verb_agrees_with_ben() {
        assert_eq!(fixes("Bende geleceğim."), vec![pair("Bende", "Ben de")]);
        assert_eq!(
            fixes("Nedenini bende bilmiyorum"),
            vec![pair("bende", "ben de")]
        );
        assert!(fixes("Kitap bende kaldı.").is_empty());
        assert!(fixes("Anahtarlar bende, sen gelince veririm.").is_empty());
        assert!(fixes("Bu gece bende kalabilirsin.").is_empty());
    }

    #[test]
    fn the_conjunction_de_is_apart_and_never_te() {
        assert_eq!(fixes("Ahmet te geldi."), vec![pair("te", "de")]);
        assert_eq!(fixes("Kitap ta güzeldi."), vec![pair("ta", "da")]);
        assert_eq!(fixes("Ben da geldim."), vec![pair("da", "de")]);
        assert_eq!(
            fixes("Bu kitabı okuyunca birde şunu düşündüm."),
            vec![pair("birde", "bir de")]
        );
        assert!(fixes("Ben de geldim, sen de gel.").is_empty());
        assert!(fixes("Ta kendisi geldi.").is_empty());
        assert!(fixes("Evde kimse yok.").is_empty());
    }

    #[test]
    fn the_conjunction_ki_is_apart_except_in_fused_words() {
        assert_eq!(
            fixes("Diyorki gelmeyecek"),
            vec![pair("Diyorki", "Diyor ki")]
        );
        assert_eq!(fixes("Tabi ki gelirim"), vec![pair("Tabi", "Tabii")]);
        assert_eq!(
            fixes("bugün ki toplantı iptal"),
            vec![pair("bugün ki", "bugünkü")]
        );
        assert!(
            fixes("Belki gelir, sanki bilmiyor, çünkü yorgun, halbuki söz vermişti").is_empty()
        );
        assert!(fixes("Evdeki hesap çarşıya uymaz, benimki de öyle").is_empty());
        assert!(fixes("Öyle yorgundu ki uyuyakaldı").is_empty());
        assert!(fixes("Salnamelerdeki bilgiler").is_empty());
    }

    #[test]
    fn the_question_particle_is_apart_and_in_harmony() {
        assert_eq!(
            fixes("Yarın geliyormusun?"),
            vec![pair("geliyormusun", "geliyor musun")]
        );
        assert_eq!(fixes("Güzelmi bu?"), vec![pair("Güzelmi", "Güzel mi")]);
        assert_eq!(fixes("Yarın geliyor misin?"), vec![pair("misin", "musun")]);
        assert!(fixes("Yarın geliyor musun? Gördün mü?").is_empty());
        // `mi` for `mı` is a missing Turkish letter: no_turkish_chars reports it.
        assert!(fixes("Var mi?").is_empty());
    }

    #[test]
    fn proper_nouns_take_an_apostrophe_and_common_nouns_none() {
        assert_eq!(
            fixes("Türkiyenin geleceği"),
            vec![pair("Türkiyenin", "Türkiye'nin")]
        );
        assert_eq!(
            fixes("Yarın okul'da ders var"),
            vec![pair("okul'da", "okulda")]
        );
        assert_eq!(
            fixes("Dün ankara'da yağmur vardı"),
            vec![pair("ankara'da", "Ankara'da")]
        );
        assert!(fixes("Türkiye'nin ve NATO’nun kararı, ABD'nin tavrı").is_empty());
        assert!(fixes("Ankara'da yağmur var").is_empty());
    }

    #[test]
    fn a_suffix_written_apart_from_a_number_takes_the_apostrophe() {
        assert_eq!(fixes("saat 10 a kadar"), vec![pair("10 a", "10'a")]);
        assert_eq!(fixes("bu 90 ını aldım"), vec![pair("90 ını", "90'ını")]);
        // Words that follow numbers on their own stay.
        assert!(fixes("2 su bardağı un ve 2 ya da 3 yumurta, 3 tur attı").is_empty());
    }

    #[test]
    fn a_suffix_written_apart_from_a_name_or_an_acronym_takes_the_apostrophe() {
        assert_eq!(
            fixes("bunu yazmak Tayyar a hakarettir"),
            vec![pair("Tayyar a", "Tayyar'a")]
        );
        assert_eq!(fixes("ile Çelik i aynı"), vec![pair("Çelik i", "Çelik'i")]);
        assert_eq!(
            fixes("parası yok galiba gs nin"),
            vec![pair("gs nin", "GS'nin")]
        );
        assert_eq!(fixes("bugün AVM yi gezdik"), vec![pair("AVM yi", "AVM'yi")]);
        // The ending must be in harmony with the name as read; words stay words.
        assert!(fixes("dün Ahmet a dedi ki").is_empty());
        assert!(fixes("sonra Ali ne dedi, Ayşe su getirdi").is_empty());
        // A capitalised word opening a sentence is a name only when it is no word.
        assert!(!fixes("Kitap ı okudum").iter().any(|(w, _)| w == "Kitap ı"));
        assert_eq!(
            fixes("Belinay a söyle"),
            vec![pair("Belinay a", "Belinay'a")]
        );
    }

    #[test]
    fn a_suffix_written_on_an_acronym_in_lower_case_takes_the_apostrophe() {
        assert_eq!(
            fixes("avmdeki kabinlerde"),
            vec![pair("avmdeki", "AVM'deki")]
        );
        assert_eq!(fixes("tvyi açtım"), vec![pair("tvyi", "TV'yi")]);
        assert_eq!(fixes("Dün AVMden aldım"), vec![pair("AVMden", "AVM'den")]);
    }

    #[test]
    fn an_acronym_suffix_follows_how_the_acronym_is_read() {
        assert_eq!(fixes("CHP'nın kararı"), vec![pair("CHP'nın", "CHP'nin")]);
        assert_eq!(fixes("mhp'nın kararı"), vec![pair("mhp'nın", "MHP'nin")]);
        // `K` and `H` are read `ke`/`ka`, `he`/`ha`; acronyms with a vowel and units may be
        // read as words.
        assert!(fixes("NATO'nun ve PKK'nın, SPK'nin, AVM'de ve CHP'de").is_empty());
        assert!(fixes("COVID'e karşı, NBA'de ve 5 GB'lık").is_empty());
    }

    #[test]
    fn a_suffix_split_off_its_word_is_joined() {
        assert_eq!(fixes("hep sini izledik"), vec![pair("hep sini", "hepsini")]);
        assert_eq!(fixes("tabir i caizse"), vec![pair("tabir i", "tabiri")]);
        assert!(fixes("bir sini getir").is_empty());
    }

    #[test]
    fn names_and_acronyms_the_dictionary_lacks_are_not_errors() {
        assert!(
            fixes("Lavrov ve Bayramov'un görüşmesi Granada'da yapıldı, CHP ve ABD de katıldı")
                .is_empty()
        );
        assert!(fixes("Bayramov’un açıklaması").is_empty());
    }

    #[test]
    fn urls_mentions_hashtags_numbers_and_emoji_are_not_words() {
        assert!(
            fixes("@kullanicix #gündemxyz https://ornek.com/sayfaxyz 2023'te 😀 çok güzel")
                .is_empty()
        );
    }

    #[test]
    fn a_reduplicated_unknown_word_is_an_idiom_not_two_typos() {
        assert!(fixes("Kadın durmadan vır vır eder").is_empty());
    }

    #[test]
    fn words_typed_only_without_turkish_letters_are_left_to_no_turkish_chars() {
        assert!(fixes("cok guzel bir haber").is_empty());
        // A name in lower case is a capitalisation error too: its fix restores both.
        assert_eq!(
            errors("oğlum fransiz kafası yaşıyorum"),
            vec![(
                "fransiz".to_owned(),
                SpellingErrorKind::ProperNounCase.as_str(),
                "Fransız".to_owned()
            )]
        );
    }

    #[test]
    fn a_name_in_lower_case_before_a_title_takes_its_capital() {
        assert_eq!(
            fixes("ablam ve kadir abinin eve dönmesine"),
            vec![pair("kadir", "Kadir")]
        );
        assert_eq!(fixes("hande hanım geldi"), vec![pair("hande", "Hande")]);
        // Words that only mean what they say, or are no names.
        assert!(fixes("sevgili hocam, doktor bey ve yaşlı amca geldi").is_empty());
        assert!(fixes("kadir kıymet bilmek").is_empty());
    }

    #[test]
    fn tabi_is_tabii_unless_it_follows_a_dative() {
        assert!(fixes("Bu iş kanuna tabi olarak yapılır").is_empty());
        assert_eq!(
            fixes("ilişkideyse tabi bu aldatma"),
            vec![pair("tabi", "tabii")]
        );
        assert_eq!(fixes("gel tabi ki"), vec![pair("tabi", "tabii")]);
    }

    #[test]
    fn the_optative_typed_as_spoken_is_colloquial() {
        assert_eq!(
            fixes("hemen kontrol ediyim, dur bakiyim"),
            vec![pair("ediyim", "edeyim"), pair("bakiyim", "bakayım")]
        );
    }

    #[test]
    fn a_rare_form_typed_without_turkish_letters_is_corrected_from_its_restored_letters() {
        assert_eq!(
            fixes("bunu gormesende olur"),
            vec![pair("gormesende", "görmesen de")]
        );
        assert_eq!(
            fixes("anasayfayi açtım"),
            vec![pair("anasayfayi", "ana sayfayı")]
        );
    }

    #[test]
    fn the_pass_without_search_never_counts_fewer_errors_than_the_search_finds() {
        // The rule skips the search when this count cannot reach the tolerance.
        let rule = rule();
        for text in [
            "bu haberde yazılanlar dogru degil bence herkez biliyo bunu zatan",
            "Bende gelicem yarın, sende gelirmisin acaba? belkideee gelmem",
            "Diyorki böyle olmaz, ama bizde biliyoz ki oluuur",
            "the goverment shoud of done somthing about this alot earlier tbh",
            "u r sooo wrong m8, its not even close lol",
            "Güzel bir haber, emeği geçenlere teşekkürler.",
            "xqzv wprt klmn zzzz bbbb",
        ] {
            let analysis = Analysis::new(text, None);
            let searched = rule
                .errors(&analysis, 1)
                .into_iter()
                .filter(|e| !e.suggestions.is_empty())
                .count();
            let bound = rule.find_errors(&analysis, None).len();
            assert!(bound >= searched, "{text}: {bound} < {searched}");
        }
    }

    #[test]
    fn a_misspelled_word_gets_a_suggestion() {
        assert_eq!(fixes("Bu çok güzl bir haber"), vec![pair("güzl", "güzel")]);
        assert_eq!(fixes("Yarın gidiyom"), vec![pair("gidiyom", "gidiyorum")]);
    }

    #[test]
    fn english_comments_are_checked_in_english() {
        let found = errors_in("I recieve the newspaper every morning", Language::En);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "recieve");
        assert_eq!(found[0].2, "receive");
        assert!(errors_in("London and NATO are written correctly", Language::En).is_empty());
    }

    #[test]
    fn azerbaijani_and_other_text_is_not_checked() {
        assert!(errors_in("Çox gözəl xəbərdir, təşəkkür edirəm", Language::Az).is_empty());
        assert!(errors_in("Das ist ein Test", Language::Other).is_empty());
    }

    #[test]
    fn spans_point_into_the_submitted_text_and_the_fix_applies() {
        let policy = Policy::default();
        let moderator = crate::Moderator::new(policy).expect("builds");
        let verdict = moderator
            .check("😀 herkez bunu biliyo", Some(Language::Tr))
            .expect("checks");
        let reason = verdict
            .reasons
            .iter()
            .find(|r| r.rule == RuleId::Spelling)
            .expect("spelling fires");
        assert_eq!((reason.spans[0].start, reason.spans[0].end), (2, 8));
        assert_eq!(reason.suggestion.as_deref(), Some("😀 herkes bunu biliyor"));
    }
}
