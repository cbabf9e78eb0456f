//! A read-only open-addressing hash table from `u64` keys, built once when a
//! model is loaded.
//!
//! A slot holds a 32-bit fingerprint of the key (its mixed high bits) next to
//! the value, so that a lookup touches one cache line and the table stays
//! small. Two keys share a fingerprint *and* a probe run with probability
//! about `2^-32` per lookup, which for this model (a few million keys, all
//! themselves hashes) is far below its error rate.

use crate::text::mix64;

/// Hash table from `u64` keys to small values.
#[derive(Clone, Debug)]
pub(crate) struct U64Table<V: Copy> {
    slots: Vec<(u32, V)>,
    mask: usize,
}

#[inline]
fn split(key: u64) -> (usize, u32) {
    let h = mix64(key);
    // Index from the low bits, fingerprint from the high bits; 0 is "empty".
    (h as usize, ((h >> 32) as u32).max(1))
}

impl<V: Copy + Default> U64Table<V> {
    /// Builds the table; a repeated key keeps its last value.
    ///
    /// The entries are first bucketed by their home slot (a counting sort on
    /// the slot's high bits), so that inserting them sweeps the table once
    /// instead of jumping to a random slot per entry: building the character
    /// model's table is most of the time a model takes to load.
    pub(crate) fn build<I>(entries: I) -> Self
    where
        I: ExactSizeIterator<Item = (u64, V)> + Clone,
    {
        // Load factor between 0.44 and 0.875: probes stay within a cache line
        // or two, and the character model fits in 16 MB rather than 32.
        let cap = (entries.len() * 8 / 7 + 2).next_power_of_two();
        let mut slots = vec![(0u32, V::default()); cap];
        let mask = cap - 1;
        let bucket_bits = cap.trailing_zeros().min(12);
        let shift = cap.trailing_zeros() - bucket_bits;
        let mut starts = vec![0usize; (1 << bucket_bits) + 1];
        for (k, _) in entries.clone() {
            starts[((split(k).0 & mask) >> shift) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        // (home slot, fingerprint, value), by bucket, in input order within
        // one. A home slot fits 32 bits: a table of 2^32 slots would need a
        // model file of gigabytes.
        let mut sorted = vec![(0u32, 0u32, V::default()); entries.len()];
        for (k, v) in entries {
            let (h, fp) = split(k);
            let b = (h & mask) >> shift;
            sorted[starts[b]] = ((h & mask) as u32, fp, v);
            starts[b] += 1;
        }
        for (home, fp, v) in sorted {
            let mut i = home as usize;
            loop {
                let slot = &mut slots[i];
                if slot.0 == 0 || slot.0 == fp {
                    *slot = (fp, v);
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        U64Table { slots, mask }
    }

    /// The value stored for `key`.
    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<V> {
        let (h, fp) = split(key);
        let mut i = h & self.mask;
        loop {
            let (f, v) = self.slots[i];
            if f == fp {
                return Some(v);
            }
            if f == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Bytes of memory held.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<(u32, V)>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let t = U64Table::build((1..1000u32).map(|k| (u64::from(k) * 7919, k)));
        for k in 1..1000u64 {
            assert_eq!(t.get(k * 7919), Some(k as u32));
        }
        assert_eq!(t.get(5), None);
        assert_eq!(t.get(0), None);
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        let t = U64Table::build([(7u64, 1u32), (9, 2), (7, 3)].into_iter());
        assert_eq!(t.get(7), Some(3));
        assert_eq!(t.get(9), Some(2));
    }

    #[test]
    fn a_full_run_of_keys_is_found_after_bucketing() {
        // Many keys, so that probe runs cross bucket boundaries.
        let t = U64Table::build((0..100_000u32).map(|k| (u64::from(k) * 0x9e37_79b9 + 1, k)));
        for k in 0..100_000u32 {
            assert_eq!(t.get(u64::from(k) * 0x9e37_79b9 + 1), Some(k));
        }
    }

    #[test]
    fn an_empty_table_answers_none() {
        let t: U64Table<u32> = U64Table::build(std::iter::empty());
        assert_eq!(t.get(42), None);
    }
}
