//! An OpenAI-compatible moderation endpoint, `POST /v1/moderations`, so that clients built on
//! OpenAI's SDKs point `base_url` at Süzgeç and keep their code.
//!
//! Categories map onto the verdict as [`super::scores`] describes (flagged above 0.8):
//! `harassment` (swearing, insults, offensive content aimed at a person), `harassment/threatening`
//! (threats to a person), `hate` (attacks on groups and beliefs), `hate/threatening` (threats to a
//! group), `violence` (any threat). Süzgeç does not judge the other categories (`illicit`,
//! `self-harm`, `sexual`, `violence/graphic`): they are always false and 0. The full verdict,
//! form rules included, is in each result's `suzgec` field.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use suzgec_core::Verdict;
use suzgec_store::Role;

use super::scores::{self, Category};
use crate::auth::{ApiCaller, bearer_token, new_secret};
use crate::error::AppError;
use crate::state::AppState;

/// Most inputs in one request.
const MAX_INPUTS: usize = 32;

fn threatens_person(reason: &suzgec_core::Reason) -> bool {
    scores::threatens(reason) && !scores::attacks_group(reason)
}

fn threatens_group(reason: &suzgec_core::Reason) -> bool {
    scores::threatens(reason) && scores::attacks_group(reason)
}

/// OpenAI's categories that Süzgeç judges, with the reasons that make them.
const JUDGED: [(&str, Category); 5] = [
    (
        "harassment",
        Category {
            includes: scores::harasses,
            rules: &[suzgec_core::RuleId::Swearing, suzgec_core::RuleId::Insult],
            rejections_only: false,
        },
    ),
    (
        "harassment/threatening",
        Category {
            includes: threatens_person,
            rules: &[],
            rejections_only: false,
        },
    ),
    (
        "hate",
        Category {
            includes: scores::attacks_group,
            rules: &[suzgec_core::RuleId::BeliefAttack],
            rejections_only: false,
        },
    ),
    (
        "hate/threatening",
        Category {
            includes: threatens_group,
            rules: &[],
            rejections_only: false,
        },
    ),
    (
        "violence",
        Category {
            includes: scores::threatens,
            rules: &[],
            rejections_only: false,
        },
    ),
];

/// OpenAI's categories that Süzgeç does not judge.
const NOT_JUDGED: [&str; 8] = [
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/intent",
    "self-harm/instructions",
    "sexual",
    "sexual/minors",
    "violence/graphic",
];

/// A score above this flags its category: the policy would not approve the comment for it.
const FLAG_ABOVE: f32 = 0.8;

/// An error in OpenAI's shape: `{"error":{"message","type","param","code"}}`.
#[derive(Debug)]
pub struct OpenAiError {
    status: StatusCode,
    message: String,
    code: Option<&'static str>,
}

impl OpenAiError {
    fn invalid(message: impl Into<String>) -> Self {
        OpenAiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            code: None,
        }
    }
}

impl From<AppError> for OpenAiError {
    fn from(error: AppError) -> Self {
        let code = match error.status {
            StatusCode::UNAUTHORIZED => Some("invalid_api_key"),
            StatusCode::TOO_MANY_REQUESTS => Some("rate_limit_exceeded"),
            _ => Some(error.code),
        };
        OpenAiError {
            status: error.status,
            message: error.message,
            code,
        }
    }
}

impl IntoResponse for OpenAiError {
    fn into_response(self) -> Response {
        let kind = match self.status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => "authentication_error",
            StatusCode::TOO_MANY_REQUESTS => "rate_limit_error",
            status if status.is_server_error() => "server_error",
            _ => "invalid_request_error",
        };
        let body = json!({"error": {
            "message": self.message,
            "type": kind,
            "param": if self.status == StatusCode::BAD_REQUEST { Some("input") } else { None },
            "code": self.code,
        }});
        (self.status, Json(body)).into_response()
    }
}

/// One item of a multimodal input.
#[derive(Debug, Deserialize)]
struct InputItem {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    text: Option<String>,
}

/// `input`: a string, an array of strings, or an array of multimodal items (judged as one).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Input {
    One(String),
    Many(Vec<String>),
    Items(Vec<InputItem>),
}

#[derive(Debug, Deserialize)]
struct ModerationRequest {
    input: Input,
    #[serde(default)]
    model: Option<String>,
}

/// One input's result.
#[derive(Debug, Serialize)]
struct ModerationResult {
    flagged: bool,
    categories: BTreeMap<&'static str, bool>,
    category_scores: BTreeMap<&'static str, f64>,
    category_applied_input_types: BTreeMap<&'static str, Vec<&'static str>>,
    /// Süzgeç's whole verdict.
    suzgec: Verdict,
}

/// The texts to judge, one per result.
fn texts(input: Input) -> Result<Vec<String>, OpenAiError> {
    let texts = match input {
        Input::One(text) => vec![text],
        Input::Many(texts) => texts,
        Input::Items(items) => {
            let mut parts = Vec::new();
            for item in items {
                match (item.kind.as_str(), item.text) {
                    ("text", Some(text)) if suzgec_core::has_visible_text(&text) => {
                        parts.push(text);
                    }
                    ("text", _) => return Err(OpenAiError::invalid("a text item needs text")),
                    (kind, _) => {
                        return Err(OpenAiError::invalid(format!(
                            "Süzgeç judges text only; input items of type {kind:?} are not \
                             supported"
                        )));
                    }
                }
            }
            vec![parts.join("\n")]
        }
    };
    if texts.is_empty() || texts.len() > MAX_INPUTS {
        return Err(OpenAiError::invalid(format!(
            "input must hold 1 to {MAX_INPUTS} texts"
        )));
    }
    Ok(texts)
}

fn result(verdict: Verdict, policy: &suzgec_core::Policy) -> ModerationResult {
    let mut categories = BTreeMap::new();
    let mut category_scores = BTreeMap::new();
    for (name, category) in &JUDGED {
        let (value, _) = scores::score(&verdict, policy, category);
        categories.insert(*name, value > FLAG_ABOVE);
        category_scores.insert(*name, scores::rounded(value));
    }
    for name in NOT_JUDGED {
        categories.insert(name, false);
        category_scores.insert(name, 0.0);
    }
    let category_applied_input_types = categories.keys().map(|&k| (k, vec!["text"])).collect();
    ModerationResult {
        flagged: categories.values().any(|&flagged| flagged),
        categories,
        category_scores,
        category_applied_input_types,
        suzgec: verdict,
    }
}

/// `POST /v1/moderations`.
pub async fn moderations(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Value>, OpenAiError> {
    let token = bearer_token(&headers).ok_or_else(|| {
        AppError::unauthorized("You didn't provide an API key: Authorization: Bearer TOKEN")
    })?;
    let caller = ApiCaller::from_token(&state, token)
        .await?
        .ok_or_else(|| AppError::unauthorized("Incorrect API key provided"))?;
    caller.require(Role::Api)?;
    let request: ModerationRequest = serde_json::from_slice(&body)
        .map_err(|error| OpenAiError::invalid(format!("invalid request body: {error}")))?;
    let policy = state.moderator(None)?.policy();
    let mut results = Vec::new();
    for text in texts(request.input)? {
        let verdict = state.check(&text, None, None).await?;
        results.push(result(verdict, policy));
    }
    let id = format!("modr-{}", &new_secret()[..24]);
    Ok(Json(json!({
        "id": id,
        "model": request.model.unwrap_or_else(|| "suzgec".into()),
        "results": results,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use suzgec_core::Aspect;

    #[test]
    fn inputs_of_every_shape_become_texts() {
        let parse = |json: Value| {
            texts(
                serde_json::from_value::<ModerationRequest>(json!({ "input": json }))
                    .unwrap()
                    .input,
            )
        };
        assert_eq!(parse(json!("bir")).unwrap(), ["bir"]);
        assert_eq!(parse(json!(["bir", "iki"])).unwrap(), ["bir", "iki"]);
        assert_eq!(
            parse(json!([{"type": "text", "text": "bir"}, {"type": "text", "text": "iki"}]))
                .unwrap(),
            ["bir\niki"]
        );
        assert!(parse(json!([{"type": "image_url", "image_url": {"url": "x"}}])).is_err());
        assert!(parse(json!([])).is_err());
    }

    #[test]
    fn threats_to_groups_flag_hate_and_violence_not_harassment() {
        let moderator = suzgec_core::Moderator::new(suzgec_core::Policy::default()).unwrap();
        let verdict = moderator
            .check("Kürtlerin kökünü kazıyacağız", None)
            .unwrap();
        assert!(
            verdict
                .reasons
                .iter()
                .any(|r| r.aspects.contains(&Aspect::Threat))
        );
        let result = result(verdict, moderator.policy());
        assert!(result.flagged);
        assert!(result.categories["hate"] && result.categories["hate/threatening"]);
        assert!(result.categories["violence"]);
        assert!(!result.categories["harassment/threatening"]);
        assert!(!result.categories["sexual"]);
    }
}
