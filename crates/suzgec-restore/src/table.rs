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
    pub(crate) fn build(entries: impl ExactSizeIterator<Item = (u64, V)>) -> Self {
        let cap = (entries.len() * 4 / 3 + 2).next_power_of_two();
        let mut slots = vec![(0u32, V::default()); cap];
        let mask = cap - 1;
        for (k, v) in entries {
            let (h, fp) = split(k);
            let mut i = h & mask;
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
    fn an_empty_table_answers_none() {
        let t: U64Table<u32> = U64Table::build(std::iter::empty());
        assert_eq!(t.get(42), None);
    }
}
