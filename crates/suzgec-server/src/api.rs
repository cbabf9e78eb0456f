//! The JSON API under `/api/v1`, described by `openapi.json` beside this file.

use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use suzgec_core::Verdict;
use suzgec_store::{
    Article, ArticleUpdate, Comment, EventKind, ModeratorDecision, NewArticle, Role, Status,
};

use crate::auth::ApiCaller;
use crate::comments::{self, Submission};
use crate::config::EmbedSettings;
use crate::error::AppError;
use crate::limits::{Action, Client};
use crate::state::AppState;
use crate::time::rfc3339;

/// A JSON object in, with rejections answered in the API's error format. Only an object is taken:
/// serde would also build a request from an array of its fields, which the OpenAPI document does
/// not allow.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let Json(fields) =
            Json::<serde_json::Map<String, serde_json::Value>>::from_request(request, state)
                .await?;
        serde_json::from_value(fields.into())
            .map(ApiJson)
            .map_err(|error| {
                AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_json",
                    format!("the JSON does not have the request's shape: {error}"),
                )
            })
    }
}

/// Query parameters, with rejections answered in the API's error format (`invalid_query`).
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct ApiQuery<T>(pub T);

/// Path parameters, with rejections answered in the API's error format (`invalid_path`).
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct ApiPath<T>(pub T);

/// A query parameter's value within `range`, `default` when it is absent; out of range it is
/// refused as the OpenAPI document says (`minimum`, `maximum`).
fn in_range(
    name: &str,
    value: Option<i64>,
    default: i64,
    range: std::ops::RangeInclusive<i64>,
) -> Result<i64, AppError> {
    let value = value.unwrap_or(default);
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(AppError::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            format!("{name} must be from {} to {}", range.start(), range.end()),
        ))
    }
}

/// The API's routes, to be nested under `/api/v1`. Those a reader's browser calls from an embedding
/// site's page get `embed`'s CORS; the rest answer same-origin pages and servers only.
pub fn routes(embed: &EmbedSettings) -> Router<AppState> {
    let readers = Router::new()
        .route("/check", post(check))
        .route(
            "/articles/{slug}/comments",
            get(list_comments).post(create_comment),
        )
        .route("/comments/{id}/report", post(report_comment))
        .route("/embed/threads", post(crate::embed::thread))
        .layer(crate::embed::cors(embed));
    Router::new()
        .merge(readers)
        .route("/openapi.json", get(openapi))
        .route("/moderate", post(moderate))
        .route("/articles", get(list_articles).post(create_article))
        .route("/articles/{slug}", get(get_article).put(update_article))
        .route("/moderation/queue", get(queue))
        .route("/moderation/comments/{id}/decision", post(decide))
        .route("/moderation/comments/{id}/history", get(history))
        .route("/moderation/audit", get(audit))
        .route("/moderation/stats", get(stats))
        .route("/moderation/webhooks", get(webhook_log))
        .route("/moderation/learn", post(crate::site_models::learn))
        .route("/moderation/site-models", get(crate::site_models::list))
}

/// The OpenAPI document of this API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// The OpenAPI document as a server serves it: a request's `policy` is one of the policies the
/// server was configured with.
pub fn served_openapi<'a>(policies: impl IntoIterator<Item = &'a str>) -> String {
    let Ok(mut document) = serde_json::from_str::<serde_json::Value>(OPENAPI) else {
        return OPENAPI.to_owned();
    };
    if let Some(policy) = document.pointer_mut("/components/schemas/CheckRequest/properties/policy")
    {
        let mut names: Vec<serde_json::Value> = policies.into_iter().map(Into::into).collect();
        names.push(serde_json::Value::Null);
        policy["enum"] = serde_json::Value::Array(names);
    }
    serde_json::to_string_pretty(&document).unwrap_or_else(|_| OPENAPI.to_owned())
}

async fn openapi(State(state): State<AppState>) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        state.openapi.to_string(),
    )
        .into_response()
}

/// A text to judge.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRequest {
    text: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    policy: Option<String>,
}

async fn moderate(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(request): ApiJson<CheckRequest>,
) -> Result<Json<Verdict>, AppError> {
    caller.require(Role::Api)?;
    let verdict = state
        .check(
            &request.text,
            request.language.as_deref(),
            request.policy.as_deref(),
        )
        .await?;
    Ok(Json(verdict))
}

async fn check(
    State(state): State<AppState>,
    client: Client,
    ApiJson(request): ApiJson<CheckRequest>,
) -> Result<Json<Verdict>, AppError> {
    state.limits.take(Action::Check, client.ip)?;
    let verdict = state
        .check(
            &request.text,
            request.language.as_deref(),
            request.policy.as_deref(),
        )
        .await?;
    Ok(Json(verdict))
}

/// An article as the API shows it.
#[derive(Debug, Serialize)]
pub struct ArticleOut {
    slug: String,
    language: String,
    title: String,
    summary: String,
    body: String,
    source: String,
    translation_slug: Option<String>,
    published_at: String,
    updated_at: String,
    url: String,
    /// The page of another site that embeds its comments.
    #[serde(skip_serializing_if = "Option::is_none")]
    canonical_url: Option<String>,
}

impl From<Article> for ArticleOut {
    fn from(article: Article) -> Self {
        ArticleOut {
            url: format!("/articles/{}", article.slug),
            published_at: rfc3339(article.published_at),
            updated_at: rfc3339(article.updated_at),
            slug: article.slug,
            language: article.language,
            title: article.title,
            summary: article.summary,
            body: article.body,
            source: article.source,
            translation_slug: article.translation_slug,
            canonical_url: article.canonical_url,
        }
    }
}

async fn article_or_404(state: &AppState, slug: &str) -> Result<Article, AppError> {
    state
        .store
        .article(slug)
        .await?
        .ok_or_else(|| AppError::not_found("article"))
}

async fn list_articles(State(state): State<AppState>) -> Result<Json<Vec<ArticleOut>>, AppError> {
    let articles = state.store.articles().await?;
    Ok(Json(articles.into_iter().map(ArticleOut::from).collect()))
}

async fn get_article(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
) -> Result<Json<ArticleOut>, AppError> {
    Ok(Json(article_or_404(&state, &slug).await?.into()))
}

fn validate_article(new: &NewArticle) -> Result<(), AppError> {
    let slug_ok = !new.slug.is_empty()
        && new.slug.len() <= 120
        && new
            .slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let problem = if !slug_ok {
        Some("slug must be 1 to 120 characters of a-z, 0-9 and -")
    } else if !matches!(new.language.as_str(), "tr" | "en") {
        Some("language must be tr or en")
    } else if new.title.trim().is_empty() || new.body.trim().is_empty() {
        Some("title and body must not be empty")
    } else {
        None
    };
    match problem {
        Some(message) => Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_article",
            message,
        )),
        None => Ok(()),
    }
}

async fn create_article(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(new): ApiJson<NewArticle>,
) -> Result<(StatusCode, Json<ArticleOut>), AppError> {
    caller.require(Role::Editor)?;
    validate_article(&new)?;
    let article = state.store.create_article(&new).await?;
    Ok((StatusCode::CREATED, Json(article.into())))
}

async fn update_article(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(slug): ApiPath<String>,
    ApiJson(update): ApiJson<ArticleUpdate>,
) -> Result<Json<ArticleOut>, AppError> {
    caller.require(Role::Editor)?;
    let blank = |field: &Option<String>| field.as_ref().is_some_and(|text| text.trim().is_empty());
    if blank(&update.title) || blank(&update.body) {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_article",
            "title and body must not be empty",
        ));
    }
    Ok(Json(
        state.store.update_article(&slug, &update).await?.into(),
    ))
}

/// A comment as readers see it.
#[derive(Debug, Serialize)]
struct PublicComment {
    id: i64,
    author: String,
    text: String,
    created_at: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    replies: Vec<PublicComment>,
}

impl PublicComment {
    fn new(comment: &Comment) -> Self {
        PublicComment {
            id: comment.id,
            author: comment.author.clone(),
            text: comment.shown_text.clone(),
            created_at: rfc3339(comment.created_at),
            replies: Vec::new(),
        }
    }
}

/// Comments as threads: the top-level comments in their order, each with its replies in theirs.
/// A reply whose parent is not among them is not shown.
pub fn threads(comments: &[Comment]) -> Vec<(&Comment, Vec<&Comment>)> {
    let mut threads: Vec<(&Comment, Vec<&Comment>)> = comments
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|c| (c, Vec::new()))
        .collect();
    for reply in comments.iter().filter(|c| c.parent_id.is_some()) {
        if let Some((_, replies)) = threads
            .iter_mut()
            .find(|(c, _)| Some(c.id) == reply.parent_id)
        {
            replies.push(reply);
        }
    }
    threads
}

/// Threads on one page of the API when the request names no `limit`, and the most it may name.
const THREADS_PER_PAGE: (i64, i64) = (50, 200);

#[derive(Debug, Deserialize)]
struct ThreadQuery {
    #[serde(default)]
    limit: Option<i64>,
    /// The cursor from the previous page's `Link: <…>; rel="next"`.
    #[serde(default)]
    before: Option<i64>,
}

async fn list_comments(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<ThreadQuery>,
) -> Result<Response, AppError> {
    let article = article_or_404(&state, &slug).await?;
    let limit = in_range(
        "limit",
        query.limit,
        THREADS_PER_PAGE.0,
        1..=THREADS_PER_PAGE.1,
    )?;
    let page = state
        .store
        .approved_threads(article.id, query.before, limit)
        .await?;
    let out: Vec<PublicComment> = threads(&page.comments)
        .into_iter()
        .map(|(comment, replies)| PublicComment {
            replies: replies.into_iter().map(PublicComment::new).collect(),
            ..PublicComment::new(comment)
        })
        .collect();
    let mut response = Json(out).into_response();
    if let Some(before) = page.older {
        let link = format!(
            "</api/v1/articles/{}/comments?limit={limit}&before={before}>; rel=\"next\"",
            article.slug
        );
        if let Ok(value) = axum::http::HeaderValue::from_str(&link) {
            response
                .headers_mut()
                .insert(axum::http::header::LINK, value);
        }
    }
    Ok(response)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CommentRequest {
    author: String,
    text: String,
    #[serde(default, deserialize_with = "optional_whole_number")]
    parent_id: Option<i64>,
}

/// A JSON number that is a whole `i64`, written as an integer or not (`12`, `12.0`): what the
/// OpenAPI document's `integer` allows.
fn optional_whole_number<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i64>, D::Error> {
    let Some(number) = Option::<serde_json::Number>::deserialize(deserializer)? else {
        return Ok(None);
    };
    if let Some(whole) = number.as_i64() {
        return Ok(Some(whole));
    }
    number
        .as_f64()
        .filter(|f| f.fract() == 0.0 && (i64::MIN as f64..i64::MAX as f64).contains(f))
        .map(|f| Some(f as i64))
        .ok_or_else(|| serde::de::Error::custom(format!("{number} is not a whole number")))
}

/// The answer to a submitted comment.
#[derive(Debug, Serialize)]
struct CommentCreated {
    id: i64,
    status: Status,
    verdict: Verdict,
}

async fn create_comment(
    State(state): State<AppState>,
    client: Client,
    ApiPath(slug): ApiPath<String>,
    ApiJson(request): ApiJson<CommentRequest>,
) -> Result<(StatusCode, Json<CommentCreated>), AppError> {
    let article = article_or_404(&state, &slug).await?;
    let comment = comments::submit(
        &state,
        &client,
        &article,
        Submission {
            author: request.author,
            text: request.text,
            parent_id: request.parent_id,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(CommentCreated {
            id: comment.id,
            status: comment.status,
            verdict: comment.verdict,
        }),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportRequest {
    #[serde(default)]
    reason: String,
}

async fn report_comment(
    State(state): State<AppState>,
    client: Client,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ReportRequest>,
) -> Result<StatusCode, AppError> {
    state.limits.take(Action::Report, client.ip)?;
    // Readers see, and so report, approved comments only.
    let shown = state
        .store
        .comment(id)
        .await?
        .is_some_and(|c| c.status == Status::Approved);
    if !shown {
        return Err(AppError::not_found("comment"));
    }
    let reason: String = request.reason.chars().take(500).collect();
    state.store.report(id, &reason, &client.key).await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Debug, Deserialize)]
struct Paging {
    #[serde(default)]
    limit: Option<i64>,
    #[serde(default)]
    before: Option<i64>,
}

async fn queue(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Vec<suzgec_store::QueueItem>>, AppError> {
    caller.require(Role::Moderator)?;
    let limit = in_range("limit", paging.limit, 50, 1..=500)?;
    Ok(Json(state.store.queue(limit).await?))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum DecisionKind {
    Approve,
    Reject,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionRequest {
    decision: DecisionKind,
    #[serde(default)]
    reason: String,
    /// An edited text to approve in place of the submitted one.
    #[serde(default)]
    text: Option<String>,
}

/// Turns a moderator's decision into the store's form: an edited text only goes with an approval.
pub fn moderator_decision(
    actor: &str,
    approve: bool,
    reason: &str,
    edited_text: Option<String>,
    original: &str,
) -> Result<ModeratorDecision, AppError> {
    if !approve && edited_text.is_some() {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_decision",
            "an edited text can only be approved",
        ));
    }
    let edited_text = edited_text.filter(|text| text != original);
    if edited_text
        .as_ref()
        .is_some_and(|t| !suzgec_core::has_visible_text(t))
    {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_decision",
            "the edited text is empty",
        ));
    }
    Ok(ModeratorDecision {
        status: if approve {
            Status::Approved
        } else {
            Status::Rejected
        },
        actor: actor.to_owned(),
        reason: reason.chars().take(1000).collect(),
        edited_text,
    })
}

async fn decide(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> Result<Json<Comment>, AppError> {
    caller.require(Role::Moderator)?;
    let comment = state
        .store
        .comment(id)
        .await?
        .ok_or_else(|| AppError::not_found("comment"))?;
    let decision = moderator_decision(
        &caller.name,
        matches!(request.decision, DecisionKind::Approve),
        &request.reason,
        request.text,
        &comment.shown_text,
    )?;
    Ok(Json(state.store.decide(id, &decision).await?))
}

async fn history(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<suzgec_store::Event>>, AppError> {
    caller.require(Role::Moderator)?;
    if state.store.comment(id).await?.is_none() {
        return Err(AppError::not_found("comment"));
    }
    Ok(Json(state.store.history(id).await?))
}

async fn audit(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Vec<suzgec_store::AuditEntry>>, AppError> {
    caller.require(Role::Moderator)?;
    let limit = in_range("limit", paging.limit, 100, 1..=1000)?;
    Ok(Json(
        state
            .store
            .audit_log(Some(EventKind::Moderator), paging.before, limit)
            .await?,
    ))
}

#[derive(Debug, Deserialize)]
struct StatsQuery {
    #[serde(default)]
    days: Option<i64>,
}

/// Per-day counts for the statistics page and API.
#[derive(Debug, Serialize)]
pub struct Stats {
    /// Comments each rule gave a reason for, per day.
    pub rules: Vec<suzgec_store::DailyCount>,
    /// Comments per machine decision per day, and moderator overrides (`override`).
    pub decisions: Vec<suzgec_store::DailyCount>,
}

/// The statistics of the last `days` days.
pub async fn load_stats(state: &AppState, days: i64) -> Result<Stats, AppError> {
    let since = suzgec_store::now_millis() - days.clamp(1, 366) * 86_400_000;
    Ok(Stats {
        rules: state.store.rule_counts(since).await?,
        decisions: state.store.decision_counts(since).await?,
    })
}

async fn stats(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(query): ApiQuery<StatsQuery>,
) -> Result<Json<Stats>, AppError> {
    caller.require(Role::Moderator)?;
    let days = in_range("days", query.days, 30, 1..=366)?;
    Ok(Json(load_stats(&state, days).await?))
}

/// The webhook delivery log, newest first.
async fn webhook_log(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Vec<suzgec_store::DeliveryLogEntry>>, AppError> {
    caller.require(Role::Moderator)?;
    let limit = in_range("limit", paging.limit, 100, 1..=1000)?;
    Ok(Json(state.store.webhook_log(limit).await?))
}
