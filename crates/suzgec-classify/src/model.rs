//! The stored model: plain data with [`Model::encode`] and [`Model::decode`].
//!
//! A model file is [`MAGIC`], a little-endian `u32` format version, the feature configuration
//! (four bytes: bits, shortest and longest character n-gram, longest word n-gram), the number of
//! heads, each head (name, bias, weight scale, calibration slope and intercept), the quantised
//! weights (`i8`, bucket-major: all heads of bucket 0, then of bucket 1, …) and an FNV-1a checksum
//! of the weights.

use crate::Error;
use crate::features::FeatureConfig;

/// The tag every classifier model file starts with.
pub const MAGIC: [u8; 8] = *b"SZGABUS\x1a";

/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// One output of the model: a logistic regression over the shared features.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    /// What the head scores (`abusive`, `insult`, …).
    pub name: String,
    /// The intercept.
    pub bias: f32,
    /// The value of one quantised weight step.
    pub scale: f32,
    /// Platt calibration: probability = sigmoid(`slope` × raw + `intercept`).
    pub slope: f32,
    /// Platt calibration intercept.
    pub intercept: f32,
}

/// A trained multi-output linear model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The features it reads.
    pub config: FeatureConfig,
    /// Its outputs.
    pub heads: Vec<Head>,
    /// Quantised weights, `buckets × heads`, bucket-major.
    pub weights: Vec<i8>,
}

fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl Model {
    /// Serialises the model.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.weights.len() + 256);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let c = self.config;
        out.extend_from_slice(&[c.bits, c.char_min, c.char_max, c.word_max]);
        out.extend_from_slice(&(self.heads.len() as u32).to_le_bytes());
        for head in &self.heads {
            out.extend_from_slice(&(head.name.len() as u32).to_le_bytes());
            out.extend_from_slice(head.name.as_bytes());
            for x in [head.bias, head.scale, head.slope, head.intercept] {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out.extend(self.weights.iter().map(|&w| w as u8));
        out.extend_from_slice(&checksum(&out[out.len() - self.weights.len()..]).to_le_bytes());
        out
    }

    /// Reads a model written by [`Model::encode`]. A short, corrupt or foreign file is an error.
    pub fn decode(bytes: &[u8]) -> Result<Model, Error> {
        if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
            return Err(Error::ModelMagic);
        }
        let mut r = Reader {
            bytes,
            pos: MAGIC.len(),
        };
        let version = r.u32("version")?;
        if version != FORMAT_VERSION {
            return Err(Error::ModelVersion {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let c = r.take(4, "feature configuration")?;
        let config = FeatureConfig {
            bits: c[0],
            char_min: c[1],
            char_max: c[2],
            word_max: c[3],
        };
        if !(8..=24).contains(&config.bits)
            || config.char_min == 0
            || config.char_min > config.char_max
        {
            return Err(Error::ModelCorrupt(format!(
                "bad feature configuration {config:?}"
            )));
        }
        let count = r.u32("head count")? as usize;
        if count == 0 || count > 64 {
            return Err(Error::ModelCorrupt(format!("{count} heads")));
        }
        let mut heads = Vec::with_capacity(count);
        for _ in 0..count {
            let len = r.u32("head name")? as usize;
            let name = String::from_utf8(r.take(len, "head name")?.to_vec())
                .map_err(|_| Error::ModelCorrupt("head name is not UTF-8".into()))?;
            heads.push(Head {
                name,
                bias: r.f32("head")?,
                scale: r.f32("head")?,
                slope: r.f32("head")?,
                intercept: r.f32("head")?,
            });
        }
        let weights = r.take(config.buckets() * count, "weights")?;
        let sum = u64::from_le_bytes(r.take(8, "checksum")?.try_into().map_err(|_| {
            Error::ModelTruncated {
                section: "checksum",
            }
        })?);
        if sum != checksum(weights) {
            return Err(Error::ModelCorrupt(
                "weights checksum does not match".into(),
            ));
        }
        if r.pos != bytes.len() {
            return Err(Error::ModelCorrupt("trailing bytes".into()));
        }
        Ok(Model {
            config,
            heads,
            weights: weights.iter().map(|&b| b as i8).collect(),
        })
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize, section: &'static str) -> Result<&'b [u8], Error> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(Error::ModelTruncated { section })?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn u32(&mut self, section: &'static str) -> Result<u32, Error> {
        let b = self.take(4, section)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self, section: &'static str) -> Result<f32, Error> {
        let value = f32::from_bits(self.u32(section)?);
        if value.is_finite() {
            Ok(value)
        } else {
            Err(Error::ModelCorrupt(format!(
                "non-finite number in {section}"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let config = FeatureConfig {
            bits: 8,
            ..FeatureConfig::default()
        };
        Model {
            config,
            heads: vec![Head {
                name: "abusive".into(),
                bias: -1.0,
                scale: 0.01,
                slope: 1.0,
                intercept: 0.0,
            }],
            weights: (0..256).map(|i| (i % 7) as i8 - 3).collect(),
        }
    }

    #[test]
    fn a_model_survives_encoding() {
        let model = tiny();
        assert_eq!(Model::decode(&model.encode()).expect("decodes"), model);
    }

    #[test]
    fn short_foreign_and_corrupt_files_are_errors() {
        let bytes = tiny().encode();
        assert_eq!(Model::decode(b"SZG"), Err(Error::ModelMagic));
        assert_eq!(Model::decode(b"not a model at all"), Err(Error::ModelMagic));
        for cut in [8, 12, 20, 40, bytes.len() - 1] {
            assert!(
                matches!(
                    Model::decode(&bytes[..cut]),
                    Err(Error::ModelTruncated { .. })
                ),
                "cut at {cut}"
            );
        }
        let mut flipped = bytes.clone();
        flipped[100] ^= 1;
        assert!(matches!(
            Model::decode(&flipped),
            Err(Error::ModelCorrupt(_))
        ));
        let mut future = bytes;
        future[8] = 9;
        assert!(matches!(
            Model::decode(&future),
            Err(Error::ModelVersion { found: 9, .. })
        ));
    }
}
