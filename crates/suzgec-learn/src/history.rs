//! A site's past decisions, as JSON Lines exported from any comment system:
//! `{"text": …, "decision": "approve"|"reject", "rules"?: [rule ids], "decided_at"?: …}`.
//!
//! A bad line is reported with its number and skipped; the rest is read.

use std::io::BufRead;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use suzgec_core::RuleId;

/// One moderator decision on one comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The comment.
    pub text: String,
    /// Whether the site refused it.
    pub refused: bool,
    /// The rules the site refused it for, when its system recorded them.
    pub rules: Option<Vec<RuleId>>,
    /// When it was decided, when known.
    pub decided_at: Option<DateTime<Utc>>,
}

impl Decision {
    /// A decision stored with its time in Unix milliseconds (Süzgeç's database), for no rule in
    /// particular.
    pub fn at_millis(text: String, refused: bool, millis: i64) -> Decision {
        Decision {
            text,
            refused,
            rules: None,
            decided_at: DateTime::from_timestamp_millis(millis),
        }
    }
}

/// A line of a history that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// Its number, from 1.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Reads a history: the decisions of its good lines and an error for each bad one. Blank lines
/// are skipped silently.
pub fn read(mut reader: impl BufRead) -> std::io::Result<(Vec<Decision>, Vec<LineError>)> {
    let (mut decisions, mut errors) = (Vec::new(), Vec::new());
    let mut bytes = Vec::new();
    let mut line = 0;
    loop {
        bytes.clear();
        if reader.read_until(b'\n', &mut bytes)? == 0 {
            break;
        }
        line += 1;
        let parsed = std::str::from_utf8(&bytes)
            .map_err(|_| "not UTF-8".to_owned())
            .and_then(|text| match text.trim() {
                "" => Ok(None),
                text => parse_line(text).map(Some),
            });
        match parsed {
            Ok(Some(decision)) => decisions.push(decision),
            Ok(None) => {}
            Err(message) => errors.push(LineError { line, message }),
        }
    }
    Ok((decisions, errors))
}

/// One line of a history.
pub fn parse_line(line: &str) -> Result<Decision, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(fields) = value else {
        return Err("not a JSON object".into());
    };
    let text = match fields.get("text") {
        Some(Value::String(text)) if !text.trim().is_empty() => text.clone(),
        Some(Value::String(_)) => return Err("`text` is empty".into()),
        Some(_) => return Err("`text` is not a string".into()),
        None => return Err("no `text`".into()),
    };
    let refused = match fields.get("decision").and_then(Value::as_str) {
        Some("approve") => false,
        Some("reject") => true,
        Some(other) => {
            return Err(format!(
                "unknown decision {other:?} (expected \"approve\" or \"reject\")"
            ));
        }
        None => return Err("no `decision` (\"approve\" or \"reject\")".into()),
    };
    let rules = match fields.get("rules") {
        None | Some(Value::Null) => None,
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .map(|item| {
                    let id = item.as_str().ok_or("`rules` holds a non-string")?;
                    id.parse::<RuleId>()
                        .map_err(|_| format!("unknown rule {id:?} in `rules`"))
                })
                .collect::<Result<Vec<_>, String>>()?,
        ),
        Some(_) => return Err("`rules` is not a list of rule ids".into()),
    };
    let decided_at = match fields.get("decided_at") {
        None | Some(Value::Null) => None,
        Some(Value::String(when)) => Some(parse_time(when)?),
        Some(_) => return Err("`decided_at` is not a string".into()),
    };
    Ok(Decision {
        text,
        refused,
        rules,
        decided_at,
    })
}

/// An RFC 3339 time, or a date (taken as its midnight, UTC).
fn parse_time(when: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(time) = DateTime::parse_from_rfc3339(when) {
        return Ok(time.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(when, "%Y-%m-%d")
        .ok()
        .and_then(|date| date.and_hms_opt(0, 0, 0))
        .map(|time| time.and_utc())
        .ok_or_else(|| format!("`decided_at` {when:?} is neither an RFC 3339 time nor a date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_are_read_and_bad_ones_reported_with_their_number() {
        let history = concat!(
            r#"{"text": "Harika bir yazı", "decision": "approve"}"#,
            "\n",
            r#"{"text": "Sen bir aptalsın", "decision": "reject", "rules": ["insult"], "decided_at": "2026-03-01T10:00:00+03:00"}"#,
            "\n\n",
            r#"{"decision": "reject"}"#,
            "\n",
            r#"{"text": "x", "decision": "maybe"}"#,
            "\n",
            r#"{"text": "x", "decision": "reject", "rules": ["rudeness"]}"#,
            "\n",
            "not json\n",
            r#"{"text": "  ", "decision": "approve"}"#,
            "\n",
            r#"{"text": "x", "decision": "approve", "decided_at": "yesterday"}"#,
            "\n",
        );
        let mut bytes = history.as_bytes().to_vec();
        bytes.extend_from_slice(b"{\"text\": \"\xff\", \"decision\": \"approve\"}\n");
        let (decisions, errors) = read(&bytes[..]).expect("reads");
        assert_eq!(decisions.len(), 2);
        assert!(!decisions[0].refused);
        assert_eq!(decisions[1].rules, Some(vec![RuleId::Insult]));
        assert_eq!(
            decisions[1].decided_at.map(|t| t.to_rfc3339()),
            Some("2026-03-01T07:00:00+00:00".into())
        );
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [4, 5, 6, 7, 8, 9, 10]);
        assert!(errors[0].message.contains("no `text`"), "{}", errors[0]);
        assert!(
            errors[1].message.contains("unknown decision"),
            "{}",
            errors[1]
        );
        assert!(errors[2].message.contains("unknown rule"), "{}", errors[2]);
        assert!(errors[6].message.contains("UTF-8"), "{}", errors[6]);
    }

    #[test]
    fn a_date_is_its_midnight() {
        let decision =
            parse_line(r#"{"text": "x", "decision": "approve", "decided_at": "2025-12-31"}"#)
                .expect("parses");
        assert_eq!(
            decision.decided_at.map(|t| t.to_rfc3339()),
            Some("2025-12-31T00:00:00+00:00".into())
        );
    }
}
