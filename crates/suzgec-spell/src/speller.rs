//! [`Speller`]: word checks and suggestions for one language.

use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, OnceLock};

use suzgec_dict::Dictionary;

use crate::case::{capitalize, folded, is_all_upper, lower, starts_upper};
use crate::freq::FrequencyList;
use crate::misspellings::{ListedKind, MisspellingList};
use crate::suggest::{DeleteIndex, Entry, distance};
use crate::{Error, Language};

/// What kind of spelling error a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Not a word of the language, and not a name (`geliyorm`).
    Misspelling,
    /// A listed frequent misspelling (`herkez`, `yanlız`, `birşey`).
    Listed,
    /// A listed colloquial spelling (`gidiyom`, `napıyosun`, `saol`).
    Colloquial,
    /// A proper noun's suffix written without the apostrophe (`Türkiyenin` → `Türkiye'nin`).
    ProperNounApostrophe,
    /// An apostrophe before the suffix of a common noun (`okul'da` → `okulda`).
    CommonNounApostrophe,
    /// A proper noun written in lower case (`ankara` → `Ankara`).
    ProperNounCase,
}

impl ErrorKind {
    /// A stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Misspelling => "misspelling",
            ErrorKind::Listed => "listed_misspelling",
            ErrorKind::Colloquial => "colloquial",
            ErrorKind::ProperNounApostrophe => "proper_noun_apostrophe",
            ErrorKind::CommonNounApostrophe => "common_noun_apostrophe",
            ErrorKind::ProperNounCase => "proper_noun_case",
        }
    }
}

/// The answer for one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// A correctly written word of the language.
    Correct,
    /// Not judged: a name the dictionary lacks (capitalised: `Lavrov`, `Bayramov'un`), an acronym
    /// (`CHP`, `NATO'nun`), or not a word (digits, other scripts).
    Skipped,
    /// A spelling error; `fix` is the correction when the kind of error determines it (listed
    /// words, apostrophes, case), otherwise ask [`Speller::suggest`].
    Wrong {
        /// The kind of error.
        kind: ErrorKind,
        /// The correction, when known without searching.
        fix: Option<String>,
    },
}

/// Suffixes that follow a proper noun after an apostrophe (case, possessive and copula endings);
/// derivational suffixes (`Ankaralı`, `Türkçe`) take no apostrophe and are not here.
const PROPER_SUFFIXES: &[&str] = &[
    "nin", "nın", "nun", "nün", "in", "ın", "un", "ün", "de", "da", "te", "ta", "den", "dan",
    "ten", "tan", "e", "a", "ye", "ya", "i", "ı", "u", "ü", "yi", "yı", "yu", "yü", "le", "la",
    "yle", "yla", "deki", "daki", "teki", "taki", "ndan", "nden", "na", "ne", "nda", "nde", "ni",
    "nı", "nu", "nü", "dir", "dır", "dur", "dür", "tir", "tır", "tur", "tür", "ydi", "ydı", "ydu",
    "ydü", "nın", "ya", "yla", "lerin", "ların", "lere", "lara", "lerde", "larda", "lerden",
    "lardan", "deyiz", "dayız", "deyim", "dayım", "im", "ım", "um", "üm", "imiz", "ımız", "umuz",
    "ümüz", "sı", "si", "su", "sü", "la", "le", "ını", "ini", "unu", "ünü", "ına", "ine", "una",
    "üne", "ında", "inde", "unda", "ünde",
];

/// Whether `suffix` (lower case) is one that follows a proper noun after an apostrophe
/// (`'nin`, `'da`, `'ya`).
pub fn is_proper_suffix(suffix: &str) -> bool {
    static SUFFIXES: LazyLock<HashSet<&str>> =
        LazyLock::new(|| PROPER_SUFFIXES.iter().copied().collect());
    SUFFIXES.contains(suffix)
}

/// Copula and personal endings that follow a noun or adjective (see `accepts_with_copula`).
const COPULA_ENDINGS: &[&str] = &[
    "dır", "dir", "dur", "dür", "tır", "tir", "tur", "tür", "ydı", "ydi", "ydu", "ydü", "ymış",
    "ymiş", "ymuş", "ymüş", "yken", "dırlar", "dirler", "durlar", "dürler", "tırlar", "tirler",
    "ydılar", "ydiler", "ydular", "ydüler", "sınız", "siniz", "sunuz", "sünüz", "ydım", "ydim",
    "ydum", "ydüm", "ydık", "ydik", "yduk", "ydük", "casına", "cesine", "sın", "sin", "sun", "sün",
];

/// Lower-case abbreviations of informal writing and units, not misspellings (the misspelling
/// list has those that stand for words a comment should spell out, such as `slm`).
const ABBREVIATIONS: &[&str] = &[
    "amk", "aq", "inş", "vb", "vs", "bkz", "dk", "sn", "gr", "kg", "km", "cm", "mm", "tl", "ytl",
    "usd", "pc", "tv", "rt", "dm", "tt", "msj", "sms", "avm", "vd", "yy", "ms", "mö", "sa", "as",
    "amq",
];

/// The vowels of Turkish.
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'ı' | 'i' | 'o' | 'ö' | 'u' | 'ü' | 'â' | 'î' | 'û'
    )
}

fn has_vowel(word: &str) -> bool {
    word.chars().any(is_vowel)
}

/// The last vowel of a word.
fn last_vowel(word: &str) -> Option<char> {
    word.chars().rev().find(|c| is_vowel(*c))
}

/// Whether a suffix's first vowel follows the stem's last vowel (two-way for low vowels a/e,
/// four-way for high vowels ı/i/u/ü).
fn harmonious(stem: &str, suffix: &str) -> bool {
    let (Some(v), Some(s)) = (last_vowel(stem), suffix.chars().find(|c| is_vowel(*c))) else {
        return true;
    };
    let back = matches!(v, 'a' | 'ı' | 'o' | 'u' | 'â' | 'û');
    let round = matches!(v, 'o' | 'ö' | 'u' | 'ü' | 'û');
    match s {
        'a' => back,
        'e' => !back,
        'ı' => back && !round,
        'i' => !back && !round,
        'u' => back && round,
        'ü' => !back && round,
        _ => true,
    }
}

/// Whether `suffix` can follow the proper noun `stem` (lower case): vowel harmony, and a buffer
/// consonant after a vowel (`Ümraniye'de`, `İtalya'sı`, `Trabzon'u`, not `Trabzon'su`).
pub fn fits_proper_noun(stem: &str, suffix: &str) -> bool {
    let ends_in_vowel = stem.chars().last().is_some_and(is_vowel);
    let starts_with_vowel = suffix.chars().next().is_some_and(is_vowel);
    let buffer = suffix.starts_with(['n', 'y', 's']);
    harmonious(stem, suffix)
        && if ends_in_vowel {
            !starts_with_vowel
        } else {
            !buffer
        }
}

/// Laughter and its spellings (`hahaha`, `ahahah`, `hehe`, `hıhı`, `puhahaha`).
fn is_laughter(word: &str) -> bool {
    let only_laughter = word.chars().filter(|c| *c == 'h').count() >= 2
        && word
            .chars()
            .all(|c| matches!(c, 'h' | 'a' | 'e' | 'ı' | 'i' | 'o' | 'u'));
    only_laughter
        || ["haha", "ahah", "hehe", "hihi"]
            .iter()
            .any(|l| word.contains(l))
}

/// Turkish suffixes on a foreign stem (`blogda`, `laptopu`, `tweetlerimde`).
const FOREIGN_STEM_SUFFIXES: &[&str] = &[
    "u", "ü", "ı", "i", "a", "e", "da", "de", "ta", "te", "dan", "den", "tan", "ten", "la", "le",
    "ın", "in", "un", "ün", "ler", "lar", "leri", "ları", "lerin", "ların", "lere", "lara",
    "lerde", "larda", "lerden", "lardan", "lerim", "larım", "lerimi", "larımı", "lerimde",
    "larımda", "ini", "ını", "unu", "ünü", "una", "üne", "ine", "ına", "ında", "inde", "unda",
    "ünde", "cı", "ci", "cu", "cü", "çı", "çi", "çu", "çü", "ları", "yı", "yi", "ya", "ye",
];

/// An English word of four letters or more with a Turkish suffix (code-switching).
fn is_english_with_suffix(word: &str) -> bool {
    FOREIGN_STEM_SUFFIXES.iter().any(|suffix| {
        word.strip_suffix(suffix).is_some_and(|stem| {
            stem.len() >= 4 && stem.is_ascii() && Dictionary::english().check(stem)
        })
    })
}

/// Whether the English dictionary knows the lower-case word (code-switching in Turkish comments:
/// `free`, `cafe`).
fn is_english(word: &str) -> bool {
    let en = Dictionary::english();
    word.is_ascii()
        && word.chars().count() >= 3
        && (en.check(word) || en.check(&capitalize(word, Language::English)))
}

/// Colloquial endings and what they stand for (`-iyo` → `-iyor`, `-cem` → `-eceğim`); a rewrite is
/// offered only when the result is a known word (with its Turkish letters restored if need be).
const COLLOQUIAL_ENDINGS: &[(&str, &[&str])] = &[
    ("yom", &["yorum"]),
    ("yo", &["yor"]),
    ("yon", &["yorsun"]),
    ("yosun", &["yorsun"]),
    ("yoz", &["yoruz"]),
    ("yonuz", &["yorsunuz"]),
    ("yosunuz", &["yorsunuz"]),
    ("yolar", &["yorlar"]),
    ("yodu", &["yordu"]),
    ("yomuş", &["yormuş"]),
    ("yomu", &["yor mu"]),
    ("yomusun", &["yor musun"]),
    ("yosa", &["yorsa"]),
    ("io", &["iyor"]),
    ("ıo", &["ıyor"]),
    ("uo", &["uyor"]),
    ("üo", &["üyor"]),
    ("iom", &["iyorum"]),
    ("ıom", &["ıyorum"]),
    ("uom", &["uyorum"]),
    ("ion", &["iyorsun"]),
    ("ıon", &["ıyorsun"]),
    ("iomuş", &["iyormuş"]),
    ("cem", &["eceğim", "yeceğim", "ceğim"]),
    ("cam", &["acağım", "yacağım", "cağım"]),
    ("icem", &["eceğim", "eyeceğim", "yeceğim"]),
    ("ıcam", &["acağım", "ayacağım", "yacağım"]),
    ("ucam", &["acağım", "ayacağım", "yacağım"]),
    ("ücem", &["eceğim", "eyeceğim", "yeceğim"]),
    ("cez", &["eceğiz", "yeceğiz", "ceğiz"]),
    ("caz", &["acağız", "yacağız", "cağız"]),
    ("icez", &["eceğiz", "eyeceğiz", "yeceğiz"]),
    ("ıcaz", &["acağız", "ayacağız", "yacağız"]),
    ("ucaz", &["acağız", "ayacağız"]),
    ("ücez", &["eceğiz", "eyeceğiz"]),
    ("cek", &["ecek", "yecek"]),
    ("cak", &["acak", "yacak"]),
    ("icek", &["ecek", "eyecek", "yecek"]),
    ("ıcak", &["acak", "ayacak", "yacak"]),
    ("cen", &["eceksin", "yeceksin"]),
    ("can", &["acaksın", "yacaksın"]),
    ("icen", &["eceksin", "eyeceksin"]),
    ("ıcan", &["acaksın", "ayacaksın"]),
    ("caksın", &["acaksın", "yacaksın"]),
    ("canız", &["acaksınız", "yacaksınız"]),
    ("ceniz", &["eceksiniz", "yeceksiniz"]),
    ("iycem", &["eyeceğim", "yeceğim"]),
    ("ıycam", &["ayacağım", "yacağım"]),
    ("iycek", &["eyecek", "yecek"]),
    ("ıycak", &["ayacak", "yacak"]),
    ("iycez", &["eyeceğiz", "yeceğiz"]),
    ("ıycaz", &["ayacağız", "yacağız"]),
    ("yim", &["yeyim", "yayım"]),
    ("iyim", &["eyim", "eyeyim"]),
    ("ıyım", &["ayım", "ayayım"]),
    ("uyum", &["ayım"]),
    ("sn", &["sın", "sin", "sun", "sün"]),
    ("m", &["im", "ım", "um", "üm"]),
];

/// Colloquial beginnings: `napıyorsun` → `ne yapıyorsun`, `biyerde` → `bir yerde`.
const COLLOQUIAL_BEGINNINGS: &[(&str, &str)] = &[
    ("nap", "ne yap"),
    ("bi", "bir "),
    ("diil", "değil"),
    ("deil", "değil"),
];

/// The future tense as spoken inside a word, folded (`olmıcaktı`, `gelicekler`), and its
/// written forms.
const COLLOQUIAL_FUTURE: &[(&str, &[&str])] = &[
    ("icak", &["acak", "ayacak", "yacak"]),
    ("icek", &["ecek", "eyecek", "yecek"]),
    ("icag", &["acağ", "ayacağ", "yacağ"]),
    ("iceg", &["eceğ", "eyeceğ", "yeceğ"]),
];

/// How far a candidate made only by shrinking repeated letters (`laan` → `lan`) is preferred, in
/// units of edit cost.
const SQUEEZE_BONUS: f32 = 0.3;

/// The share of edit cost counted for a word found by its consonants when few vowels were typed.
const VOWELLESS_FACTOR: f32 = 0.3;

/// How often a word must occur in the frequency model for its consonants alone (`bnm`) to be
/// judged a misspelling of it rather than an abbreviation.
const VOWELLESS_MIN_COUNT: u32 = 200;

/// The count assumed for a word the dictionary accepts but the frequency model lacks, reached by
/// putting back a dropped vowel.
const DICTIONARY_FLOOR: u32 = 10;

/// What squeezing lengthened letters costs before a further search on the squeezed word.
const LENGTHENED_COST: f32 = 0.15;

/// The count assumed for a correct but rare form reached by a rule (a colloquial rewrite, squeezed
/// letters) rather than by frequency.
const RARE_FLOOR: u32 = 30;

/// How much a candidate's kind of edit counts against its frequency when ranking (natural-log
/// units of word frequency per unit of cost).
const COST_WEIGHT: f32 = 4.0;

/// Checks and corrects words of one language.
pub struct Speller {
    language: Language,
    dictionary: &'static Dictionary,
    entries: Vec<Entry>,
    by_lower: HashMap<String, u32>,
    misspellings: MisspellingList,
    /// Listed wrong forms by their folded form (`birsey` → `birşey`).
    misspellings_folded: HashMap<String, String>,
    index: OnceLock<DeleteIndex>,
}

impl std::fmt::Debug for Speller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speller")
            .field("language", &self.language)
            .field("words", &self.entries.len())
            .field("misspellings", &self.misspellings.len())
            .finish_non_exhaustive()
    }
}

static TR_FREQUENCIES: &str = include_str!("../../../data/spell/tr-frequencies.tsv");
static TR_MISSPELLINGS: &str = include_str!("../../../data/spell/misspellings.tsv");

impl Speller {
    /// The Turkish speller: the embedded `tr_TR` dictionary with its supplement, the frequency
    /// model and the misspelling list of `data/spell/`; loaded on first use.
    pub fn turkish() -> &'static Speller {
        static TR: OnceLock<Speller> = OnceLock::new();
        TR.get_or_init(|| {
            let frequencies = FrequencyList::parse(TR_FREQUENCIES)
                .expect("the embedded frequency model is checked by the crate's tests");
            let misspellings = MisspellingList::parse(TR_MISSPELLINGS)
                .expect("the embedded misspelling list is checked by the crate's tests");
            Speller::new(
                Language::Turkish,
                Dictionary::turkish(),
                &frequencies,
                misspellings,
            )
        })
    }

    /// The English speller: the embedded `en_US` dictionary (suggestions from the dictionary).
    pub fn english() -> &'static Speller {
        static EN: OnceLock<Speller> = OnceLock::new();
        EN.get_or_init(|| {
            Speller::new(
                Language::English,
                Dictionary::english(),
                &FrequencyList::default(),
                MisspellingList::default(),
            )
        })
    }

    /// The speller of a language.
    pub fn for_language(language: Language) -> &'static Speller {
        match language {
            Language::Turkish => Speller::turkish(),
            Language::English => Speller::english(),
        }
    }

    /// A speller from the text of a frequency model and of a misspelling list (a site's own).
    ///
    /// # Errors
    /// When either text cannot be read (see [`FrequencyList::parse`], [`MisspellingList::parse`]).
    pub fn from_text(
        language: Language,
        dictionary: &'static Dictionary,
        frequencies: &str,
        misspellings: &str,
    ) -> Result<Speller, Error> {
        Ok(Speller::new(
            language,
            dictionary,
            &FrequencyList::parse(frequencies)?,
            MisspellingList::parse(misspellings)?,
        ))
    }

    /// A speller from its parts.
    pub fn new(
        language: Language,
        dictionary: &'static Dictionary,
        frequencies: &FrequencyList,
        misspellings: MisspellingList,
    ) -> Speller {
        let entries: Vec<Entry> = frequencies
            .words
            .iter()
            .map(|(form, count)| Entry {
                form: form.clone(),
                lower: lower(form, language),
                count: *count,
            })
            .collect();
        let mut by_lower = HashMap::with_capacity(entries.len());
        for (id, entry) in entries.iter().enumerate() {
            by_lower
                .entry(entry.lower.clone())
                .or_insert(u32::try_from(id).unwrap_or(u32::MAX));
        }
        let misspellings_folded = misspellings
            .iter()
            .map(|(wrong, _)| (folded(wrong), wrong.to_owned()))
            .collect();
        Speller {
            language,
            dictionary,
            entries,
            by_lower,
            misspellings,
            misspellings_folded,
            index: OnceLock::new(),
        }
    }

    /// Builds the suggestion index now rather than on the first suggestion (about a tenth of a
    /// second).
    pub fn warm_up(&self) {
        self.index();
    }

    fn index(&self) -> &DeleteIndex {
        self.index.get_or_init(|| DeleteIndex::build(&self.entries))
    }

    /// The language this speller checks.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The dictionary this speller checks with.
    pub fn dictionary(&self) -> &'static Dictionary {
        self.dictionary
    }

    /// The misspelling list.
    pub fn misspellings(&self) -> &MisspellingList {
        &self.misspellings
    }

    /// How often a word (lower case) occurs in the training corpora; 0 when it is not in the model.
    pub fn count(&self, lower_word: &str) -> u32 {
        self.by_lower
            .get(lower_word)
            .map_or(0, |id| self.entries[*id as usize].count)
    }

    /// Whether the dictionary accepts `word` (typographic apostrophes read as `'`), or the
    /// frequency model has it as a name (`Belinay`).
    pub fn accepts(&self, word: &str) -> bool {
        if let Some(id) = self.by_lower.get(word) {
            return self.entries[*id as usize].form == word;
        }
        if word.contains('’') {
            return self.dictionary.check(&word.replace('’', "'"));
        }
        self.dictionary.check(word)
            || (starts_upper(word)
                && self
                    .by_lower
                    .get(&lower(word, self.language))
                    .is_some_and(|id| self.entries[*id as usize].form == word))
    }

    /// Checks one word as written in the text (with its apostrophe suffix, if any).
    pub fn check(&self, word: &str) -> Check {
        if word.contains('\u{307}') {
            // `i̇` (i and a combining dot) is what careless lower-casing makes of `İ`; another
            // letter with the dot is not a word of these languages.
            let cleaned = word.replace("i\u{307}", "i");
            if cleaned.contains('\u{307}') {
                return Check::Skipped;
            }
            return self.check(&cleaned);
        }
        if word.is_empty()
            || word.chars().any(char::is_numeric)
            || !word
                .chars()
                .all(|c| is_latin_letter(c) || c == '\'' || c == '’' || c == '-')
        {
            return Check::Skipped;
        }
        match self.language {
            Language::Turkish => self.check_turkish(word),
            Language::English => self.check_english(word),
        }
    }

    fn check_english(&self, word: &str) -> Check {
        if is_all_upper(word) || self.accepts(word) {
            return if self.accepts(word) {
                Check::Correct
            } else {
                Check::Skipped
            };
        }
        if starts_upper(word) || word.chars().count() <= 2 {
            // Names, and chat abbreviations (`ok`, `ur`).
            return Check::Skipped;
        }
        Check::Wrong {
            kind: ErrorKind::Misspelling,
            fix: None,
        }
    }

    /// English suggestions: a dropped apostrophe first (`dont` → `don't`, `thats` → `that's`),
    /// then hunspell's own.
    fn suggest_english(&self, word: &str, max: usize) -> Vec<String> {
        let mut out = Vec::new();
        let chars: Vec<char> = word.chars().collect();
        for back in [1, 2] {
            if chars.len() > back + 1 {
                let (head, tail) = chars.split_at(chars.len() - back);
                let candidate: String = head.iter().chain(['\''].iter()).chain(tail).collect();
                if self.dictionary.check(&candidate) {
                    out.push(candidate);
                }
            }
        }
        let mut hunspell = Vec::new();
        self.dictionary.suggest(word, &mut hunspell);
        for s in hunspell {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out.truncate(max);
        out
    }

    fn check_turkish(&self, word: &str) -> Check {
        let word_lower = lower(word, self.language);
        if let Some(at) = word.find(['\'', '’']) {
            return self.check_turkish_apostrophe(word, at);
        }
        if is_all_upper(word) {
            // Capitals are acronyms, or shouting (the all_caps rule's business).
            return if self.accepts(word) {
                Check::Correct
            } else {
                Check::Skipped
            };
        }
        if let Some(listed) = self.misspellings.get(&word_lower) {
            return self.listed(word, listed);
        }
        if let Some(id) = self.by_lower.get(&word_lower) {
            let form = &self.entries[*id as usize].form;
            if *form == word_lower || starts_upper(word) {
                return Check::Correct;
            }
            return Check::Wrong {
                kind: ErrorKind::ProperNounCase,
                fix: Some(form.clone()),
            };
        }
        if self.dictionary.check(word) || self.accepts_with_copula(&word_lower) {
            return Check::Correct;
        }
        if let Some(key) = self.misspellings_folded.get(&folded(&word_lower))
            && let Some(listed) = self.misspellings.get(key)
        {
            // A listed misspelling typed without its Turkish letters (`birsey`).
            return self.listed(word, listed);
        }
        if let Some(fix) = self.proper_noun_with_suffix(word) {
            return Check::Wrong {
                kind: ErrorKind::ProperNounApostrophe,
                fix: Some(fix),
            };
        }
        if starts_upper(word) {
            return Check::Skipped;
        }
        let capital = capitalize(word, self.language);
        if self.dictionary.check(&capital) {
            return Check::Wrong {
                kind: ErrorKind::ProperNounCase,
                fix: Some(capital),
            };
        }
        if !has_vowel(&word_lower)
            && word_lower.chars().count() >= 3
            && !ABBREVIATIONS.contains(&word_lower.as_str())
            && self.vowelless_word(&word_lower)
        {
            // A frequent word typed without its vowels (`bnm` for `benim`).
            return Check::Wrong {
                kind: ErrorKind::Misspelling,
                fix: None,
            };
        }
        if !has_vowel(&word_lower)
            || word_lower.chars().count() <= 2
            || ABBREVIATIONS.contains(&word_lower.as_str())
            || is_laughter(&word_lower)
            || is_english(&word_lower)
            || is_english_with_suffix(&word_lower)
        {
            // An abbreviation (`rt`, `vb`, `amk`), an interjection (`he`), laughter (`hahaha`), or
            // an English word in a Turkish comment (`free`, `cafe`): not Turkish misspelled.
            return Check::Skipped;
        }
        Check::Wrong {
            kind: ErrorKind::Misspelling,
            fix: None,
        }
    }

    /// Whether a frequent word has the consonants of `lower` (which has no vowel) in the same
    /// order, with only vowels added after its first letter.
    fn vowelless_word(&self, lower: &str) -> bool {
        let mut ids = Vec::new();
        self.index().same_consonants(lower, &mut ids);
        ids.iter().any(|id| {
            let entry = &self.entries[*id as usize];
            entry.count >= VOWELLESS_MIN_COUNT
                && !entry.lower.chars().next().is_some_and(is_vowel)
                && folded_subsequence(lower, &entry.lower)
        })
    }

    fn listed(&self, word: &str, listed: &crate::Listed) -> Check {
        let kind = match listed.kind {
            ListedKind::Misspelling => ErrorKind::Listed,
            ListedKind::Colloquial => ErrorKind::Colloquial,
        };
        let fix = recase(word, &listed.right, self.language);
        if fix == word {
            // A case-only entry (`allah` → `Allah`) met its right form.
            return Check::Correct;
        }
        Check::Wrong {
            kind,
            fix: Some(fix),
        }
    }

    /// A word with an apostrophe at byte `at`: a name's suffix (`Bayramov'un`, `NATO'nun`) is
    /// fine; a common noun's (`okul'da`) is an error, and so is a proper noun in lower case.
    fn check_turkish_apostrophe(&self, word: &str, at: usize) -> Check {
        let stem = &word[..at];
        let suffix = word[at..].trim_start_matches(['\'', '’']);
        if stem.is_empty() || starts_upper(stem) {
            return if self.accepts(word) {
                Check::Correct
            } else {
                Check::Skipped
            };
        }
        let stem_capital = capitalize(stem, self.language);
        let stem_known = self.accepts(stem);
        if !stem_known && self.accepts(&stem_capital) {
            return Check::Wrong {
                kind: ErrorKind::ProperNounCase,
                fix: Some(format!("{stem_capital}{}", &word[at..])),
            };
        }
        let joined = format!("{stem}{suffix}");
        if stem_known && self.accepts(&joined) {
            return Check::Wrong {
                kind: ErrorKind::CommonNounApostrophe,
                fix: Some(joined),
            };
        }
        if self.accepts(word) || !stem_known {
            // A name the dictionary lacks, written in lower case (`facebook'a`): not judged.
            return if self.accepts(word) {
                Check::Correct
            } else {
                Check::Skipped
            };
        }
        Check::Wrong {
            kind: ErrorKind::Misspelling,
            fix: None,
        }
    }

    /// Whether `lower` is an accepted word followed by a copula or personal ending the dictionary's
    /// affix rules miss on some stems (`handikaplıydı`, `pusulasızdır`).
    fn accepts_with_copula(&self, lower: &str) -> bool {
        COPULA_ENDINGS.iter().any(|ending| {
            lower.strip_suffix(ending).is_some_and(|stem| {
                stem.chars().count() >= 3
                    && (self.by_lower.contains_key(stem) || self.dictionary.check(stem))
                    && harmonious(stem, ending)
            })
        })
    }

    /// `Türkiyenin` / `türkiyenin` → `Türkiye'nin`: a proper noun with a case suffix written on.
    fn proper_noun_with_suffix(&self, word: &str) -> Option<String> {
        let mut best: Option<String> = None;
        for suffix in PROPER_SUFFIXES {
            let Some(stem) = word.strip_suffix(suffix) else {
                continue;
            };
            if stem.chars().count() < 2 {
                continue;
            }
            let stem = capitalize(stem, self.language);
            let stem_lower = lower(&stem, self.language);
            if self.accepts(&stem_lower) || !self.accepts(&stem) {
                continue;
            }
            let candidate = format!("{stem}'{suffix}");
            // A one-letter suffix on a capitalised word is too often part of a name (`İbni`).
            let loose = suffix.chars().count() > 1 || !starts_upper(word);
            if (self.dictionary.check(&candidate)
                || (loose && fits_proper_noun(&stem_lower, suffix)))
                && best.as_ref().is_none_or(|b| b.len() < candidate.len())
            {
                best = Some(candidate);
            }
        }
        best
    }

    /// Up to `max` corrections for a word, best first.
    pub fn suggest(&self, word: &str, max: usize) -> Vec<String> {
        if word.contains('\u{307}') {
            let cleaned = word.replace("i\u{307}", "i");
            if cleaned.contains('\u{307}') {
                return Vec::new();
            }
            return self.suggest(&cleaned, max);
        }
        if max == 0 {
            return Vec::new();
        }
        if let Check::Wrong { fix: Some(fix), .. } = self.check(word) {
            let mut out = vec![fix];
            if max > 1 && self.language == Language::Turkish {
                for s in self.search_turkish(word, max) {
                    if !out.contains(&s) && out.len() < max {
                        out.push(s);
                    }
                }
            }
            return out;
        }
        match self.language {
            Language::Turkish => self.search_turkish(word, max),
            Language::English => self.suggest_english(word, max),
        }
    }

    /// Ranked candidates for a Turkish word from the frequency model, colloquial endings, repeated
    /// letters, proper nouns and splits into two words.
    fn search_turkish(&self, word: &str, max: usize) -> Vec<String> {
        let word_lower = lower(word, self.language);
        if word_lower.chars().count() > 30 {
            return Vec::new();
        }
        let mut scored: Vec<(f32, String)> = Vec::new();
        let mut first: Option<String> = None;
        self.score_turkish(word, &word_lower, &mut scored);
        // Letters lengthened (`eveeetttty`, `belkideee`, `gidiyoo`): the whole search again with them
        // squeezed, so that a slip besides the lengthening is found too.
        let bases = if squeeze(&word_lower) != word_lower {
            vec![squeeze(&word_lower), squeeze_to_one(&word_lower)]
        } else if lengthened(&word_lower) {
            // Only the last letter doubled: that one cut (`yolladıı` → `yolladı`, not `yoladı`).
            let mut cut = word_lower.clone();
            cut.pop();
            vec![cut]
        } else {
            Vec::new()
        };
        for base in bases {
            let mut more = Vec::new();
            // A word with its lengthened letters squeezed is what was meant, or a listed
            // misspelling of it (`bayaaa` → `baya` → `bayağı`): that comes first.
            match self.check(&base) {
                _ if first.is_some() => {}
                Check::Correct => first = Some(base.clone()),
                Check::Wrong { fix: Some(fix), .. } => first = Some(fix),
                _ => {}
            }
            self.score_turkish(word, &base, &mut more);
            scored.extend(
                more.into_iter()
                    .map(|(score, text)| (score - COST_WEIGHT * LENGTHENED_COST, text)),
            );
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut out: Vec<String> = Vec::with_capacity(max);
        for text in first
            .into_iter()
            .chain(scored.into_iter().map(|(_, text)| text))
        {
            if self.misspellings.get(&text).is_some() {
                continue;
            }
            let text = recase(word, &text, self.language);
            if text != word && !out.contains(&text) {
                out.push(text);
                if out.len() == max {
                    break;
                }
            }
        }
        out
    }

    /// Scores the candidates for `word_lower` (`word` as typed, for its case) into `scored`.
    fn score_turkish(&self, word: &str, word_lower: &str, scored: &mut Vec<(f32, String)>) {
        let start = scored.len();
        let mut push = |score: f32, text: String| scored.push((score, text));
        let freq_score = |count: u32| ((count as f32) + 1.0).ln();

        // Words of the frequency model within two edits.
        let mut ids = Vec::new();
        self.index().near(word_lower, &mut ids);
        let mut closest = f32::MAX;
        for id in &ids {
            let entry = &self.entries[*id as usize];
            let d = distance(word_lower, &entry.lower);
            closest = closest.min(d);
            if d <= 2.0 {
                push(
                    freq_score(entry.count) - COST_WEIGHT * d,
                    entry.form.clone(),
                );
            }
        }
        // Repeated letters squeezed (`dahaaa` → `daha`, `laan` → `lan`), then its Turkish letters:
        // lengthening a letter is deliberate, so a word that differs only by it comes first.
        let squeezed = squeeze_to_one(word_lower);
        if squeezed != word_lower {
            // Lengthened for sure: three of a letter, or a doubled last letter (`haa`).
            let lengthened = lengthened(word_lower);
            for base in [squeeze(word_lower), squeezed] {
                ids.clear();
                self.index().same_folded(&self.entries, &base, &mut ids);
                for id in &ids {
                    let entry = &self.entries[*id as usize];
                    let d = distance(&base, &entry.lower);
                    push(
                        freq_score(entry.count) - COST_WEIGHT * (d - SQUEEZE_BONUS),
                        entry.form.clone(),
                    );
                }
                if ids.is_empty() && base != word_lower && lengthened && self.accepts(&base) {
                    push(
                        freq_score(RARE_FLOOR) - COST_WEIGHT * (0.1 - SQUEEZE_BONUS),
                        base,
                    );
                }
            }
        }
        // Vowels left out (`msj` → `mesaj`, `istyrm` → `istiyorum`): in a word with few vowels, the
        // words with the same consonants, each left-out vowel cheap.
        let vowels = word_lower.chars().filter(|c| is_vowel(*c)).count();
        let letters = word_lower.chars().count();
        if letters >= 3 && vowels * 3 <= letters {
            ids.clear();
            self.index().same_consonants(word_lower, &mut ids);
            let starts_with_vowel = word_lower.chars().next().is_some_and(is_vowel);
            for id in &ids {
                let entry = &self.entries[*id as usize];
                // Only vowels added, after the first letter, and the typed letters kept.
                if entry.lower.chars().next().is_some_and(is_vowel) != starts_with_vowel
                    || !folded_subsequence(word_lower, &entry.lower)
                {
                    continue;
                }
                let d = distance(word_lower, &entry.lower);
                if d <= 3.0 {
                    push(
                        freq_score(entry.count) - COST_WEIGHT * VOWELLESS_FACTOR * d,
                        entry.form.clone(),
                    );
                }
            }
        }
        // Colloquial endings and beginnings.
        let mut rewrites: Vec<String> = Vec::new();
        // Endings match whatever Turkish letters were typed (`olmicak` for `olmıcak`).
        let word_folded: Vec<char> = folded(word_lower).chars().collect();
        let word_chars: Vec<char> = word_lower.chars().collect();
        for (ending, replacements) in COLLOQUIAL_ENDINGS {
            let ending: Vec<char> = folded(ending).chars().collect();
            if word_folded.len() >= ending.len() + 2 && word_folded.ends_with(&ending) {
                let stem: String = word_chars[..word_chars.len() - ending.len()]
                    .iter()
                    .collect();
                rewrites.extend(replacements.iter().map(|r| format!("{stem}{r}")));
            }
        }
        // The future tense typed as spoken inside a word (`olmıcaktı` → `olmayacaktı`).
        for (spoken, written) in COLLOQUIAL_FUTURE {
            let spoken: Vec<char> = spoken.chars().collect();
            let n = spoken.len();
            if word_folded.len() < n + 3 {
                continue;
            }
            for at in 2..=word_folded.len() - n - 1 {
                if word_folded[at..at + n] == spoken[..] {
                    let stem: String = word_chars[..at].iter().collect();
                    let rest: String = word_chars[at + n..].iter().collect();
                    rewrites.extend(written.iter().map(|w| format!("{stem}{w}{rest}")));
                }
            }
        }
        // `-yo-` inside a word for `-yor-` (`yatıyoduk` → `yatıyorduk`).
        let mut with_r = String::with_capacity(word_lower.len() + 2);
        for (i, c) in word_chars.iter().enumerate() {
            with_r.push(*c);
            let after_yo = *c == 'o'
                && i >= 2
                && word_chars[i - 1] == 'y'
                && matches!(word_chars[i - 2], 'ı' | 'i' | 'u' | 'ü');
            if after_yo && word_chars.get(i + 1).is_some_and(|n| *n != 'r') {
                with_r.push('r');
            }
        }
        if with_r != word_lower {
            rewrites.push(with_r);
        }
        for (beginning, replacement) in COLLOQUIAL_BEGINNINGS {
            if let Some(rest) = word_lower.strip_prefix(beginning)
                && rest.chars().count() >= 2
            {
                rewrites.push(format!("{replacement}{rest}"));
            }
        }
        for rewrite in rewrites {
            if let Some((text, count)) = self.known_phrase(&rewrite) {
                // Inflected forms are rare in any corpus; their stem's pattern is what counts.
                push(freq_score(count.max(RARE_FLOOR)) - COST_WEIGHT * 0.25, text);
            }
        }
        // A proper noun in lower case, with or without a suffix.
        if !starts_upper(word) {
            let capital = capitalize(word_lower, self.language);
            if let Some(fix) = self.proper_noun_with_suffix(word_lower) {
                push(freq_score(50) - COST_WEIGHT * 0.3, fix);
            } else if !self.accepts(word_lower) && self.dictionary.check(&capital) {
                push(
                    freq_score(self.count(word_lower)) - COST_WEIGHT * 0.2,
                    capital,
                );
            }
        }
        // Two words written as one.
        let chars: Vec<(usize, char)> = word_lower.char_indices().collect();
        for (at, _) in chars.iter().skip(2) {
            let (left, right) = word_lower.split_at(*at);
            if right.chars().count() < 3 {
                continue;
            }
            let (l, r) = (self.count(left), self.count(right));
            if l >= 20 && (r >= 20 || (r > 0 && self.accepts(right))) {
                push(
                    freq_score(l.min(r)) - COST_WEIGHT * 1.1,
                    format!("{left} {right}"),
                );
            }
        }

        // Rare forms the frequency model lacks (`duramıyoruz`): the dictionary on the edits
        // that typists make most ([`likely_edits`]); when nothing in the model is near, also an
        // extra letter or two letters swapped.
        let nothing_near = scored.len() == start;
        // Not worth the dictionary's time when the model has the word with other letters only
        // (`cok` → `çok`).
        let letters_only = closest <= 0.5;
        let others = if nothing_near {
            other_edits(word_lower)
        } else {
            Vec::new()
        };
        let candidates = likely_edits(word_lower).into_iter().chain(others);
        for candidate in candidates.take(200) {
            if letters_only {
                break;
            }
            if self.count(&candidate) == 0 && self.dictionary.check(&candidate) {
                let d = distance(word_lower, &candidate);
                let floor = if nothing_near { 0 } else { DICTIONARY_FLOOR };
                scored.push((freq_score(floor) - COST_WEIGHT * d, candidate));
            }
        }
    }
}

impl Speller {
    /// `word` (lower case) as a known word: itself when accepted, else the most frequent word of
    /// the model with the same letters less Turkish marks (`degil` → `değil`), else the most
    /// frequent with one more letter (`çıkmıyo` → `çıkmıyor`), else a listed
    /// misspelling's correction (`deil` → `değil`).
    pub fn known_form(&self, word: &str) -> Option<String> {
        if self.accepts(word) {
            return Some(word.to_owned());
        }
        let mut ids = Vec::new();
        self.index().same_folded(&self.entries, word, &mut ids);
        if ids.is_empty() && word.chars().count() >= 4 {
            // One letter left out after the first (`çıkmıyo` → `çıkmıyor`).
            self.index().folded_or_one_more(word, &mut ids);
            ids.retain(|id| {
                let first = |w: &str| w.chars().next().map(crate::case::fold);
                first(&self.entries[*id as usize].lower) == first(word)
            });
        }
        if let Some(entry) = ids
            .iter()
            .map(|id| &self.entries[*id as usize])
            .max_by_key(|e| e.count)
        {
            return Some(entry.form.clone());
        }
        self.misspellings.get(word).map(|l| l.right.clone())
    }

    /// A phrase of known words (each accepted, or known to the frequency model once its Turkish
    /// letters are restored), written as known, with the first word's count.
    fn known_phrase(&self, phrase: &str) -> Option<(String, u32)> {
        let mut out = String::with_capacity(phrase.len() + 4);
        let mut first_count = None;
        for word in phrase.split(' ') {
            // The most frequent word with these letters, Turkish marks aside; the word as typed
            // when the model has none (`baslayacağım` → `başlayacağım`).
            let mut ids = Vec::new();
            self.index().same_folded(&self.entries, word, &mut ids);
            let restored = ids
                .iter()
                .map(|id| &self.entries[*id as usize])
                .max_by_key(|e| e.count);
            let (form, count) = match restored {
                Some(entry) if entry.count > self.count(word) => (entry.form.clone(), entry.count),
                _ if self.accepts(word) => (word.to_owned(), self.count(word)),
                Some(entry) => (entry.form.clone(), entry.count),
                None => return None,
            };
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&form);
            first_count.get_or_insert(count);
        }
        Some((out, first_count.unwrap_or(0)))
    }
}

/// `word` with one of the slips quick typists make most: a vowel dropped (`duramıyrz`), a
/// double letter typed once (`demişin`), a consonant dropped at the end of a syllable
/// (`ambulasın`), a vowel raised before `y` as spoken (`göremiyecek`).
fn likely_edits(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    let mut push = |at: usize, insert: bool, letter: char| {
        let mut c = chars.clone();
        if insert {
            c.insert(at, letter);
        } else {
            c[at] = letter;
        }
        out.push(c.into_iter().collect::<String>());
    };
    for at in 1..chars.len() {
        for v in ['a', 'e', 'ı', 'i', 'o', 'ö', 'u', 'ü'] {
            push(at, true, v);
        }
    }
    for at in 1..chars.len() {
        let letter = chars[at];
        if chars[at - 1] != letter && chars.get(at + 1) != Some(&letter) {
            push(at, true, letter);
        }
    }
    for at in 2..chars.len() {
        if is_vowel(chars[at - 1]) && !is_vowel(chars[at]) {
            for letter in CODA_CONSONANTS {
                if chars[at] != letter {
                    push(at, true, letter);
                }
            }
        }
    }
    for at in 1..chars.len().saturating_sub(1) {
        if matches!(chars[at], 'ı' | 'i' | 'u' | 'ü') && chars[at + 1] == 'y' {
            push(at, false, 'a');
            push(at, false, 'e');
        }
    }
    out
}

/// The consonants that most often close a Turkish syllable, so the ones a hurried typist drops
/// between a vowel and the next consonant.
const CODA_CONSONANTS: [char; 8] = ['n', 'r', 'l', 's', 'y', 'k', 't', 'm'];

/// `word` with a letter deleted or two neighbours swapped.
fn other_edits(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    for at in 0..chars.len() {
        let mut c = chars.clone();
        c.remove(at);
        out.push(c.into_iter().collect());
    }
    for at in 1..chars.len() {
        let mut c = chars.clone();
        c.swap(at - 1, at);
        out.push(c.into_iter().collect());
    }
    out
}

/// Whether the letters of `short` appear in `long` in order, Turkish marks aside.
fn folded_subsequence(short: &str, long: &str) -> bool {
    let mut long = long.chars().map(crate::case::fold);
    short
        .chars()
        .map(crate::case::fold)
        .all(|c| long.any(|l| l == c))
}

/// Whether `c` is a letter of the Latin script (the scripts these dictionaries know).
fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && (c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c) || c == 'ẞ')
}

/// `right` with the case of `word`: capitalised when `word` is and `right` is not already.
fn recase(word: &str, right: &str, language: Language) -> String {
    if starts_upper(word) && !starts_upper(right) {
        capitalize(right, language)
    } else {
        right.to_owned()
    }
}

/// Whether a letter of `word` is lengthened for sure: three of it in a row, or the last letter
/// doubled (`gidiyoo`).
fn lengthened(word: &str) -> bool {
    let mut rev = word.chars().rev();
    squeeze(word) != word || rev.next().is_some_and(|last| rev.next() == Some(last))
}

/// Runs of three or more of a letter cut to two (`yaaaa` → `yaa`).
fn squeeze(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut run = (None, 0);
    for c in word.chars() {
        run = if run.0 == Some(c) {
            (Some(c), run.1 + 1)
        } else {
            (Some(c), 1)
        };
        if run.1 <= 2 {
            out.push(c);
        }
    }
    out
}

/// Runs of a letter cut to one (`yaaaa` → `ya`).
fn squeeze_to_one(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut prev = None;
    for c in word.chars() {
        if prev != Some(c) {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrong(kind: ErrorKind, fix: &str) -> Check {
        Check::Wrong {
            kind,
            fix: Some(fix.to_owned()),
        }
    }

    #[test]
    fn the_embedded_lists_load_and_every_listed_correction_is_a_word() {
        let tr = Speller::turkish();
        assert!(tr.entries.len() > 50_000);
        for (wrong, listed) in tr.misspellings().iter() {
            for word in listed.right.split(' ') {
                let word = word.trim_end_matches('.');
                assert!(
                    !matches!(tr.check(word), Check::Wrong { .. }),
                    "{wrong} → {}: `{word}` is not a word",
                    listed.right
                );
            }
        }
    }

    #[test]
    fn correct_words_names_and_acronyms_pass() {
        let tr = Speller::turkish();
        for w in [
            "güzel",
            "Güzel",
            "hükümet",
            "evlerimizden",
            "İstanbul",
            "Türkiye'nin",
        ] {
            assert_eq!(tr.check(w), Check::Correct, "{w}");
        }
        for w in [
            "Lavrov",
            "Bayramov'un",
            "NATO'nun",
            "ABD",
            "CHP",
            "Granada",
            "s1ktir",
        ] {
            assert_eq!(tr.check(w), Check::Skipped, "{w}");
        }
    }

    #[test]
    fn names_the_dictionary_lacks_are_learnt_from_edited_text() {
        let tr = Speller::turkish();
        // `Halep` and `Kerkük` are not in tr_TR; news writes them capitalised.
        assert_eq!(tr.check("Halep"), Check::Correct);
        assert!(!matches!(tr.check("Kerkük'e"), Check::Wrong { .. }));
        assert_eq!(tr.check("halep"), wrong(ErrorKind::ProperNounCase, "Halep"));
        assert_eq!(tr.suggest("kerküke", 1), vec!["Kerkük'e"]);
        // A name that English knows is not made an error in lower case.
        assert_ne!(
            tr.check("sherlock"),
            wrong(ErrorKind::ProperNounCase, "Sherlock")
        );
    }

    #[test]
    fn listed_and_apostrophe_errors_come_with_their_fix() {
        let tr = Speller::turkish();
        assert_eq!(tr.check("herkez"), wrong(ErrorKind::Listed, "herkes"));
        assert_eq!(tr.check("Herkez"), wrong(ErrorKind::Listed, "Herkes"));
        assert_eq!(tr.check("birsey"), wrong(ErrorKind::Listed, "bir şey"));
        assert_eq!(tr.check("saol"), wrong(ErrorKind::Colloquial, "sağ ol"));
        assert_eq!(
            tr.check("Türkiyenin"),
            wrong(ErrorKind::ProperNounApostrophe, "Türkiye'nin")
        );
        assert_eq!(
            tr.check("okul’da"),
            wrong(ErrorKind::CommonNounApostrophe, "okulda")
        );
        assert_eq!(
            tr.check("ankara"),
            wrong(ErrorKind::ProperNounCase, "Ankara")
        );
        assert_eq!(tr.check("Allah"), Check::Correct);
    }

    #[test]
    fn the_suggester_ranks_the_intended_word_first() {
        let tr = Speller::turkish();
        for (typed, meant) in [
            ("geliyom", "geliyorum"),
            ("gidicem", "gideceğim"),
            ("dahaa", "daha"),
            ("yapıo", "yapıyor"),
            ("düşündüğnü", "düşündüğünü"),
            ("güzl", "güzel"),
            ("ümraniyede", "Ümraniye'de"),
            ("napıyosun", "ne yapıyorsun"),
            ("gelmicekti", "gelmeyecekti"),
            ("okuyim", "okuyayım"),
            ("güzeeel", "güzel"),
            ("kardşm", "kardeşim"),
            // Squeezed, a listed colloquial spelling (`baya` → `bayağı`), or a word with a
            // double letter of its own.
            ("bayaaaa", "bayağı"),
            ("yaptıı", "yaptı"),
            ("gidiyoo", "gidiyor"),
            // A vowel raised before `y` in a form the frequency model lacks.
            ("göremiyeceksiniz", "göremeyeceksiniz"),
            // A consonant dropped before the next syllable, in a form the model lacks.
            ("ambulasın", "ambulansın"),
            ("saaaat", "saat"),
        ] {
            assert_eq!(tr.suggest(typed, 1), vec![meant.to_owned()], "{typed}");
        }
    }

    #[test]
    fn english_is_checked_and_corrected_in_english() {
        let en = Speller::english();
        assert_eq!(en.check("newspaper"), Check::Correct);
        assert_eq!(en.check("Lavrov"), Check::Skipped);
        assert!(matches!(en.check("recieve"), Check::Wrong { .. }));
        assert_eq!(en.suggest("recieve", 1), vec!["receive".to_owned()]);
        assert_eq!(en.suggest("dont", 1), vec!["don't".to_owned()]);
        assert_eq!(en.suggest("thats", 1), vec!["that's".to_owned()]);
    }

    #[test]
    fn odd_inputs_never_panic() {
        let tr = Speller::turkish();
        for w in [
            "",
            "'",
            "’",
            "ı\u{307}",
            "a\u{307}b",
            "i\u{307}stiyom",
            "😀",
            &"ş".repeat(300),
        ] {
            let _ = tr.check(w);
            let _ = tr.suggest(w, 3);
        }
    }
}
