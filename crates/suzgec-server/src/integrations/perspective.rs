//! Perspective-compatible endpoints, so that code written for Perspective's Comment Analyzer
//! (Coral's toxicity check among it) changes only its URL and key:
//! `POST /v1alpha1/comments:analyze` and `POST /v1alpha1/comments:suggestscore`.
//!
//! Attributes map onto the verdict as [`super::scores`] describes: `TOXICITY` (every abuse rule),
//! `SEVERE_TOXICITY` (their refusals only), `INSULT`, `PROFANITY`, `IDENTITY_ATTACK` (attacks on
//! groups and beliefs), `THREAT`. The form rules (`spelling`, `no_turkish_chars`, `all_caps`)
//! are not toxicity and score nowhere here; the full verdict is at `/api/v1/moderate`.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use suzgec_core::{Language, Verdict};
use suzgec_store::{NewFeedback, Role};

use super::scores::{self, Category, Utf16Offsets};
use crate::auth::{ApiCaller, bearer_token};
use crate::error::AppError;
use crate::state::AppState;

/// The attributes Süzgeç scores, by Perspective's names.
const ATTRIBUTES: [(&str, Category); 6] = [
    (
        "TOXICITY",
        Category {
            includes: scores::is_abuse,
            rules: &suzgec_core::RuleId::ABUSE,
            rejections_only: false,
        },
    ),
    (
        "SEVERE_TOXICITY",
        Category {
            includes: scores::is_abuse,
            rules: &[],
            rejections_only: true,
        },
    ),
    (
        "INSULT",
        Category {
            includes: |r| r.rule == suzgec_core::RuleId::Insult,
            rules: &[suzgec_core::RuleId::Insult],
            rejections_only: false,
        },
    ),
    (
        "PROFANITY",
        Category {
            includes: |r| r.rule == suzgec_core::RuleId::Swearing,
            rules: &[suzgec_core::RuleId::Swearing],
            rejections_only: false,
        },
    ),
    (
        "IDENTITY_ATTACK",
        Category {
            includes: scores::attacks_group,
            rules: &[suzgec_core::RuleId::BeliefAttack],
            rejections_only: false,
        },
    ),
    (
        "THREAT",
        Category {
            includes: scores::threatens,
            rules: &[],
            rejections_only: false,
        },
    ),
];

/// The longest comment scored, in characters: the built-in policy's `max_chars`.
const MAX_COMMENT_CHARS: usize = 10_000;

/// An error in Perspective's shape: `{"error":{"code","message","status","details":[…]}}`.
#[derive(Debug)]
pub struct PerspectiveError {
    status: StatusCode,
    message: String,
    error_type: Option<&'static str>,
}

impl PerspectiveError {
    fn invalid(error_type: &'static str, message: impl Into<String>) -> Self {
        PerspectiveError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            error_type: Some(error_type),
        }
    }
}

impl From<AppError> for PerspectiveError {
    fn from(error: AppError) -> Self {
        PerspectiveError {
            status: error.status,
            message: error.message,
            error_type: None,
        }
    }
}

impl IntoResponse for PerspectiveError {
    fn into_response(self) -> Response {
        let status = match self.status {
            StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "INVALID_ARGUMENT",
            StatusCode::UNAUTHORIZED => "UNAUTHENTICATED",
            StatusCode::FORBIDDEN => "PERMISSION_DENIED",
            StatusCode::TOO_MANY_REQUESTS => "RESOURCE_EXHAUSTED",
            StatusCode::PAYLOAD_TOO_LARGE => "INVALID_ARGUMENT",
            _ => "INTERNAL",
        };
        let code = if self.status == StatusCode::UNPROCESSABLE_ENTITY {
            StatusCode::BAD_REQUEST
        } else {
            self.status
        };
        let mut error = json!({
            "code": code.as_u16(),
            "message": self.message,
            "status": status,
        });
        if let Some(error_type) = self.error_type {
            error["details"] = json!([{
                "@type": "type.googleapis.com/google.commentanalyzer.v1alpha1.Error",
                "errorType": error_type,
            }]);
        }
        (code, Json(json!({ "error": error }))).into_response()
    }
}

/// `?key=TOKEN`, Perspective's way of passing the key.
#[derive(Debug, Deserialize)]
pub struct KeyQuery {
    key: Option<String>,
}

/// The caller of a Perspective endpoint: an `api` token in `?key=` or `Authorization: Bearer`.
async fn caller(
    state: &AppState,
    query: &KeyQuery,
    headers: &HeaderMap,
) -> Result<ApiCaller, PerspectiveError> {
    let token = query
        .key
        .as_deref()
        .filter(|key| !key.is_empty())
        .or_else(|| bearer_token(headers))
        .ok_or_else(|| {
            AppError::unauthorized("the request is missing an API key: ?key=TOKEN or Bearer TOKEN")
        })?;
    let caller = ApiCaller::from_token(state, token)
        .await?
        .ok_or_else(|| AppError::forbidden("the API key is not valid"))?;
    caller.require(Role::Api)?;
    Ok(caller)
}

/// The request body, parsed leniently: clients send fields Süzgeç has no use for.
fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, PerspectiveError> {
    serde_json::from_slice(body).map_err(|error| {
        PerspectiveError::invalid("INVALID_ARGUMENT", format!("invalid JSON payload: {error}"))
    })
}

/// A struct from a JSON object only: serde would also build one from an array of its fields,
/// which the OpenAPI document does not allow.
fn object<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned>(
    deserializer: D,
) -> Result<T, D::Error> {
    let fields = serde_json::Map::<String, Value>::deserialize(deserializer)?;
    serde_json::from_value(Value::Object(fields)).map_err(serde::de::Error::custom)
}

/// A map of structs, each from a JSON object only (see [`object`]).
fn objects<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned>(
    deserializer: D,
) -> Result<BTreeMap<String, T>, D::Error> {
    BTreeMap::<String, serde_json::Map<String, Value>>::deserialize(deserializer)?
        .into_iter()
        .map(|(name, fields)| Ok((name, serde_json::from_value(Value::Object(fields))?)))
        .collect::<Result<_, serde_json::Error>>()
        .map_err(serde::de::Error::custom)
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommentIn {
    #[serde(default)]
    text: String,
    /// `PLAIN_TEXT` (the default) or `HTML`.
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AttributeParameters {
    #[serde(default)]
    score_type: Option<String>,
    #[serde(default)]
    score_threshold: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AnalyzeRequest {
    #[serde(default, deserialize_with = "object")]
    comment: CommentIn,
    #[serde(default, deserialize_with = "objects")]
    requested_attributes: BTreeMap<String, AttributeParameters>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    span_annotations: bool,
    #[serde(default)]
    client_token: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Score {
    value: f64,
    #[serde(rename = "type")]
    kind: &'static str,
}

impl Score {
    fn probability(value: f32) -> Self {
        Score {
            value: scores::rounded(value),
            kind: "PROBABILITY",
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SpanScore {
    begin: usize,
    end: usize,
    score: Score,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct AttributeScores {
    summary_score: Score,
    span_scores: Vec<SpanScore>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct AnalyzeResponse {
    attribute_scores: BTreeMap<String, AttributeScores>,
    languages: Vec<String>,
    detected_languages: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_token: Option<String>,
}

/// The comment's text as Süzgeç judges it (HTML loses its tags), refused when it is empty or
/// longer than Perspective allows.
fn comment_text(comment: &CommentIn) -> Result<String, PerspectiveError> {
    let chars = comment.text.chars().count();
    if chars > MAX_COMMENT_CHARS {
        return Err(PerspectiveError::invalid(
            "COMMENT_TOO_LONG",
            format!("comment.text has {chars} characters; the limit is {MAX_COMMENT_CHARS}"),
        ));
    }
    let text = match comment.kind.as_deref() {
        None | Some("PLAIN_TEXT") => comment.text.clone(),
        Some("HTML") => super::html_to_text(&comment.text),
        Some(other) => {
            return Err(PerspectiveError::invalid(
                "INVALID_ARGUMENT",
                format!("comment.type must be PLAIN_TEXT or HTML, not {other:?}"),
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(PerspectiveError::invalid(
            "COMMENT_EMPTY",
            "comment.text is empty",
        ));
    }
    Ok(text)
}

/// An attribute's base name (`TOXICITY@6` and `TOXICITY_EXPERIMENTAL` are `TOXICITY`).
fn base_name(requested: &str) -> &str {
    let name = requested.split('@').next().unwrap_or(requested);
    name.strip_suffix("_EXPERIMENTAL").unwrap_or(name)
}

/// `POST /v1alpha1/comments:analyze`.
pub async fn analyze(
    State(state): State<AppState>,
    Query(query): Query<KeyQuery>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Value>, PerspectiveError> {
    caller(&state, &query, &headers).await?;
    let request: AnalyzeRequest = parse(&body)?;
    if request.requested_attributes.is_empty() {
        return Err(PerspectiveError::invalid(
            "NO_REQUESTED_ATTRIBUTES",
            "requestedAttributes must name at least one attribute",
        ));
    }
    let mut wanted = Vec::new();
    for (name, parameters) in &request.requested_attributes {
        let Some((_, category)) = ATTRIBUTES.iter().find(|(n, _)| *n == base_name(name)) else {
            return Err(PerspectiveError::invalid(
                "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE",
                format!(
                    "Süzgeç does not score attribute {name:?}; it scores {}",
                    ATTRIBUTES.map(|(n, _)| n).join(", ")
                ),
            ));
        };
        if parameters
            .score_type
            .as_deref()
            .is_some_and(|t| t != "PROBABILITY")
        {
            return Err(PerspectiveError::invalid(
                "INVALID_ARGUMENT",
                format!("attribute {name:?}: the only scoreType is PROBABILITY"),
            ));
        }
        let threshold = parameters.score_threshold.unwrap_or(0.0);
        wanted.push((name.clone(), category, threshold));
    }
    let text = comment_text(&request.comment)?;
    // Clients label Turkish `en` (Coral does): the language is always detected. Only the abuse
    // rules run: the attributes score nothing else.
    let verdict = match state.check_abuse(&text).await {
        Err(error) if error.code == "text_too_long" => {
            return Err(PerspectiveError::invalid("COMMENT_TOO_LONG", error.message));
        }
        Err(error) if error.code == "empty_text" => {
            return Err(PerspectiveError::invalid("COMMENT_EMPTY", error.message));
        }
        other => other?,
    };
    let policy = state.abuse_only.policy();
    let offsets = Utf16Offsets::new(&text);
    let mut attribute_scores = BTreeMap::new();
    for (name, category, threshold) in wanted {
        let (value, spans) = scores::score(&verdict, policy, category);
        if f64::from(value) < threshold {
            continue;
        }
        let span_scores = if request.span_annotations && !spans.is_empty() {
            spans
                .into_iter()
                .map(|(span, value)| SpanScore {
                    begin: offsets.of(span.start),
                    end: offsets.of(span.end),
                    score: Score::probability(value),
                })
                .collect()
        } else {
            vec![SpanScore {
                begin: 0,
                end: offsets.of(usize::MAX),
                score: Score::probability(value),
            }]
        };
        attribute_scores.insert(
            name,
            AttributeScores {
                summary_score: Score::probability(value),
                span_scores,
            },
        );
    }
    let detected = detected_languages(&verdict);
    let response = AnalyzeResponse {
        attribute_scores,
        languages: if detected.is_empty() {
            request.languages
        } else {
            detected.clone()
        },
        detected_languages: detected,
        client_token: request.client_token,
    };
    Ok(Json(
        serde_json::to_value(response).map_err(AppError::internal)?,
    ))
}

/// The language Süzgeç judged the comment in, as Perspective lists it.
fn detected_languages(verdict: &Verdict) -> Vec<String> {
    match verdict.language {
        Language::Other => Vec::new(),
        language => vec![language.as_str().to_owned()],
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SuggestedSummary {
    #[serde(default)]
    value: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SuggestedAttribute {
    #[serde(default, deserialize_with = "object")]
    summary_score: SuggestedSummary,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SuggestRequest {
    #[serde(default, deserialize_with = "object")]
    comment: CommentIn,
    #[serde(default, deserialize_with = "objects")]
    attribute_scores: BTreeMap<String, SuggestedAttribute>,
    #[serde(default)]
    client_token: Option<String>,
}

/// `POST /v1alpha1/comments:suggestscore`: a moderator's decision on a comment, reported by the
/// client (Coral: `TOXICITY` 0 for approved, 1 for rejected), kept as feedback.
pub async fn suggest_score(
    State(state): State<AppState>,
    Query(query): Query<KeyQuery>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Value>, PerspectiveError> {
    let caller = caller(&state, &query, &headers).await?;
    let request: SuggestRequest = parse(&body)?;
    let text = comment_text(&request.comment)?;
    // Every attribute gives its value (the OpenAPI document says so); TOXICITY's decides, else
    // the first one's.
    let given = |attribute: &SuggestedAttribute| {
        attribute
            .summary_score
            .value
            .filter(|v| (0.0..=1.0).contains(v))
    };
    let value = request
        .attribute_scores
        .values()
        .all(|attribute| given(attribute).is_some())
        .then(|| {
            request
                .attribute_scores
                .iter()
                .find(|(name, _)| base_name(name) == "TOXICITY")
                .or_else(|| request.attribute_scores.iter().next())
                .and_then(|(_, attribute)| given(attribute))
        })
        .flatten()
        .ok_or_else(|| {
            PerspectiveError::invalid(
                "NO_REQUESTED_ATTRIBUTES",
                "every attributeScores entry must give a summaryScore.value between 0 and 1",
            )
        })?;
    let client_token: String = request
        .client_token
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    state
        .store
        .add_feedback(&NewFeedback {
            source: "perspective".into(),
            client_token: client_token.clone(),
            text,
            approved: value < 0.5,
            actor: caller.name,
        })
        .await
        .map_err(AppError::from)?;
    Ok(Json(json!({ "clientToken": client_token })))
}
