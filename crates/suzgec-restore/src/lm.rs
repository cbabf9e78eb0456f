//! The character model: a back-off n-gram model over restored, lower-cased
//! text (Witten-Bell estimates, see `train`).
//!
//! N-grams are packed into a `u64`, six bits per symbol, newest symbol in the
//! low bits; symbols are never 0, so n-grams of different lengths never
//! collide. A context's back-off weight is stored under the packed context
//! with [`CONTEXT_FLAG`] set.

use crate::table::U64Table;
use crate::text::SYM_BITS;

/// Flag bit marking a context (back-off weight) entry.
pub(crate) const CONTEXT_FLAG: u64 = 1 << 63;
/// Log-probability of a symbol never seen in training.
const UNSEEN: f32 = -16.0;

/// Runtime character model.
#[derive(Clone, Debug)]
pub(crate) struct CharLm {
    order: u32,
    state_mask: u64,
    table: U64Table<f32>,
}

/// Mask of the low `n` symbols of a packed n-gram.
#[inline]
pub(crate) fn low_symbols(n: u32) -> u64 {
    if n >= 10 {
        (1u64 << 60) - 1
    } else {
        (1u64 << (SYM_BITS * n)) - 1
    }
}

/// Number of symbols in a packed n-gram.
#[inline]
pub(crate) fn symbol_count(packed: u64) -> u32 {
    (64 - packed.leading_zeros()).div_ceil(SYM_BITS)
}

impl CharLm {
    /// Builds the runtime model from stored entries.
    pub(crate) fn new<I>(order: u8, entries: I) -> Self
    where
        I: ExactSizeIterator<Item = (u64, f32)> + Clone,
    {
        let order = u32::from(order).clamp(1, 10);
        CharLm {
            order,
            state_mask: low_symbols(order - 1),
            table: U64Table::build(entries),
        }
    }

    /// The state after `state` has seen symbol `s`.
    #[inline]
    pub(crate) fn advance(&self, state: u64, s: u8) -> u64 {
        ((state << SYM_BITS) | u64::from(s)) & self.state_mask
    }

    /// State after a whole symbol history.
    pub(crate) fn state_of(&self, hist: &[u8]) -> u64 {
        let n = hist.len().min(self.order as usize - 1);
        hist[hist.len() - n..]
            .iter()
            .fold(0, |st, &s| self.advance(st, s))
    }

    /// Natural-log probability of symbol `s` after `state`.
    #[inline]
    pub(crate) fn logp(&self, state: u64, s: u8) -> f32 {
        let full = (state << SYM_BITS) | u64::from(s);
        let mut n = symbol_count(full);
        let mut backoff = 0.0f32;
        while n >= 1 {
            let key = full & low_symbols(n);
            if let Some(p) = self.table.get(key) {
                return backoff + p;
            }
            if n >= 2
                && let Some(b) = self.table.get((key >> SYM_BITS) | CONTEXT_FLAG)
            {
                backoff += b;
            }
            n -= 1;
        }
        backoff + UNSEEN
    }

    /// Bytes of memory held.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.table.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_lengths_are_counted_by_symbols() {
        assert_eq!(symbol_count(0b000001), 1);
        assert_eq!(symbol_count((3 << 6) | 1), 2);
        assert_eq!(symbol_count(0), 0);
    }

    #[test]
    fn backs_off_through_context_weights() {
        // unigram a=2 : ln 0.5; bigram (b,a) missing, context b has weight ln 0.25.
        let entries = [
            (2u64, 0.5f32.ln()),
            (3 | CONTEXT_FLAG, 0.25f32.ln()),
            ((3 << 6) | 3, -0.1),
        ];
        let lm = CharLm::new(3, entries.iter().copied());
        let st = lm.advance(0, 3);
        assert!((lm.logp(st, 2) - (0.5f32 * 0.25).ln()).abs() < 1e-5);
        assert!((lm.logp(st, 3) + 0.1).abs() < 1e-6);
        assert_eq!(lm.logp(0, 9), UNSEEN);
    }
}
