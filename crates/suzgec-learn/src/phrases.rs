//! The words whose decisions on a site differ most from the shipped policy's, so that moderators
//! can see what the site model learnt (`the site now refuses …`).

use std::collections::{HashMap, HashSet};

use suzgec_core::Language;
use suzgec_core::site::MovedPhrase;
use suzgec_core::text::CaseRules;

/// Phrases listed each way.
const LISTED: usize = 12;

/// Fewest decisions a word must appear in.
const MIN_DECISIONS: usize = 5;

/// From `(text, site refused, shipped refused)`, the words the site refuses more often than the
/// shipped policy does and those it approves more often, most moved first: the difference of the
/// two refusal rates, weighed by how often the word occurs. Words in more than a twentieth of the
/// decisions (`bir`, `the`) say nothing about the line and are left out.
pub fn moved<'a>(
    decisions: impl Iterator<Item = (&'a str, bool, bool)>,
) -> (Vec<MovedPhrase>, Vec<MovedPhrase>) {
    let lower = CaseRules::for_language(Language::Tr);
    // word -> (decisions, site refusals, shipped refusals)
    let mut counts: HashMap<String, (usize, usize, usize)> = HashMap::new();
    let mut total = 0usize;
    for (text, site, shipped) in decisions {
        total += 1;
        let words: HashSet<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_numeric()))
            .map(|w| lower.lower(w))
            .collect();
        for word in words {
            let entry = counts.entry(word).or_default();
            entry.0 += 1;
            entry.1 += usize::from(site);
            entry.2 += usize::from(shipped);
        }
    }
    if total == 0 {
        return (Vec::new(), Vec::new());
    }
    let least = MIN_DECISIONS.max(total / 1000);
    let most = (total / 20).max(least);
    let mut scored: Vec<(f32, MovedPhrase)> = counts
        .into_iter()
        .filter(|(_, (n, ..))| (least..=most).contains(n))
        .map(|(phrase, (n, site, shipped))| {
            let site_refused = site as f32 / n as f32;
            let shipped_refused = shipped as f32 / n as f32;
            let shift = (site_refused - shipped_refused) * (n as f32).sqrt();
            let phrase = MovedPhrase {
                phrase,
                decisions: n,
                site_refused,
                shipped_refused,
            };
            (shift, phrase)
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.phrase.cmp(&b.1.phrase))
    });
    let refuses_more = scored
        .iter()
        .take_while(|(shift, _)| *shift > 0.0)
        .take(LISTED)
        .map(|(_, p)| p.clone())
        .collect();
    let approves_more = scored
        .iter()
        .rev()
        .take_while(|(shift, _)| *shift < 0.0)
        .take(LISTED)
        .map(|(_, p)| p.clone())
        .collect();
    (refuses_more, approves_more)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_the_site_treats_differently_are_listed_each_way() {
        let mut decisions = Vec::new();
        for i in 0..200 {
            // The site refuses what the shipped policy lets through, and the other way round.
            if i < 10 {
                decisions.push(("Bakan tam bir beceriksiz", true, false));
                decisions.push(("Hakem kör müydü", false, true));
            }
            decisions.push(("Güzel bir haber", false, false));
        }
        let (more, less) = moved(decisions.into_iter());
        assert_eq!(more.first().map(|p| p.phrase.as_str()), Some("bakan"));
        assert!(more.iter().any(|p| p.phrase == "beceriksiz"));
        assert_eq!(more[0].decisions, 10);
        assert_eq!(more[0].site_refused, 1.0);
        assert!(less.iter().any(|p| p.phrase == "hakem"));
        // `haber` moved nowhere; `bir` is in most decisions.
        assert!(
            !more
                .iter()
                .chain(&less)
                .any(|p| p.phrase == "haber" || p.phrase == "bir")
        );
    }
}
