//! The SentencePiece unigram tokenizer of the encoder's vocabulary.
//!
//! Text is normalised code point by code point (the vocabulary's own map: compatibility forms,
//! control characters dropped), runs of spaces collapse to one, a space is put in front and every
//! space becomes the metaspace `▁`; then the most probable split into vocabulary pieces is found
//! (Viterbi over the pieces' log probabilities). A character no piece covers becomes `<unk>`.

use std::collections::HashMap;

/// The metaspace marker that stands for a space inside pieces.
const METASPACE: char = '\u{2581}';

/// How much less likely than the rarest piece an unknown character is.
const UNKNOWN_PENALTY: f32 = 10.0;

/// The ids of the special pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Specials {
    /// Start of a sequence (`<s>`).
    pub bos: u32,
    /// End of a sequence (`</s>`).
    pub eos: u32,
    /// Padding (`<pad>`).
    pub pad: u32,
    /// Unknown character (`<unk>`).
    pub unk: u32,
}

/// Splits text into the encoder's vocabulary pieces.
#[derive(Debug, Clone)]
pub struct Tokenizer {
    ids: HashMap<String, u32>,
    scores: Vec<f32>,
    normalisation: HashMap<char, Vec<char>>,
    specials: Specials,
    unknown_score: f32,
    longest_piece: usize,
}

impl Tokenizer {
    /// A tokenizer over `pieces` (id = position) with their log probabilities.
    pub fn new(
        pieces: Vec<String>,
        scores: Vec<f32>,
        normalisation: HashMap<char, Vec<char>>,
        specials: Specials,
    ) -> Tokenizer {
        let unknown_score = scores.iter().copied().fold(0.0_f32, f32::min) - UNKNOWN_PENALTY;
        let longest_piece = pieces.iter().map(|p| p.chars().count()).max().unwrap_or(1);
        let special_ids = [specials.bos, specials.eos, specials.pad, specials.unk];
        let ids = pieces
            .into_iter()
            .enumerate()
            .filter(|(id, _)| !special_ids.contains(&(*id as u32)))
            .map(|(id, piece)| (piece, id as u32))
            .collect();
        Tokenizer {
            ids,
            scores,
            normalisation,
            specials,
            unknown_score,
            longest_piece,
        }
    }

    /// The special pieces' ids.
    pub fn specials(&self) -> Specials {
        self.specials
    }

    /// The number of pieces.
    pub fn len(&self) -> usize {
        self.scores.len()
    }

    /// Whether the vocabulary is empty.
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }

    /// The text as the pieces see it: normalised, spaces collapsed, `▁` for each space.
    fn prepare(&self, text: &str) -> Vec<char> {
        let mut chars = vec![METASPACE];
        for c in text.chars() {
            let mapped = self.normalisation.get(&c);
            for c in mapped.map_or(std::slice::from_ref(&c), Vec::as_slice) {
                let c = if *c == ' ' { METASPACE } else { *c };
                if !(c == METASPACE && chars.last() == Some(&METASPACE)) {
                    chars.push(c);
                }
            }
        }
        chars
    }

    /// The piece ids of `text`, without the special pieces around it.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let chars = self.prepare(text);
        let n = chars.len();
        // best[i]: the score of the best split of chars[..i], reached by `piece` from `from`.
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        let mut piece = vec![self.specials.unk; n + 1];
        let mut from = vec![0usize; n + 1];
        best[0] = 0.0;
        let mut candidate = String::new();
        for start in 0..n {
            if best[start] == f32::NEG_INFINITY {
                continue;
            }
            candidate.clear();
            for end in start + 1..=n.min(start + self.longest_piece) {
                candidate.push(chars[end - 1]);
                if let Some(&id) = self.ids.get(&candidate) {
                    let score = best[start] + self.scores[id as usize];
                    if score > best[end] {
                        (best[end], piece[end], from[end]) = (score, id, start);
                    }
                }
            }
            let unknown = best[start] + self.unknown_score;
            if unknown > best[start + 1] {
                (best[start + 1], piece[start + 1], from[start + 1]) =
                    (unknown, self.specials.unk, start);
            }
        }
        let mut ids = Vec::new();
        let mut at = n;
        while at > 0 {
            ids.push(piece[at]);
            at = from[at];
        }
        ids.reverse();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokenizer() -> Tokenizer {
        let pieces = [
            "<s>", "<pad>", "</s>", "<unk>", "▁", "▁gel", "di", "▁geldi", "g", "e", "l",
        ];
        let scores = vec![0.0, 0.0, 0.0, 0.0, -3.0, -6.0, -5.0, -8.0, -7.0, -7.0, -7.0];
        let normalisation = HashMap::from([('\u{00A0}', vec![' ']), ('\u{200B}', vec![])]);
        Tokenizer::new(
            pieces.iter().map(|p| p.to_string()).collect(),
            scores,
            normalisation,
            Specials {
                bos: 0,
                pad: 1,
                eos: 2,
                unk: 3,
            },
        )
    }

    #[test]
    fn the_most_probable_split_wins() {
        let t = tokenizer();
        // ▁geldi (-8) beats ▁gel + di (-11).
        assert_eq!(t.encode("geldi"), vec![7]);
        assert_eq!(t.encode("geldi geldi"), vec![7, 7]);
    }

    #[test]
    fn spaces_are_normalised_and_collapsed() {
        let t = tokenizer();
        assert_eq!(t.encode("geldi \u{00A0}  ge\u{200B}l"), vec![7, 5]);
    }

    #[test]
    fn characters_no_piece_covers_are_unknown() {
        let t = tokenizer();
        assert_eq!(t.encode("gelx"), vec![5, 3]);
        assert_eq!(t.encode(""), vec![4]);
        assert!(!t.encode("🙂").is_empty());
    }
}
