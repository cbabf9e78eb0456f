//! The stored model: plain data with a binary encoding.
//!
//! A model file is `MAGIC`, a little-endian `u32` format version, the
//! sections below in order (integers as LEB128 varints), and a 64-bit
//! checksum of everything before it. Decoding checks every length against the
//! bytes left before allocating, so a short, corrupt or foreign file is an
//! [`Error`], never a panic or a huge allocation. The runtime
//! [`Restorer`](crate::Restorer) is built from a [`Model`].

use crate::Error;

/// The first eight bytes of every restorer model file.
pub const MAGIC: [u8; 8] = *b"SZGRSTR\x1a";
/// The format version this build writes. It also reads version 1 (which
/// lacks the word-list settings: they take their defaults).
pub const FORMAT_VERSION: u32 = 2;

/// Tunable weights of the decision; stored in the model so that a model and
/// the settings it was tuned with travel together.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Order of the character model (context length + 1).
    pub lm_order: u8,
    /// Weight of the character model's score when choosing among the forms
    /// a known word was seen with.
    pub lm_weight: f32,
    /// Weight of the left-neighbour evidence for a known word.
    pub left_weight: f32,
    /// Weight of the right-neighbour evidence for a known word.
    pub right_weight: f32,
    /// Dirichlet prior strength of the neighbour evidence.
    pub context_prior: f32,
    /// Additive smoothing of a known word's form counts.
    pub form_prior: f32,
    /// Known words seen fewer times than this also get the character model's
    /// own candidates.
    pub rare_count: u32,
    /// Beam width of the search over an unknown word's letters.
    pub beam: u8,
    /// Weight of the letter classifier's log-probability for a known word.
    pub letter_weight: f32,
    /// Weight of the character model for an unknown word.
    pub unknown_lm_weight: f32,
    /// Weight of the letter classifier for an unknown word.
    pub unknown_letter_weight: f32,
    /// With a word list (`Restorer::with_lexicon`): candidates of an unknown
    /// word scoring within this much (natural log) of the best are shown to
    /// it.
    pub lexicon_margin: f32,
    /// With a word list: a capitalised unknown word none of whose likely
    /// candidates the list accepts keeps its letters as typed when that
    /// scores within this much (natural log) of the best candidate.
    pub name_keep_margin: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lm_order: 6,
            lm_weight: 1.5,
            left_weight: 0.5,
            right_weight: 0.5,
            context_prior: 4.0,
            form_prior: 0.1,
            rare_count: 3,
            beam: 16,
            letter_weight: 1.0,
            unknown_lm_weight: 0.3,
            unknown_letter_weight: 1.0,
            lexicon_margin: 8.0,
            name_keep_margin: 3.0,
        }
    }
}

/// One form of a key as seen in the training text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Form {
    /// Which ambiguous positions of the key carry the Turkish mark.
    pub mask: u64,
    /// How often the form was seen.
    pub count: u32,
}

/// The forms a key was seen with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconEntry {
    /// Hash of the key (see `text::key_hash`).
    pub key_hash: u64,
    /// Forms by decreasing count.
    pub forms: Vec<Form>,
}

/// A trained restorer model: plain data, see the module docs for the format.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    /// Decision weights.
    pub settings: Settings,
    /// Words of the training text by key, sorted by `key_hash`.
    pub lexicon: Vec<LexiconEntry>,
    /// Counts of (form, left-neighbour key) for ambiguous keys, by hashed pair, sorted.
    pub left_context: Vec<(u64, u32)>,
    /// Counts of (form, right-neighbour key) for ambiguous keys, by hashed pair, sorted.
    pub right_context: Vec<(u64, u32)>,
    /// Character model: packed n-grams (log-probabilities) and contexts (log
    /// back-off weights, flagged by the top bit), sorted by key.
    pub char_lm: Vec<(u64, f32)>,
    /// Number of word tokens in the training text.
    pub total_words: u64,
    /// Letter classifier: quantised weights indexed by feature (either
    /// empty or `1 << FEATURE_BITS` long); a weight is `value * classifier_scale`.
    pub classifier: Vec<i16>,
    /// Scale of the classifier's quantised weights.
    pub classifier_scale: f32,
}

/// Quantisation step of stored log values.
const LOG_STEP: f32 = 1.0 / 2048.0;

impl Model {
    /// Encodes the model into its file format.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(1 << 20));
        w.0.extend_from_slice(&MAGIC);
        w.0.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let s = &self.settings;
        w.varint(u64::from(s.lm_order));
        for f in [
            s.lm_weight,
            s.left_weight,
            s.right_weight,
            s.context_prior,
            s.form_prior,
            s.letter_weight,
            s.unknown_lm_weight,
            s.unknown_letter_weight,
            self.classifier_scale,
            s.lexicon_margin,
            s.name_keep_margin,
        ] {
            w.0.extend_from_slice(&f.to_le_bytes());
        }
        w.varint(u64::from(s.rare_count));
        w.varint(u64::from(s.beam));
        w.varint(self.total_words);

        w.varint(self.lexicon.len() as u64);
        let mut prev = 0u64;
        for e in &self.lexicon {
            w.varint(e.key_hash.wrapping_sub(prev));
            prev = e.key_hash;
            w.varint(e.forms.len() as u64);
            for f in &e.forms {
                w.varint(f.mask);
                w.varint(u64::from(f.count));
            }
        }
        for table in [&self.left_context, &self.right_context] {
            w.varint(table.len() as u64);
            let mut prev = 0u64;
            for &(k, c) in table.iter() {
                w.varint(k.wrapping_sub(prev));
                prev = k;
                w.varint(u64::from(c));
            }
        }
        w.varint(self.char_lm.len() as u64);
        let mut prev = 0u64;
        for &(k, v) in &self.char_lm {
            w.varint(k.wrapping_sub(prev));
            prev = k;
            let q = (-v / LOG_STEP).round().clamp(0.0, u32::MAX as f32) as u64;
            w.varint(q);
        }
        // Dense little-endian i16: decoding is a plain copy.
        w.varint(self.classifier.len() as u64);
        for &v in &self.classifier {
            w.0.extend_from_slice(&v.to_le_bytes());
        }
        let sum = checksum(&w.0);
        w.0.extend_from_slice(&sum.to_le_bytes());
        w.0
    }

    /// Decodes a model file.
    ///
    /// # Errors
    /// [`Error::ModelMagic`] for a foreign file, [`Error::ModelVersion`] for
    /// another format version, [`Error::ModelTruncated`] for a short file and
    /// [`Error::ModelCorrupt`] for inconsistent content.
    pub fn decode(bytes: &[u8]) -> Result<Model, Error> {
        let (mut model, lm) = Model::decode_parts(bytes)?;
        model.char_lm = lm.collect();
        Ok(model)
    }

    /// Decodes a model file but leaves the character model in the file's
    /// bytes, as an iterator over its (checked) entries: the restorer builds
    /// its table straight from them, without a vector of 1.6 M entries in
    /// between.
    pub(crate) fn decode_parts(bytes: &[u8]) -> Result<(Model, LmEntries<'_>), Error> {
        if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
            return Err(Error::ModelMagic);
        }
        let mut r = Reader {
            bytes,
            pos: MAGIC.len(),
        };
        let version = u32::from_le_bytes(r.array::<4>("version")?);
        if version != FORMAT_VERSION && version != 1 {
            return Err(Error::ModelVersion {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        if bytes.len() < r.pos + 8 {
            return Err(Error::ModelTruncated {
                section: "checksum",
            });
        }
        let body_end = bytes.len() - 8;
        let stored = u64::from_le_bytes(bytes[body_end..].try_into().expect("8 bytes"));
        if checksum(&bytes[..body_end]) != stored {
            return Err(Error::ModelCorrupt("checksum mismatch".into()));
        }
        let mut r = Reader {
            bytes: &bytes[..body_end],
            pos: r.pos,
        };

        let lm_order = r.varint("settings")?;
        if !(1..=10).contains(&lm_order) {
            return Err(Error::ModelCorrupt(format!(
                "character model order {lm_order} out of 1..=10"
            )));
        }
        let defaults = Settings::default();
        let mut floats = [0f32; 11];
        floats[9] = defaults.lexicon_margin;
        floats[10] = defaults.name_keep_margin;
        let stored = if version == 1 { 9 } else { 11 };
        for f in &mut floats[..stored] {
            *f = f32::from_le_bytes(r.array::<4>("settings")?);
            if !f.is_finite() {
                return Err(Error::ModelCorrupt("non-finite weight".into()));
            }
        }
        let rare_count = r.small("settings", u32::MAX.into())? as u32;
        let beam = r.small("settings", 255)? as u8;
        let settings = Settings {
            lm_order: lm_order as u8,
            lm_weight: floats[0],
            left_weight: floats[1],
            right_weight: floats[2],
            context_prior: floats[3],
            form_prior: floats[4],
            rare_count,
            beam: beam.max(1),
            letter_weight: floats[5],
            unknown_lm_weight: floats[6],
            unknown_letter_weight: floats[7],
            lexicon_margin: floats[9],
            name_keep_margin: floats[10],
        };
        let classifier_scale = floats[8];
        let total_words = r.varint("settings")?;

        let n = r.len("lexicon", 2)?;
        let mut lexicon = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            let key_hash = prev.wrapping_add(r.varint("lexicon")?);
            if key_hash <= prev && !lexicon.is_empty() || key_hash == 0 {
                return Err(Error::ModelCorrupt("lexicon keys not increasing".into()));
            }
            prev = key_hash;
            let m = r.len("lexicon", 2)?;
            let mut forms = Vec::with_capacity(m);
            for _ in 0..m {
                let mask = r.varint("lexicon")?;
                let count = r.small("lexicon", u32::MAX.into())? as u32;
                forms.push(Form { mask, count });
            }
            lexicon.push(LexiconEntry { key_hash, forms });
        }
        let mut tables = [Vec::new(), Vec::new()];
        for (i, table) in tables.iter_mut().enumerate() {
            let section = if i == 0 {
                "left context"
            } else {
                "right context"
            };
            let n = r.len(section, 2)?;
            table.reserve_exact(n);
            let mut prev = 0u64;
            for _ in 0..n {
                let k = prev.wrapping_add(r.varint(section)?);
                prev = k;
                let c = r.small(section, u32::MAX.into())? as u32;
                table.push((k, c));
            }
        }
        let [left_context, right_context] = tables;
        let n = r.len("character model", 2)?;
        let lm_start = r.pos;
        for _ in 0..n {
            r.varint("character model")?;
            r.small("character model", u32::MAX.into())?;
        }
        let lm = LmEntries {
            bytes: &r.bytes[lm_start..r.pos],
            left: n,
            prev: 0,
        };
        let n = r.len("classifier", 2)?;
        if n != 0 && n != 1 << crate::features::FEATURE_BITS {
            return Err(Error::ModelCorrupt(format!("classifier has {n} weights")));
        }
        let raw = &r.bytes[r.pos..r.pos + 2 * n];
        r.pos += 2 * n;
        let classifier: Vec<i16> = raw
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect();
        if r.pos != r.bytes.len() {
            return Err(Error::ModelCorrupt(format!(
                "{} unexpected bytes after the last section",
                r.bytes.len() - r.pos
            )));
        }
        let model = Model {
            settings,
            lexicon,
            left_context,
            right_context,
            char_lm: Vec::new(),
            total_words,
            classifier,
            classifier_scale,
        };
        Ok((model, lm))
    }
}

/// The character model's entries, read from a model file's bytes that
/// [`Model::decode_parts`] has checked; cheap to clone, so that a table can
/// be built from two passes over them.
#[derive(Clone, Debug)]
pub(crate) struct LmEntries<'a> {
    bytes: &'a [u8],
    left: usize,
    prev: u64,
}

impl LmEntries<'_> {
    #[inline]
    fn varint(&mut self) -> u64 {
        let mut v = 0u64;
        for (i, &b) in self.bytes.iter().enumerate() {
            v |= u64::from(b & 0x7f) << (7 * i as u32).min(63);
            if b & 0x80 == 0 {
                self.bytes = &self.bytes[i + 1..];
                return v;
            }
        }
        // Unreachable for checked bytes; end the iteration quietly.
        self.bytes = &[];
        self.left = 0;
        v
    }
}

impl Iterator for LmEntries<'_> {
    type Item = (u64, f32);

    #[inline]
    fn next(&mut self) -> Option<(u64, f32)> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let k = self.prev.wrapping_add(self.varint());
        self.prev = k;
        let q = self.varint();
        Some((k, -(q as f32) * LOG_STEP))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for LmEntries<'_> {}

/// FNV-1a over 8-byte words, finished with a mix: cheap and enough to catch
/// corruption (not an authenticity check).
fn checksum(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = (h ^ u64::from_le_bytes(c.try_into().expect("8 bytes"))).wrapping_mul(0x0100_0000_01b3);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    crate::text::mix64(h ^ bytes.len() as u64)
}

struct Writer(Vec<u8>);

impl Writer {
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn array<const N: usize>(&mut self, section: &'static str) -> Result<[u8; N], Error> {
        let end = self.pos + N;
        // `match`, not `ok_or`: building (and dropping) an `Error` on every
        // call was a tenth of the load time.
        let Some(s) = self.bytes.get(self.pos..end) else {
            return Err(Error::ModelTruncated { section });
        };
        self.pos = end;
        Ok(s.try_into().expect("N bytes"))
    }

    fn varint(&mut self, section: &'static str) -> Result<u64, Error> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(Error::ModelTruncated { section });
            };
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Error::ModelCorrupt(format!(
            "overlong integer in {section}"
        )))
    }

    fn small(&mut self, section: &'static str, max: u64) -> Result<u64, Error> {
        let v = self.varint(section)?;
        if v > max {
            return Err(Error::ModelCorrupt(format!(
                "value {v} too large in {section}"
            )));
        }
        Ok(v)
    }

    /// A count of items, each taking at least `min_item_bytes` bytes: checked
    /// against what is left so that a corrupt count cannot allocate wildly.
    fn len(&mut self, section: &'static str, min_item_bytes: usize) -> Result<usize, Error> {
        let n = self.varint(section)?;
        let left = (self.bytes.len() - self.pos) as u64;
        if n.saturating_mul(min_item_bytes as u64) > left {
            return Err(Error::ModelTruncated { section });
        }
        Ok(n as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Model {
        Model {
            settings: Settings::default(),
            lexicon: vec![
                LexiconEntry {
                    key_hash: 5,
                    forms: vec![Form { mask: 1, count: 10 }],
                },
                LexiconEntry {
                    key_hash: 900,
                    forms: vec![Form { mask: 0, count: 3 }, Form { mask: 3, count: 2 }],
                },
            ],
            left_context: vec![(7, 1), (8, 2)],
            right_context: vec![(1, 4)],
            char_lm: vec![(3, -1.5), (1 << 63, -0.25)],
            total_words: 15,
            classifier: Vec::new(),
            classifier_scale: 0.001,
        }
    }

    #[test]
    fn encode_then_decode_gives_the_same_model() {
        let m = sample();
        assert_eq!(Model::decode(&m.encode()).unwrap(), m);
    }

    #[test]
    fn a_classifier_round_trips_and_a_cut_one_is_an_error() {
        let mut m = sample();
        m.classifier = vec![0i16; 1 << crate::features::FEATURE_BITS];
        m.classifier[0] = -3;
        m.classifier[17] = i16::MAX;
        m.classifier[400] = i16::MIN;
        let bytes = m.encode();
        assert_eq!(Model::decode(&bytes).unwrap(), m);
        for cut in [bytes.len() - 1, bytes.len() - 9, bytes.len() / 2, 100] {
            assert!(Model::decode(&bytes[..cut]).is_err());
        }
    }

    #[test]
    fn a_foreign_file_is_a_magic_error() {
        assert!(matches!(
            Model::decode(b"PK\x03\x04 zip"),
            Err(Error::ModelMagic)
        ));
        assert!(matches!(Model::decode(b""), Err(Error::ModelMagic)));
    }

    #[test]
    fn a_version_1_file_is_read_with_default_word_list_settings() {
        // Version 1 is version 2 without the last two settings floats.
        let mut m = sample();
        m.settings.lexicon_margin = 1.5;
        let v2 = m.encode();
        let floats_end = 8 + 4 + 1 + 11 * 4;
        let mut v1 = v2[..floats_end - 8].to_vec();
        v1.extend_from_slice(&v2[floats_end..v2.len() - 8]);
        v1[8..12].copy_from_slice(&1u32.to_le_bytes());
        let sum = checksum(&v1);
        v1.extend_from_slice(&sum.to_le_bytes());
        let decoded = Model::decode(&v1).unwrap();
        assert_eq!(decoded.settings, Settings::default());
        assert_eq!(decoded.lexicon, m.lexicon);
        assert_eq!(decoded.char_lm, m.char_lm);
    }

    #[test]
    fn another_version_is_a_version_error() {
        let mut bytes = sample().encode();
        bytes[8..12].copy_from_slice(&99u32.to_le_bytes());
        assert!(matches!(
            Model::decode(&bytes),
            Err(Error::ModelVersion { found: 99, .. })
        ));
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let bytes = sample().encode();
        for n in 0..bytes.len() {
            assert!(Model::decode(&bytes[..n]).is_err(), "prefix of {n} bytes");
        }
    }

    #[test]
    fn flipped_bytes_are_an_error_not_a_panic() {
        let bytes = sample().encode();
        for i in 8..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x5a;
            assert!(Model::decode(&b).is_err(), "byte {i}");
        }
    }
}
