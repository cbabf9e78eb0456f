//! The stored encoder and its forward pass.
//!
//! The model file is a safetensors file. Its metadata holds the configuration (`config`), the
//! vocabulary's pieces (`pieces`, a JSON list) and normalisation map (`normalisation`, code point →
//! code points). Its tensors: `vocab.scores`; the word embeddings `emb.word` in 4-bit blocks of 32
//! (`u8`, two values a byte: value `j` of a block in the low nibble of byte `j`, value `j + 16` in
//! its high nibble, each `(nibble - 8) × scale`) with an `f32` scale per block (`emb.word.scale`);
//! positions, token type, layer norms and biases as `f32`;
//! each linear weight `lN.{q,k,v,ao,fi,fo}.w` as `i8` `[out, in]` with a scale per output row; the
//! classification head `head.w`, `head.b` over the mean of the last layer's token vectors.

use std::collections::HashMap;

use candle_core::{Device, Module, Tensor};
use candle_nn::LayerNorm;
use safetensors::{Dtype, SafeTensors};

use crate::error::Error;
use crate::heads::{DeepHead, Exit, ExtraHeads, Head, Hidden};
use crate::tokenizer::{Specials, Tokenizer};

/// The shape of the network.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Config {
    /// Width of the token vectors.
    pub hidden: usize,
    /// Transformer layers.
    pub layers: usize,
    /// Attention heads per layer.
    pub heads: usize,
    /// Width of the feed-forward layer.
    pub ffn: usize,
    /// Layer norm epsilon.
    pub eps: f64,
    /// Longest input in pieces, the two special pieces included.
    pub max_positions: usize,
    /// The special pieces.
    pub specials: Specials,
}

/// A linear layer with its `[out, in]` weight.
struct Linear {
    weight: Tensor,
    bias: Tensor,
}

impl Linear {
    fn new(weight: Tensor, bias: Tensor) -> Result<Linear, Error> {
        Ok(Linear { weight, bias })
    }

    /// `x · weightᵀ + bias`, computed as `(weight · xᵀ)ᵀ`: with the large weight on the left the
    /// matrix library reads it as it is instead of repacking it on every call (a comment has few
    /// rows), which takes a quarter off the encoder's time.
    fn forward(&self, x: &Tensor) -> Result<Tensor, Error> {
        Ok(self
            .weight
            .matmul(&x.t()?)?
            .t()?
            .broadcast_add(&self.bias)?)
    }
}

struct Layer {
    query: Linear,
    key: Linear,
    value: Linear,
    attention_out: Linear,
    attention_norm: LayerNorm,
    inner: Linear,
    outer: Linear,
    output_norm: LayerNorm,
}

/// Values per block of the 4-bit word embeddings.
const BLOCK: usize = 32;

/// The network: embeddings, transformer layers and a one-logit head.
pub struct Network {
    config: Config,
    /// 4-bit word embeddings, `hidden / 2` bytes a piece.
    words: Vec<u8>,
    /// One scale per block of 32 values, `hidden / 32` a piece.
    word_scales: Vec<f32>,
    positions: Tensor,
    token_type: Tensor,
    embedding_norm: LayerNorm,
    layers: Vec<Layer>,
    head: Head,
}

/// Reads the tensors of a safetensors file by name.
struct Tensors<'a> {
    file: SafeTensors<'a>,
}

impl Tensors<'_> {
    fn raw(&self, name: &str, dtype: Dtype, shape: &[usize]) -> Result<&[u8], Error> {
        let view = self
            .file
            .tensor(name)
            .map_err(|_| Error::Invalid(format!("tensor `{name}` is missing")))?;
        if view.dtype() != dtype || view.shape() != shape {
            return Err(Error::Invalid(format!(
                "tensor `{name}` is {:?} {:?}, expected {dtype:?} {shape:?}",
                view.dtype(),
                view.shape()
            )));
        }
        Ok(view.data())
    }

    fn floats(&self, name: &str, shape: &[usize]) -> Result<Vec<f32>, Error> {
        let raw = self.raw(name, Dtype::F32, shape)?;
        Ok(raw
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    fn bytes(&self, name: &str, shape: &[usize]) -> Result<Vec<i8>, Error> {
        let raw = self.raw(name, Dtype::I8, shape)?;
        Ok(raw.iter().map(|&b| b as i8).collect())
    }

    fn nibbles(&self, name: &str, shape: &[usize]) -> Result<Vec<u8>, Error> {
        Ok(self.raw(name, Dtype::U8, shape)?.to_vec())
    }

    fn tensor(&self, name: &str, shape: &[usize]) -> Result<Tensor, Error> {
        Ok(Tensor::from_vec(
            self.floats(name, shape)?,
            shape,
            &Device::Cpu,
        )?)
    }

    /// An `i8` matrix with a scale per row, as `f32`.
    fn scaled_rows(&self, name: &str, rows: usize, cols: usize) -> Result<Tensor, Error> {
        let values = self.bytes(name, &[rows, cols])?;
        let scales = self.floats(&format!("{name}.scale"), &[rows])?;
        let floats: Vec<f32> = values
            .chunks_exact(cols)
            .zip(&scales)
            .flat_map(|(row, &s)| row.iter().map(move |&v| f32::from(v) * s))
            .collect();
        Ok(Tensor::from_vec(floats, (rows, cols), &Device::Cpu)?)
    }

    fn linear(&self, name: &str, rows: usize, cols: usize) -> Result<Linear, Error> {
        Linear::new(
            self.scaled_rows(&format!("{name}.w"), rows, cols)?,
            self.tensor(&format!("{name}.b"), &[rows])?,
        )
    }

    fn norm(&self, name: &str, width: usize, eps: f64) -> Result<LayerNorm, Error> {
        Ok(LayerNorm::new(
            self.tensor(&format!("{name}.w"), &[width])?,
            self.tensor(&format!("{name}.b"), &[width])?,
            eps,
        ))
    }
}

/// Reads a model file: its tokenizer and, unless `tokenizer_only`, its network.
pub fn read(bytes: &[u8], tokenizer_only: bool) -> Result<(Tokenizer, Option<Network>), Error> {
    let (_, header) = SafeTensors::read_metadata(bytes)?;
    let metadata = header
        .metadata()
        .as_ref()
        .ok_or_else(|| Error::Invalid("no metadata".into()))?;
    let field = |name: &str| {
        metadata
            .get(name)
            .ok_or_else(|| Error::Invalid(format!("metadata `{name}` is missing")))
    };
    let config: Config = serde_json::from_str(field("config")?)?;
    let pieces: Vec<String> = serde_json::from_str(field("pieces")?)?;
    let normalisation: HashMap<u32, Vec<u32>> = serde_json::from_str(field("normalisation")?)?;
    let chars = |cps: &[u32]| cps.iter().filter_map(|&c| char::from_u32(c)).collect();
    let normalisation = normalisation
        .iter()
        .filter_map(|(&from, to)| Some((char::from_u32(from)?, chars(to))))
        .collect();
    let tensors = Tensors {
        file: SafeTensors::deserialize(bytes)?,
    };
    let vocabulary = pieces.len();
    let scores = tensors.floats("vocab.scores", &[vocabulary])?;
    let tokenizer = Tokenizer::new(pieces, scores, normalisation, config.specials);
    if tokenizer_only {
        return Ok((tokenizer, None));
    }
    let (h, f, eps) = (config.hidden, config.ffn, config.eps);
    if config.heads == 0 || h % config.heads != 0 || h % BLOCK != 0 {
        return Err(Error::Invalid(format!(
            "{h} wide does not split in {} heads and blocks of {BLOCK}",
            config.heads
        )));
    }
    let layers = (0..config.layers)
        .map(|l| {
            Ok(Layer {
                query: tensors.linear(&format!("l{l}.q"), h, h)?,
                key: tensors.linear(&format!("l{l}.k"), h, h)?,
                value: tensors.linear(&format!("l{l}.v"), h, h)?,
                attention_out: tensors.linear(&format!("l{l}.ao"), h, h)?,
                attention_norm: tensors.norm(&format!("l{l}.aln"), h, eps)?,
                inner: tensors.linear(&format!("l{l}.fi"), f, h)?,
                outer: tensors.linear(&format!("l{l}.fo"), h, f)?,
                output_norm: tensors.norm(&format!("l{l}.oln"), h, eps)?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let network = Network {
        config,
        words: tensors.nibbles("emb.word", &[vocabulary, h / 2])?,
        word_scales: tensors.floats("emb.word.scale", &[vocabulary, h / BLOCK])?,
        positions: tensors.tensor("emb.pos", &[config.max_positions, h])?,
        token_type: tensors.tensor("emb.type", &[h])?,
        embedding_norm: tensors.norm("emb.ln", h, eps)?,
        layers,
        head: Head::new(
            tensors.floats("head.w", &[1, h])?,
            tensors.floats("head.b", &[1])?[0],
        ),
    };
    Ok((tokenizer, Some(network)))
}

/// Reads the extra heads file (`encoder_heads.safetensors`) for a network `width` wide: the
/// group-hate head is `group_hate.w`, `group_hate.b` over the pooled vector, or over the rectified
/// units of `group_hate.hidden.w` [units, width], `group_hate.hidden.b` [units] where the file has them.
pub fn read_extra_heads(bytes: &[u8], width: usize) -> Result<ExtraHeads, Error> {
    let tensors = Tensors {
        file: SafeTensors::deserialize(bytes)?,
    };
    let units = tensors
        .file
        .tensor("group_hate.hidden.b")
        .ok()
        .map(|view| view.shape().first().copied().unwrap_or(0));
    let hidden = units
        .map(|units| -> Result<Hidden, Error> {
            let weights = tensors.floats("group_hate.hidden.w", &[units, width])?;
            let biases = tensors.floats("group_hate.hidden.b", &[units])?;
            Ok(Hidden::new(
                weights
                    .chunks_exact(width)
                    .zip(biases)
                    .map(|(row, bias)| Head::new(row.to_vec(), bias))
                    .collect(),
            ))
        })
        .transpose()?;
    let head_width = units.unwrap_or(width);
    Ok(ExtraHeads {
        group_hate: DeepHead::new(
            hidden,
            Head::new(
                tensors.floats("group_hate.w", &[head_width])?,
                tensors.floats("group_hate.b", &[1])?[0],
            ),
        ),
    })
}

/// Reads the exits file (`encoder_exits.safetensors`) for a network `width` wide with `layers`
/// layers: the exits' layers are the metadata's `layers` (a JSON list), their heads the rows of
/// `exit.w` with `exit.b`, their margins `exit.margin`.
pub fn read_exits(bytes: &[u8], width: usize, layers: usize) -> Result<Vec<Exit>, Error> {
    let (_, header) = SafeTensors::read_metadata(bytes)?;
    let listed = header
        .metadata()
        .as_ref()
        .and_then(|m| m.get("layers"))
        .ok_or_else(|| Error::Invalid("metadata `layers` is missing".into()))?;
    let at: Vec<usize> = serde_json::from_str(listed)?;
    if at.iter().any(|&l| l == 0 || l >= layers) {
        return Err(Error::Invalid(format!(
            "exits {at:?} are not inside the {layers} layers"
        )));
    }
    let tensors = Tensors {
        file: SafeTensors::deserialize(bytes)?,
    };
    let count = at.len();
    let weights = tensors.floats("exit.w", &[count, width])?;
    let biases = tensors.floats("exit.b", &[count])?;
    let margins = tensors.floats("exit.margin", &[count])?;
    Ok(at
        .into_iter()
        .zip(weights.chunks_exact(width))
        .zip(biases.into_iter().zip(margins))
        .map(|((layer, w), (b, margin))| Exit::new(layer, Head::new(w.to_vec(), b), margin))
        .collect())
}

impl Network {
    /// The shape of the network.
    pub fn config(&self) -> Config {
        self.config
    }

    /// The logit of the file's own head for one sequence of piece ids (special pieces included,
    /// at most `max_positions`).
    pub fn logit(&self, ids: &[u32]) -> Result<f32, Error> {
        Ok(self.head.logit(&self.pooled(ids)?))
    }

    /// The file's own head.
    pub fn head(&self) -> &Head {
        &self.head
    }

    /// The mean of the last layer's token vectors for one sequence of piece ids: what the heads
    /// read.
    pub fn pooled(&self, ids: &[u32]) -> Result<Vec<f32>, Error> {
        self.pooled_unless(ids, &[], |_, _| false)
    }

    /// As [`Network::pooled`], but after each layer listed in `stops` (1: after the first),
    /// `stop` reads the mean token vector so far and may end the run there. Returns the mean
    /// after the last layer that ran.
    pub fn pooled_unless(
        &self,
        ids: &[u32],
        stops: &[usize],
        mut stop: impl FnMut(usize, &[f32]) -> bool,
    ) -> Result<Vec<f32>, Error> {
        let mut x = self.embed(ids)?;
        for (at, layer) in self.layers.iter().enumerate() {
            x = self.layer(layer, &x)?;
            let ran = at + 1;
            if stops.contains(&ran) {
                let pooled = mean(&x)?;
                if stop(ran, &pooled) {
                    return Ok(pooled);
                }
            }
        }
        mean(&x)
    }

    /// The token vectors the first layer reads: word, position and token type embeddings,
    /// normalised.
    fn embed(&self, ids: &[u32]) -> Result<Tensor, Error> {
        let h = self.config.hidden;
        let n = ids.len();
        let mut embedded = vec![0.0f32; n * h];
        let blocks = h / BLOCK;
        for (&id, out) in ids.iter().zip(embedded.chunks_exact_mut(h)) {
            let id = id as usize;
            let (Some(row), Some(scales)) = (
                self.words.get(id * h / 2..(id + 1) * h / 2),
                self.word_scales.get(id * blocks..(id + 1) * blocks),
            ) else {
                return Err(Error::Invalid(format!(
                    "piece {id} is out of the vocabulary"
                )));
            };
            for ((bytes, &scale), out) in row
                .chunks_exact(BLOCK / 2)
                .zip(scales)
                .zip(out.chunks_exact_mut(BLOCK))
            {
                let (low, high) = out.split_at_mut(BLOCK / 2);
                for ((&byte, low), high) in bytes.iter().zip(low).zip(high) {
                    *low = (f32::from(byte & 0x0f) - 8.0) * scale;
                    *high = (f32::from(byte >> 4) - 8.0) * scale;
                }
            }
        }
        let words = Tensor::from_vec(embedded, (n, h), &Device::Cpu)?;
        let positions = self.positions.narrow(0, 0, n)?;
        let x = words.add(&positions)?.broadcast_add(&self.token_type)?;
        Ok(self.embedding_norm.forward(&x)?)
    }

    fn layer(&self, layer: &Layer, x: &Tensor) -> Result<Tensor, Error> {
        let (n, h) = x.dims2()?;
        let heads = self.config.heads;
        let width = h / heads;
        let split = |t: Tensor| -> Result<Tensor, Error> {
            Ok(t.reshape((n, heads, width))?
                .transpose(0, 1)?
                .contiguous()?)
        };
        let q = split(layer.query.forward(x)?)?;
        let k = split(layer.key.forward(x)?)?;
        let v = split(layer.value.forward(x)?)?;
        let scores = (q.matmul(&k.t()?)? / (width as f64).sqrt())?;
        let weights = candle_nn::ops::softmax_last_dim(&scores)?;
        let attended = weights
            .matmul(&v)?
            .transpose(0, 1)?
            .contiguous()?
            .reshape((n, h))?;
        let x = layer
            .attention_norm
            .forward(&(layer.attention_out.forward(&attended)? + x)?)?;
        let inner = layer.inner.forward(&x)?.gelu_erf()?;
        Ok(layer
            .output_norm
            .forward(&(layer.outer.forward(&inner)? + &x)?)?)
    }
}

/// The mean of a sequence's token vectors.
fn mean(x: &Tensor) -> Result<Vec<f32>, Error> {
    Ok(x.mean_keepdim(0)?.flatten_all()?.to_vec1::<f32>()?)
}
