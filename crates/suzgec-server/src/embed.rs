//! Comment threads in other sites' pages. A page includes `embed.js` beside a
//! `<div data-suzgec-thread data-url="…">`; the script asks `POST /api/v1/embed/threads` for the
//! page's thread (an article keyed by the page's canonical URL, created on first load) and then
//! uses the public comment API. Only the origins in `[embed] allowed_origins` may do either: the
//! browser enforces it through CORS, and the thread endpoint checks `Origin` and the page's URL.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use reqwest::Url;
use serde::{Deserialize, Serialize};
use suzgec_core::RuleId;
use suzgec_core::text::skeleton::fold_letter;
use suzgec_store::NewArticle;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::api::{ApiJson, ArticleOut};
use crate::auth::sha256_hex;
use crate::config::EmbedSettings;
use crate::error::AppError;
use crate::i18n::Ui;
use crate::limits::{Action, Client};
use crate::state::AppState;

/// The script a page includes, served at `/embed.js`.
pub const SCRIPT: &str = with_verdict_view!("../static/embed.js");

/// Longest page URL a thread may be keyed by, in bytes.
const MAX_URL_BYTES: usize = 2_000;
/// Longest thread title kept, in characters.
const MAX_TITLE_CHARS: usize = 300;

/// Why `[embed] allowed_origins` was refused at start.
#[derive(Debug, thiserror::Error)]
#[error("[embed] allowed_origins: {origin:?} {message}")]
pub struct EmbedConfigError {
    origin: String,
    message: String,
}

/// Checks that every allowed origin is written as browsers send it (`https://haber.example`,
/// `http://127.0.0.1:8000`): scheme, host and a port other than the default, nothing more.
pub fn check_settings(settings: &EmbedSettings) -> Result<(), EmbedConfigError> {
    for origin in &settings.allowed_origins {
        let refuse = |message: String| EmbedConfigError {
            origin: origin.clone(),
            message,
        };
        let parsed = Url::parse(origin).map_err(|e| refuse(format!("is not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(refuse("must start with https:// or http://".into()));
        }
        let serialized = parsed.origin().ascii_serialization();
        if &serialized != origin {
            return Err(refuse(format!("must be written as {serialized:?}")));
        }
    }
    Ok(())
}

/// CORS for the routes `embed.js` calls: the allowed origins may read and post with JSON; no
/// credentials and no `Authorization` header, so tokens never travel from another site's page.
pub fn cors(settings: &EmbedSettings) -> CorsLayer {
    let origins: Vec<HeaderValue> = settings
        .allowed_origins
        .iter()
        .filter_map(|origin| HeaderValue::from_str(origin).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE])
        .expose_headers([header::LINK, header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(3600))
}

/// `GET /embed.js`.
pub async fn script() -> Response {
    crate::asset(SCRIPT, crate::JAVASCRIPT)
}

/// The page asking for its thread.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreadRequest {
    /// The page's canonical URL (its fragment is dropped).
    url: String,
    /// The page's title.
    #[serde(default)]
    title: String,
    /// The page's language (`tr`, `en-GB`, …); Turkish when missing or neither.
    #[serde(default)]
    language: Option<String>,
}

/// A page's thread, with the words the script shows in the page's language.
#[derive(Debug, Serialize)]
pub struct ThreadOut {
    article: ArticleOut,
    /// Where its approved threads are listed and new comments are posted.
    comments_url: String,
    words: Words,
}

/// The words `embed.js` shows, in one language.
#[derive(Debug, Serialize)]
struct Words {
    comments: &'static str,
    no_comments: &'static str,
    older_comments: &'static str,
    policy_heading: &'static str,
    policy_text: &'static str,
    write_comment: &'static str,
    your_name: &'static str,
    your_comment: &'static str,
    send: &'static str,
    reply: &'static str,
    replying_to: &'static str,
    cancel_reply: &'static str,
    looks_fine: &'static str,
    will_be_reviewed: &'static str,
    refused_heading: &'static str,
    apply_fix: &'static str,
    suggested: &'static str,
    posted_approved: &'static str,
    posted_pending: &'static str,
    posted_rejected: &'static str,
    report: &'static str,
    reported: &'static str,
    /// Rule names by rule id.
    rules: std::collections::BTreeMap<&'static str, &'static str>,
}

impl Words {
    fn new(ui: &'static Ui) -> Words {
        Words {
            comments: ui.comments,
            no_comments: ui.no_comments,
            older_comments: ui.older_comments,
            policy_heading: ui.policy_heading,
            policy_text: ui.policy_text,
            write_comment: ui.write_comment,
            your_name: ui.your_name,
            your_comment: ui.your_comment,
            send: ui.send,
            reply: ui.reply,
            replying_to: ui.replying_to,
            cancel_reply: ui.cancel_reply,
            looks_fine: ui.looks_fine,
            will_be_reviewed: ui.will_be_reviewed,
            refused_heading: ui.refused_heading,
            apply_fix: ui.apply_fix,
            suggested: ui.suggested,
            posted_approved: ui.posted_approved,
            posted_pending: ui.posted_pending,
            posted_rejected: ui.posted_rejected,
            report: ui.report,
            reported: ui.reported,
            rules: RuleId::ALL
                .iter()
                .map(|rule| (rule.as_str(), ui.rule(*rule)))
                .collect(),
        }
    }
}

fn not_allowed(message: &str) -> AppError {
    AppError::new(StatusCode::FORBIDDEN, "embed_origin_not_allowed", message)
}

/// The page's URL without its fragment, if it is an http(s) URL on an allowed origin.
fn page_url(settings: &EmbedSettings, url: &str) -> Result<Url, AppError> {
    let invalid =
        |message: &str| AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_url", message);
    if url.len() > MAX_URL_BYTES {
        return Err(invalid("the page's URL is longer than 2,000 bytes"));
    }
    let mut parsed =
        Url::parse(url).map_err(|_| invalid("the page's URL is not an absolute URL"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid("the page's URL must be http or https"));
    }
    parsed.set_fragment(None);
    let origin = parsed.origin().ascii_serialization();
    if !settings.allowed_origins.contains(&origin) {
        return Err(not_allowed(
            "the page is not on a site allowed to embed threads",
        ));
    }
    Ok(parsed)
}

/// A readable, unique slug for a page: its last path segment in `a-z0-9-`, then a hash of the URL.
fn slug_for(url: &Url) -> String {
    let last = url
        .path_segments()
        .and_then(|mut segments| segments.rfind(|s| !s.is_empty()))
        .unwrap_or("");
    let last = percent_encoding::percent_decode_str(last).decode_utf8_lossy();
    let mut readable = String::new();
    for c in last.chars().map(fold_letter) {
        let c = if c.is_ascii_alphanumeric() { c } else { '-' };
        if !(c == '-' && (readable.is_empty() || readable.ends_with('-'))) && readable.len() < 60 {
            readable.push(c);
        }
    }
    let hash = sha256_hex(url.as_str().as_bytes());
    let short = &hash[..10];
    let readable = readable.trim_end_matches('-');
    if readable.is_empty() {
        format!("sayfa-{short}")
    } else {
        format!("{readable}-{short}")
    }
}

/// `POST /api/v1/embed/threads`: the thread of the page that asks, created on its first load.
pub async fn thread(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ThreadRequest>,
) -> Result<Json<ThreadOut>, AppError> {
    let settings = &state.config.embed;
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    if !settings.allowed_origins.iter().any(|o| o == origin) {
        return Err(not_allowed(
            "threads are embedded only from the origins in [embed] allowed_origins",
        ));
    }
    let url = page_url(settings, &request.url)?;
    state.limits.take(Action::Check, client.ip)?;
    let language = match request.language.as_deref().map(str::to_ascii_lowercase) {
        Some(code) if code.starts_with("en") => "en",
        _ => "tr",
    };
    let title: String = request.title.trim().chars().take(MAX_TITLE_CHARS).collect();
    let new = NewArticle {
        slug: slug_for(&url),
        language: language.into(),
        title: if title.is_empty() {
            url.to_string()
        } else {
            title
        },
        ..NewArticle::default()
    };
    let article = state.store.article_for_url(url.as_str(), new).await?;
    let words = Words::new(Ui::for_code(&article.language));
    Ok(Json(ThreadOut {
        comments_url: format!("/api/v1/articles/{}/comments", article.slug),
        article: article.into(),
        words,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(origins: &[&str]) -> EmbedSettings {
        EmbedSettings {
            allowed_origins: origins.iter().map(|o| (*o).to_owned()).collect(),
        }
    }

    #[test]
    fn origins_must_be_written_as_browsers_send_them() {
        assert!(
            check_settings(&settings(&[
                "https://haber.example",
                "http://127.0.0.1:8000"
            ]))
            .is_ok()
        );
        for bad in [
            "https://haber.example/",
            "https://haber.example:443",
            "HTTPS://Haber.Example",
            "haber.example",
            "ftp://haber.example",
        ] {
            let error = check_settings(&settings(&[bad]))
                .expect_err(bad)
                .to_string();
            assert!(error.contains(bad), "{error}");
        }
    }

    #[test]
    fn pages_are_accepted_only_on_allowed_origins_without_their_fragment() {
        let allowed = settings(&["https://haber.example"]);
        let url = page_url(&allowed, "https://haber.example/gundem/123?x=1#yorumlar").unwrap();
        assert_eq!(url.as_str(), "https://haber.example/gundem/123?x=1");
        for (bad, code) in [
            (
                "https://kotu.example/gundem/123",
                "embed_origin_not_allowed",
            ),
            (
                "http://haber.example/gundem/123",
                "embed_origin_not_allowed",
            ),
            ("/gundem/123", "invalid_url"),
            ("javascript:alert(1)", "invalid_url"),
        ] {
            assert_eq!(page_url(&allowed, bad).expect_err(bad).code, code, "{bad}");
        }
        let long = format!("https://haber.example/{}", "a".repeat(MAX_URL_BYTES));
        assert_eq!(page_url(&allowed, &long).unwrap_err().code, "invalid_url");
    }

    #[test]
    fn slugs_are_readable_and_differ_by_page() {
        let slug = |url: &str| slug_for(&Url::parse(url).unwrap());
        let a = slug("https://haber.example/gundem/İSTANBUL'da-Şehir-Hastanesi_açıldı/");
        assert!(a.starts_with("istanbul-da-sehir-hastanesi-acildi-"), "{a}");
        assert_ne!(
            a,
            slug("https://haber.example/ekonomi/Şehir-Hastanesi_açıldı/")
        );
        assert!(slug("https://haber.example/").starts_with("sayfa-"));
        for s in [a, slug("https://haber.example/%F0%9F%98%80?id=1")] {
            assert!(s.len() <= 120);
            assert!(
                s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{s}"
            );
        }
    }
}
