//! JSON Lines in, JSON Lines out: reads batches of lines, works on each batch on all cores, and
//! writes results in input order, so memory stays bounded by one batch whatever the input's size.

use std::io::{BufRead, IsTerminal};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Map, Value, json};

/// Lines handled per batch: large enough to keep every core busy, small enough to bound memory.
const BATCH_LINES: usize = 4096;

/// Sets a command that checks many comments at once up to run each comment on one thread: the
/// encoder's matrix products then stay on the thread of their comment. The tensor library splits
/// each product across `RAYON_NUM_THREADS` threads (all cores when unset), and products split
/// across threads that are all busy with comments of their own wait on one another (`suzgec check
/// --jsonl` took 1.4 times as long on 2 cores). So, unless the user set `RAYON_NUM_THREADS`, it is
/// set to 1 and the thread pool that works on the batches is given every core.
///
/// Call it first thing in `main`, before any other thread starts.
pub fn one_thread_per_comment() -> anyhow::Result<()> {
    if std::env::var_os("RAYON_NUM_THREADS").is_some() {
        return Ok(());
    }
    // SAFETY: `main` calls this before any other thread exists, so nothing reads or writes the
    // environment at the same time.
    unsafe { std::env::set_var("RAYON_NUM_THREADS", "1") };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    rayon::ThreadPoolBuilder::new()
        .num_threads(cores)
        .build_global()?;
    Ok(())
}

/// One input line, parsed.
pub enum Input {
    /// An object with a string field `text`.
    Record {
        /// All of the object's fields, `text` included, in input order.
        fields: Map<String, Value>,
        /// The `text` field.
        text: String,
    },
    /// A line that cannot be checked; `fields` is the object when the line was one.
    Invalid {
        /// The line's object, if it parsed as one.
        fields: Option<Map<String, Value>>,
        /// Why it cannot be checked.
        error: LineError,
    },
}

/// Why a line could not be handled, in the same shape as the HTTP API's errors.
#[derive(Debug, Clone)]
pub struct LineError {
    /// Stable snake_case code.
    pub code: &'static str,
    /// What went wrong.
    pub message: String,
}

impl LineError {
    /// The error as the JSON value of an `error` field.
    pub fn to_json(&self) -> Value {
        json!({"code": self.code, "message": self.message})
    }
}

/// Parses one line (without its line break).
pub fn parse_line(bytes: &[u8]) -> Input {
    let invalid = |code, message: String| Input::Invalid {
        fields: None,
        error: LineError { code, message },
    };
    let Ok(line) = std::str::from_utf8(bytes) else {
        return invalid("invalid_utf8", "the line is not valid UTF-8".into());
    };
    let fields = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(fields)) => fields,
        Ok(_) => return invalid("invalid_json", "the line is not a JSON object".into()),
        Err(e) => return invalid("invalid_json", format!("the line is not valid JSON: {e}")),
    };
    match fields.get("text") {
        Some(Value::String(text)) => {
            let text = text.clone();
            Input::Record { fields, text }
        }
        _ => Input::Invalid {
            fields: Some(fields),
            error: LineError {
                code: "missing_text",
                message: "the object has no string field `text`".into(),
            },
        },
    }
}

/// Streams `reader`'s lines through `work` on all cores (within the current rayon pool) and hands
/// each result to `emit` in input order. Shows a progress counter when stderr is a terminal.
pub fn stream<R, T, W, E>(mut reader: R, work: W, mut emit: E) -> anyhow::Result<()>
where
    R: BufRead,
    T: Send,
    W: Fn(Input) -> T + Sync,
    E: FnMut(T) -> anyhow::Result<()>,
{
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {human_pos} lines, {per_sec}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut batch: Vec<Vec<u8>> = Vec::with_capacity(BATCH_LINES);
    loop {
        batch.clear();
        while batch.len() < BATCH_LINES {
            let mut line = Vec::new();
            if reader.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            while line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                line.pop();
            }
            batch.push(line);
        }
        if batch.is_empty() {
            break;
        }
        let results: Vec<T> = batch
            .par_iter()
            .map(|line| work(parse_line(line)))
            .collect();
        let done = results.len() as u64;
        for result in results {
            emit(result)?;
        }
        progress.inc(done);
    }
    progress.finish_and_clear();
    Ok(())
}
