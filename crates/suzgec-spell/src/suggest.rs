//! The Turkish suggester's candidate index: every word of the frequency model under its folded form
//! (lower case, Turkish marks dropped) and under each folded form with one letter deleted.
//!
//! A query looks up its own folded form with up to two letters deleted; this finds every word within
//! one edit (any kind) and most within two, whatever Turkish letters either side was typed with. The
//! hits are then measured with [`distance`], where a Turkish-letter slip (`c`/`ç`) costs little.

use crate::case::fold;

/// A word of the frequency model.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// As the dictionary accepts it (`bir`, `Türkiye`).
    pub form: String,
    /// Its lower case.
    pub lower: String,
    /// Occurrences in the training corpora.
    pub count: u32,
}

/// Folded-deletion index over the entries.
#[derive(Debug, Default)]
pub(crate) struct DeleteIndex {
    /// (hash of a folded form or a one-letter deletion of it, entry id), sorted.
    keys: Vec<(u64, u32)>,
    /// (hash of a folded form's consonants, entry id), sorted: finds words typed without their
    /// vowels (`msj` → `mesaj`, `istyrm` → `istiyorum`).
    skeletons: Vec<(u64, u32)>,
}

/// Whether `c` (folded) is a vowel.
fn is_folded_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Hash of the consonants of a folded word.
fn skeleton_hash(folded: &[char]) -> u64 {
    hash_chars(folded.iter().copied().filter(|c| !is_folded_vowel(*c)))
}

/// FNV-1a over the chars: fast, and good enough for a table of words.
fn hash_chars(chars: impl Iterator<Item = char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        h ^= c as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Hashes of `folded` with each single char deleted.
fn deletion_hashes(folded: &[char], out: &mut Vec<u64>) {
    for skip in 0..folded.len() {
        out.push(hash_chars(
            folded
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| *c),
        ));
    }
}

impl DeleteIndex {
    /// Indexes the entries (all of them; the model is already cut to words worth suggesting).
    pub fn build(entries: &[Entry]) -> DeleteIndex {
        let mut keys = Vec::with_capacity(entries.len() * 10);
        let mut skeletons = Vec::with_capacity(entries.len());
        let mut hashes = Vec::new();
        for (id, entry) in entries.iter().enumerate() {
            let folded: Vec<char> = entry.lower.chars().map(fold).collect();
            hashes.clear();
            hashes.push(hash_chars(folded.iter().copied()));
            deletion_hashes(&folded, &mut hashes);
            hashes.sort_unstable();
            hashes.dedup();
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            skeletons.push((skeleton_hash(&folded), id));
            keys.extend(hashes.iter().map(|h| (*h, id)));
        }
        keys.sort_unstable();
        skeletons.sort_unstable();
        DeleteIndex { keys, skeletons }
    }

    fn ids_of(&self, hash: u64, out: &mut Vec<u32>) {
        Self::ids_in(&self.keys, hash, out);
    }

    fn ids_in(table: &[(u64, u32)], hash: u64, out: &mut Vec<u32>) {
        let start = table.partition_point(|(h, _)| *h < hash);
        out.extend(
            table[start..]
                .iter()
                .take_while(|(h, _)| *h == hash)
                .map(|(_, id)| *id),
        );
    }

    /// Ids of entries that may be within two edits of `lower` (to be measured with [`distance`]).
    pub fn near(&self, lower: &str, out: &mut Vec<u32>) {
        let folded: Vec<char> = lower.chars().map(fold).collect();
        let mut hashes = vec![hash_chars(folded.iter().copied())];
        deletion_hashes(&folded, &mut hashes);
        if folded.len() > 3 {
            for skip in 0..folded.len() {
                let mut once = folded.clone();
                once.remove(skip);
                deletion_hashes(&once, &mut hashes);
            }
        }
        hashes.sort_unstable();
        hashes.dedup();
        for h in hashes {
            self.ids_of(h, out);
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Ids of entries with the same consonants as `lower`, in the same order, whatever their
    /// vowels (`bnm` → `benim`); to be measured with [`distance`].
    pub fn same_consonants(&self, lower: &str, out: &mut Vec<u32>) {
        let folded: Vec<char> = lower.chars().map(fold).collect();
        Self::ids_in(&self.skeletons, skeleton_hash(&folded), out);
    }

    /// Ids of entries whose folded form is that of `lower` or that of `lower` with one more letter
    /// (`cikmiyo` → `çıkmıyor`); to be measured with [`distance`].
    pub fn folded_or_one_more(&self, lower: &str, out: &mut Vec<u32>) {
        self.ids_of(hash_chars(lower.chars().map(fold)), out);
    }

    /// Ids of entries whose folded form is exactly that of `lower` (`cok` → `çok`); not those
    /// that share only a one-letter deletion with it (`degildi` is not `değildir`).
    pub fn same_folded(&self, entries: &[Entry], lower: &str, out: &mut Vec<u32>) {
        let folded: Vec<char> = lower.chars().map(fold).collect();
        let start = out.len();
        self.ids_of(hash_chars(folded.iter().copied()), out);
        let mut kept = start;
        for i in start..out.len() {
            let id = out[i];
            let same = entries
                .get(id as usize)
                .is_some_and(|e| e.lower.chars().map(fold).eq(folded.iter().copied()));
            if same {
                out[kept] = id;
                kept += 1;
            }
        }
        out.truncate(kept);
    }
}

/// What an edit of a word's first letter costs on top of the edit.
const FIRST_LETTER_COST: f32 = 0.3;

/// Whether `typed` for `meant` is a vowel raised before `y` as spoken (`göremiyecek` for
/// `göremeyecek`, `başlıyacak` for `başlayacak`).
fn raised(typed: char, meant: char, next: Option<&char>) -> bool {
    matches!(typed, 'ı' | 'i' | 'u' | 'ü') && matches!(meant, 'a' | 'e') && next == Some(&'y')
}

/// Cost of turning `a` (as typed) into `b` (a candidate), both lower case: insertions, deletions,
/// substitutions and swaps of neighbours cost 1, except a Turkish-letter slip (`c` for `ç`, `i`
/// for `ı`) 0.2, a vowel raised before `y` as spoken (`göremiyecek`) 0.3, a doubled letter typed
/// or dropped (`dahaa`) 0.4, and a vowel the typist dropped (`düşündüğnü` → `düşündüğünü`) 0.5;
/// an edit of the first letter costs [`FIRST_LETTER_COST`] more.
pub(crate) fn distance(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![0f32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    let indel = |s: &[char], i: usize| {
        // Deleting s[i-1] when it repeats its neighbour is cheap.
        if (i >= 2 && s[i - 1] == s[i - 2]) || (i < s.len() && s[i - 1] == s[i]) {
            0.4
        } else {
            1.0
        }
    };
    // An edit of the first letter is rarer than one inside the word.
    let first = |at_first: bool| if at_first { FIRST_LETTER_COST } else { 0.0 };
    for i in 1..=n {
        d[at(i, 0)] = d[at(i - 1, 0)] + indel(&a, i) + first(i == 1);
    }
    let insert = |j: usize| {
        let doubled = indel(&b, j);
        if doubled < 1.0 {
            doubled
        } else if matches!(b[j - 1], 'a' | 'e' | 'ı' | 'i' | 'o' | 'ö' | 'u' | 'ü') {
            0.5
        } else {
            1.0
        }
    };
    for j in 1..=m {
        d[at(0, j)] = d[at(0, j - 1)] + insert(j) + first(j == 1);
    }
    for i in 1..=n {
        for j in 1..=m {
            let sub = if a[i - 1] == b[j - 1] {
                0.0
            } else if fold(a[i - 1]) == fold(b[j - 1]) {
                0.2
            } else if raised(a[i - 1], b[j - 1], b.get(j)) {
                0.3
            } else {
                1.0 + first(i == 1 && j == 1)
            };
            let mut best = (d[at(i - 1, j - 1)] + sub)
                .min(d[at(i - 1, j)] + indel(&a, i) + first(i == 1))
                .min(d[at(i, j - 1)] + insert(j) + first(j == 1));
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[at(i - 2, j - 2)] + 1.0);
            }
            d[at(i, j)] = best;
        }
    }
    d[at(n, m)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turkish_letter_slips_and_doubled_letters_are_cheap() {
        assert!((distance("cok", "çok") - 0.2).abs() < 1e-6);
        assert!((distance("dahaa", "daha") - 0.4).abs() < 1e-6);
        assert!((distance("herkez", "herkes") - 1.0).abs() < 1e-6);
        assert!((distance("yanlız", "yalnız") - 1.0).abs() < 1e-6);
        assert!((distance("burda", "burada") - 0.5).abs() < 1e-6);
        assert!((distance("aradm", "aradım") - 0.5).abs() < 1e-6);
    }

    #[test]
    fn the_index_finds_words_within_two_edits_whatever_their_letters() {
        let entries: Vec<Entry> = ["çok", "herkes", "yalnız", "geliyorum"]
            .iter()
            .map(|w| Entry {
                form: (*w).into(),
                lower: (*w).into(),
                count: 1,
            })
            .collect();
        let index = DeleteIndex::build(&entries);
        let mut ids = Vec::new();
        index.near("herkez", &mut ids);
        assert_eq!(ids, vec![1]);
        ids.clear();
        index.near("yanliz", &mut ids);
        assert_eq!(ids, vec![2]);
        ids.clear();
        index.near("geliyrum", &mut ids);
        assert_eq!(ids, vec![3]);
        ids.clear();
        index.same_folded(&entries, "cok", &mut ids);
        assert_eq!(ids, vec![0]);
        ids.clear();
        index.same_consonants("glyrm", &mut ids);
        assert_eq!(ids, vec![3]);
    }
}
