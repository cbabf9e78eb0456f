//! Hashed features of a text: character n-grams of each word (with word boundaries) and word
//! unigrams and bigrams, each hashed into one of `2^bits` buckets.
//!
//! Training and scoring call the same [`FeatureConfig::extract`], so a model always sees the
//! features it was trained on.

/// Which features to extract and how many buckets to hash them into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureConfig {
    /// Buckets are `2^bits`.
    pub bits: u8,
    /// Shortest character n-gram.
    pub char_min: u8,
    /// Longest character n-gram.
    pub char_max: u8,
    /// Longest word n-gram (1: unigrams only, 2: also bigrams).
    pub word_max: u8,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            bits: 20,
            char_min: 2,
            char_max: 5,
            word_max: 2,
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Seeds that keep the feature kinds apart.
const SEED_CHAR: u64 = 0x9e37_79b9_7f4a_7c15;
const SEED_WORD: u64 = 0xc2b2_ae3d_27d4_eb4f;
const SEED_BIGRAM: u64 = 0x1656_67b1_9e37_79f9;
const SEED_BIAS: u64 = 0x27d4_eb2f_1656_67c5;

fn mix(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
}

/// Final avalanche, so that low bits depend on every input byte.
fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

impl FeatureConfig {
    /// Number of buckets.
    pub fn buckets(&self) -> usize {
        1usize << self.bits
    }

    /// Appends the bucket of every feature of `text` (words separated by spaces) to `out`. A
    /// feature may occur several times; every text also gets one constant feature.
    pub fn extract(&self, text: &str, out: &mut Vec<u32>) {
        let mask = (self.buckets() - 1) as u64;
        let bucket = |h: u64| (finish(h) & mask) as u32;
        out.push(bucket(FNV_OFFSET ^ SEED_BIAS));
        let mut previous: Option<u64> = None;
        let mut padded: Vec<u8> = Vec::with_capacity(32);
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            padded.clear();
            padded.push(b' ');
            padded.extend_from_slice(word.as_bytes());
            padded.push(b' ');
            let (min, max) = (usize::from(self.char_min), usize::from(self.char_max));
            for start in 0..padded.len() {
                let mut h = FNV_OFFSET ^ SEED_CHAR;
                for (n, &byte) in padded[start..].iter().take(max).enumerate() {
                    h = mix(h, byte);
                    if n + 1 >= min {
                        out.push(bucket(h));
                    }
                }
            }
            let word_hash = word.bytes().fold(FNV_OFFSET, mix);
            if self.word_max >= 1 {
                out.push(bucket(word_hash ^ SEED_WORD));
            }
            if self.word_max >= 2
                && let Some(previous) = previous
            {
                out.push(bucket(previous.rotate_left(17) ^ word_hash ^ SEED_BIGRAM));
            }
            previous = Some(word_hash);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_deterministic_and_in_range() {
        let config = FeatureConfig {
            bits: 10,
            ..FeatureConfig::default()
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        config.extract("sen bir salaksin", &mut a);
        config.extract("sen bir salaksin", &mut b);
        assert_eq!(a, b);
        assert!(a.iter().all(|&f| f < 1024));
        // One bias, char n-grams of " sen " (4+3+2 for n = 2..5 over 5 bytes: 4+3+2+1), etc.
        assert!(a.len() > 30, "{}", a.len());
    }

    #[test]
    fn different_texts_get_different_features() {
        let config = FeatureConfig::default();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        config.extract("salak", &mut a);
        config.extract("kalas", &mut b);
        a.sort_unstable();
        b.sort_unstable();
        assert_ne!(a, b);
    }

    #[test]
    fn an_empty_text_has_only_the_constant_feature() {
        let mut out = Vec::new();
        FeatureConfig::default().extract("", &mut out);
        assert_eq!(out.len(), 1);
    }
}
