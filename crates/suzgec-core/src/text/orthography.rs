//! Turkish orthography rules that need the words around a word, after the Turkish Language
//! Association's spelling guide (TDK *Yazım Kılavuzu*): the conjunctions `de/da` and `ki` and the
//! question particle `mı/mi/mu/mü` are written apart from the word before them.
//!
//! Each check here is deliberately narrow: `bende` ("on me") and `evdeki` ("the one at home") are
//! correct Turkish, so a fused form is flagged only when the fused word is not a word at all, or
//! when the sentence leaves one reading (`Bende geleceğim`: the verb agrees with `ben`).

use suzgec_spell::{Check, Speller};

use super::casing::CaseRules;

/// Which orthography rule a fix follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Clitic {
    /// The conjunction `de/da` ("too"), written apart, never `te/ta`.
    DeDa,
    /// The conjunction `ki`, written apart (except `belki`, `çünkü`, `sanki`, …).
    Ki,
    /// The question particle `mı/mi/mu/mü`, written apart, in vowel harmony with the word before.
    Mi,
}

/// Words ending in `ki` that are written fused (TDK lists them as exceptions).
pub const FUSED_KI: &[&str] = &[
    "belki", "çünkü", "sanki", "oysaki", "halbuki", "hâlbuki", "mademki", "meğerki", "illaki",
    "hele ki",
];

/// The forms of the question particle (with its personal and tense endings), in front-unrounded
/// spelling; the other harmonies replace the vowel.
const MI_FORMS: &[&str] = &[
    "mi", "misin", "miyim", "miyiz", "misiniz", "midir", "miydi", "miymiş", "miyken", "mis",
];

/// Whether `c` is a Turkish vowel, in either case.
pub fn is_vowel(c: char) -> bool {
    "aeıioöuüâîûAEIİOÖUÜ".contains(c)
}

/// `suffix` with its vowels in harmony with `stem`, each following the vowel before it ([`high_vowel`],
/// [`low_vowel`]): after `ke`, how `PKK` is read, `ya` → `ye` and `nın` → `nin`. `-ki` and `-yor`
/// keep theirs.
pub fn harmonize_suffix(stem: &str, suffix: &str) -> String {
    let chars: Vec<char> = suffix.chars().collect();
    let mut read = stem.to_owned();
    for (i, c) in chars.iter().enumerate() {
        let after = |letter: char| i >= 1 && chars[i - 1] == letter;
        let fixed = (after('k') && *c == 'i' && i + 1 == chars.len()) || (after('y') && *c == 'o');
        let harmonized = match c {
            _ if fixed => None,
            'a' | 'e' => low_vowel(&read),
            'ı' | 'i' | 'u' | 'ü' => high_vowel(&read),
            _ => None,
        };
        read.push(harmonized.unwrap_or(*c));
    }
    read[stem.len()..].to_owned()
}

/// The high vowel a suffix takes after `word` (last vowel: a/ı → ı, e/i → i, o/u → u, ö/ü → ü).
pub fn high_vowel(word: &str) -> Option<char> {
    word.chars().rev().find_map(|c| match c {
        'a' | 'ı' | 'A' | 'I' | 'â' => Some('ı'),
        'e' | 'i' | 'E' | 'İ' | 'î' => Some('i'),
        'o' | 'u' | 'O' | 'U' | 'û' => Some('u'),
        'ö' | 'ü' | 'Ö' | 'Ü' => Some('ü'),
        _ => None,
    })
}

/// The low vowel a suffix takes after `word` (last vowel back → a, front → e).
pub fn low_vowel(word: &str) -> Option<char> {
    high_vowel(word).map(|v| if matches!(v, 'ı' | 'u') { 'a' } else { 'e' })
}

/// The question particle form `particle` (lower case, any harmony) in the harmony of `word`.
pub fn harmonize_mi(particle: &str, word: &str) -> Option<String> {
    let vowel = high_vowel(word)?;
    Some(
        particle
            .chars()
            .map(|c| {
                if matches!(c, 'ı' | 'i' | 'u' | 'ü') {
                    vowel
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Whether a lower-case word is a form of the question particle.
pub fn is_mi_form(lower: &str) -> bool {
    let front: String = lower
        .chars()
        .map(|c| {
            if matches!(c, 'ı' | 'u' | 'ü') {
                'i'
            } else {
                c
            }
        })
        .collect();
    MI_FORMS.contains(&front.as_str())
}

/// A word written fused with a clitic that the dictionary does not know as one word: the fix
/// writes the clitic apart, in vowel harmony (`geliyormusun` → `geliyor musun`, `diyorki` →
/// `diyor ki`, `ozaman da`). `word` is as written; `lower` its lower case.
pub fn split_fused(speller: &Speller, word: &str, lower: &str) -> Option<(Clitic, String)> {
    let known = |stem: &str| -> Option<String> {
        if speller.check(stem) == Check::Correct {
            return Some(stem.to_owned());
        }
        // The stem typed without its Turkish letters or misspelled itself (`degilde` → `değil
        // de`, `deilmi` → `değil mi`).
        let fixed = speller.known_form(&CaseRules::Turkish.lower(stem))?;
        Some(if stem.chars().next().is_some_and(char::is_uppercase) {
            CaseRules::Turkish.capitalize(&fixed)
        } else {
            fixed
        })
    };
    // The question particle, longest form first.
    let mut forms: Vec<&str> = MI_FORMS.to_vec();
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    for form in forms {
        if form == "mis" {
            // Fused, `-mis` is far more often the evidential `-miş` typed without its `ş`
            // (`biliyormus` → `biliyormuş`) than the particle's short form.
            continue;
        }
        for harmony in ['ı', 'i', 'u', 'ü'] {
            let particle: String = form
                .chars()
                .map(|c| if c == 'i' { harmony } else { c })
                .collect();
            if let Some(stem) = stem_of(word, lower, &particle)
                && let Some(stem) = known(stem)
                && let Some(right) = harmonize_mi(&particle, &stem)
            {
                return Some((Clitic::Mi, format!("{stem} {right}")));
            }
        }
    }
    // After a locative (`evdeki`, `salnamelerdeki`) `-ki` is the relative suffix, written fused.
    let relative = ["deki", "daki", "teki", "taki"]
        .iter()
        .any(|e| lower.ends_with(e));
    if !FUSED_KI.contains(&lower)
        && !relative
        && let Some(stem) = stem_of(word, lower, "ki")
        && let Some(stem) = known(stem)
    {
        return Some((Clitic::Ki, format!("{stem} ki")));
    }
    for ending in ["de", "da", "te", "ta"] {
        if let Some(stem) = stem_of(word, lower, ending)
            && let Some(stem) = known(stem)
            && let Some(vowel) = low_vowel(&stem)
        {
            return Some((Clitic::DeDa, format!("{stem} d{vowel}")));
        }
    }
    None
}

/// The part of `word` before `ending` when it is at least two letters and a word on its own.
fn stem_of<'w>(word: &'w str, lower: &str, ending: &str) -> Option<&'w str> {
    if !lower.ends_with(ending) {
        return None;
    }
    let stem_chars = lower.chars().count() - ending.chars().count();
    if stem_chars < 2 {
        return None;
    }
    let at = word.char_indices().nth(stem_chars).map(|(i, _)| i)?;
    let stem = &word[..at];
    (stem.chars().count() == stem_chars).then_some(stem)
}

/// A personal pronoun written fused with `de/da`, which is also a correct locative (`bende` "on
/// me"), and the verb endings that leave the conjunction the only reading.
struct PronounDe {
    fused: &'static str,
    pronoun: &'static str,
    /// Endings of a verb agreeing with the pronoun, trusted on the clause's last word.
    endings: &'static [&'static str],
    /// Endings that only verbs have, trusted anywhere in the clause.
    verb_endings: &'static [&'static str],
}

const PRONOUNS_DE: &[PronounDe] = &[
    PronounDe {
        fused: "bende",
        pronoun: "ben",
        endings: &["ım", "im", "um", "üm"],
        verb_endings: &["yorum", "acağım", "eceğim", "orum"],
    },
    PronounDe {
        fused: "sende",
        pronoun: "sen",
        endings: &[
            "sın", "sin", "sun", "sün", "dın", "din", "dun", "dün", "tın", "tin", "tun", "tün",
        ],
        verb_endings: &["yorsun", "acaksın", "eceksin"],
    },
    PronounDe {
        fused: "bizde",
        pronoun: "biz",
        endings: &[
            "ız", "iz", "uz", "üz", "dık", "dik", "duk", "dük", "tık", "tik", "tuk", "tük",
        ],
        verb_endings: &[
            "yoruz", "acağız", "eceğiz", "dık", "dik", "duk", "dük", "tık", "tik",
        ],
    },
    PronounDe {
        fused: "sizde",
        pronoun: "siz",
        endings: &[
            "sınız", "siniz", "sunuz", "sünüz", "dınız", "diniz", "dunuz", "dünüz",
        ],
        verb_endings: &["yorsunuz", "acaksınız", "eceksiniz"],
    },
];

/// `Bende geleceğim` → `Ben de`: `lower` is a pronoun fused with `de` and the clause after it
/// (`clause`, its words in lower case) has a verb agreeing with the pronoun: the clause's last
/// word, or any word with an ending only verbs have (`bende istiyorum mutluluktan gebermek`).
/// `Kitap bende kaldı` stays. Returns the fix, cased like `word`.
pub fn pronoun_de(word: &str, lower: &str, clause: &[String], case: CaseRules) -> Option<String> {
    let entry = PRONOUNS_DE.iter().find(|p| p.fused == lower)?;
    // `benim`, `bizim`: possessive pronouns end like verbs but are not verbs.
    let is_verb = |w: &str| !["benim", "bizim", "senin", "sizin"].contains(&w) && w != lower;
    let last_agrees = clause
        .last()
        .is_some_and(|w| is_verb(w) && entry.endings.iter().any(|e| w.ends_with(e)));
    let verb_agrees = clause.iter().any(|w| {
        is_verb(w) && w.chars().count() > 4 && entry.verb_endings.iter().any(|e| w.ends_with(e))
    });
    if !last_agrees && !verb_agrees {
        return None;
    }
    let fixed = format!("{} de", entry.pronoun);
    Some(if word.chars().next().is_some_and(char::is_uppercase) {
        case.capitalize(&fixed)
    } else {
        fixed
    })
}

/// Time words that take the suffix `-ki` fused (`bugünkü`, `yarınki`), written apart by mistake.
pub const TIME_KI: &[(&str, &str)] = &[
    ("bugün", "bugünkü"),
    ("dün", "dünkü"),
    ("yarın", "yarınki"),
    ("şimdi", "şimdiki"),
    ("akşam", "akşamki"),
    ("sabah", "sabahki"),
    ("geçen", "geçenki"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_are_put_in_harmony() {
        assert_eq!(harmonize_suffix("ke", "ya"), "ye");
        assert_eq!(harmonize_suffix("ke", "lilarla"), "lilerle");
        assert_eq!(harmonize_suffix("nato", "nin"), "nun");
        assert_eq!(harmonize_suffix("me", "daki"), "deki");
        assert_eq!(harmonize_suffix("ke", "deki"), "deki");
    }

    #[test]
    fn the_particle_follows_the_last_vowel() {
        assert_eq!(harmonize_mi("misin", "geliyor").as_deref(), Some("musun"));
        assert_eq!(harmonize_mi("mu", "güzel").as_deref(), Some("mi"));
        assert_eq!(harmonize_mi("mi", "var").as_deref(), Some("mı"));
        assert_eq!(harmonize_mi("mi", "gördün").as_deref(), Some("mü"));
        assert!(is_mi_form("musunuz"));
        assert!(!is_mi_form("muz"));
    }

    #[test]
    fn fused_clitics_split_only_when_the_fused_word_is_no_word() {
        let tr = Speller::turkish();
        assert_eq!(
            split_fused(tr, "geliyormusun", "geliyormusun"),
            Some((Clitic::Mi, "geliyor musun".into()))
        );
        assert_eq!(
            split_fused(tr, "diyorki", "diyorki"),
            Some((Clitic::Ki, "diyor ki".into()))
        );
        assert_eq!(
            split_fused(tr, "güzelmi", "güzelmi"),
            Some((Clitic::Mi, "güzel mi".into()))
        );
    }

    #[test]
    fn a_fused_pronoun_needs_an_agreeing_verb() {
        let tr = CaseRules::Turkish;
        let clause = |words: &[&str]| words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            pronoun_de("Bende", "bende", &clause(&["geleceğim"]), tr).as_deref(),
            Some("Ben de")
        );
        assert_eq!(pronoun_de("bende", "bende", &clause(&["kaldı"]), tr), None);
        assert_eq!(
            pronoun_de("bende", "bende", &clause(&["kalabilirsin"]), tr),
            None
        );
        assert_eq!(
            pronoun_de("sende", "sende", &clause(&["haklısın"]), tr).as_deref(),
            Some("sen de")
        );
        assert_eq!(
            pronoun_de(
                "bende",
                "bende",
                &clause(&["istiyorum", "mutluluktan", "gebermek"]),
                tr
            )
            .as_deref(),
            Some("ben de")
        );
        assert_eq!(
            pronoun_de("bende", "bende", &clause(&["bir", "kalem", "var"]), tr),
            None
        );
    }
}
