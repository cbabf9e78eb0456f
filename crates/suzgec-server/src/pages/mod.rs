//! Server-rendered pages: the front page, article pages with their comment sections, and the
//! moderator area. Every page goes through an escaping template; user text is never trusted.

pub mod article;
pub mod moderation;

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use suzgec_core::{Decision, RuleId, Verdict};

use crate::auth::{CSRF_COOKIE, keyed_hash, new_secret, secrets_equal};
use crate::error::AppError;
use crate::i18n::{TR, Ui};
use crate::state::AppState;

/// The cookie that keeps a reader's or moderator's chosen language.
pub const LANGUAGE_COOKIE: &str = "suzgec_lang";

/// Renders a template into an HTML response.
pub fn render(template: &impl Template) -> Result<Response, PageError> {
    let html = template.render().map_err(AppError::internal)?;
    Ok(Html(html).into_response())
}

/// An error answered with an HTML page in the page's language.
pub struct PageError {
    error: AppError,
    ui: &'static Ui,
}

impl PageError {
    /// The error, shown in a language.
    pub fn new(error: AppError, ui: &'static Ui) -> PageError {
        PageError { error, ui }
    }
}

impl From<AppError> for PageError {
    fn from(error: AppError) -> PageError {
        PageError { error, ui: &TR }
    }
}

impl From<axum::extract::rejection::FormRejection> for PageError {
    fn from(rejection: axum::extract::rejection::FormRejection) -> PageError {
        AppError::from(rejection).into()
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ui: &'a Ui,
    message: &'a str,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let message = if self.error.code == "form_expired" {
            self.ui.form_expired.to_owned()
        } else {
            self.error.message.clone()
        };
        let page = ErrorPage {
            ui: self.ui,
            message: &message,
        };
        let mut response = match page.render() {
            Ok(html) => (self.error.status, Html(html)).into_response(),
            Err(_) => (self.error.status, message).into_response(),
        };
        if let Some(seconds) = self.error.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The CSRF token of a reader's form: a keyed hash of a random cookie. Returns the jar with the
/// cookie set when the reader had none, and the token for the form.
pub fn csrf_token(state: &AppState, jar: CookieJar) -> (CookieJar, String) {
    let (jar, value) = match jar.get(CSRF_COOKIE) {
        Some(cookie) => {
            let value = cookie.value().to_owned();
            (jar, value)
        }
        None => {
            let value = new_secret();
            let cookie = Cookie::build((CSRF_COOKIE, value.clone()))
                .http_only(true)
                .same_site(SameSite::Strict)
                .secure(state.config.secure_cookies)
                .path("/");
            (jar.add(cookie), value)
        }
    };
    let token = keyed_hash(&state.secret, "csrf", &value);
    (jar, token)
}

/// Refuses a form whose CSRF token does not match the reader's cookie.
pub fn verify_csrf(state: &AppState, jar: &CookieJar, token: &str) -> Result<(), AppError> {
    let expected = jar
        .get(CSRF_COOKIE)
        .map(|cookie| keyed_hash(&state.secret, "csrf", cookie.value()));
    match expected {
        Some(expected) if secrets_equal(&expected, token) => Ok(()),
        _ => Err(csrf_refused()),
    }
}

/// The answer to a form whose CSRF token does not match.
pub fn csrf_refused() -> AppError {
    AppError::new(
        StatusCode::FORBIDDEN,
        "form_expired",
        "the form's CSRF token does not match",
    )
}

/// The language a page is shown in: `?lang=`, else the reader's cookie, else `fallback`. Returns
/// the jar with the choice remembered when it came from the query.
pub fn page_language(
    jar: CookieJar,
    query: Option<&str>,
    fallback: &str,
) -> (CookieJar, &'static Ui) {
    match query {
        Some(code @ ("tr" | "en")) => {
            let cookie = Cookie::build((LANGUAGE_COOKIE, code.to_owned()))
                .same_site(SameSite::Lax)
                .path("/");
            (jar.add(cookie), Ui::for_code(code))
        }
        _ => {
            let code = jar
                .get(LANGUAGE_COOKIE)
                .map_or(fallback.to_owned(), |c| c.value().to_owned());
            (jar, Ui::for_code(&code))
        }
    }
}

/// A piece of a comment's text, marked when a reason's span covers it.
pub struct Segment {
    /// The characters.
    pub text: String,
    /// The rule whose span covers it, if any (its id, for the CSS class).
    pub rule: Option<&'static str>,
}

/// Cuts a text into pieces along the spans of a verdict's reasons (character offsets), so a page
/// can highlight them. Where spans overlap, the first reason's span wins.
pub fn segments(text: &str, verdict: &Verdict) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut marks: Vec<Option<&'static str>> = vec![None; chars.len()];
    for reason in &verdict.reasons {
        for span in &reason.spans {
            for mark in marks
                .iter_mut()
                .take(span.end.min(chars.len()))
                .skip(span.start)
            {
                if mark.is_none() {
                    *mark = Some(reason.rule.as_str());
                }
            }
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    for (c, mark) in chars.into_iter().zip(marks) {
        match out.last_mut() {
            Some(last) if last.rule == mark => last.text.push(c),
            _ => out.push(Segment {
                text: c.to_string(),
                rule: mark,
            }),
        }
    }
    out
}

/// A verdict's reason, ready for a page.
pub struct ReasonView {
    /// The rule's id (for CSS).
    pub rule: &'static str,
    /// The rule's name in the page language.
    pub name: &'static str,
    /// The rule's message in the page language.
    pub message: String,
    /// Confidence in percent.
    pub percent: u32,
    /// The words it points at.
    pub words: Vec<String>,
}

/// The reasons of a verdict in a page's language.
pub fn reason_views(verdict: &Verdict, ui: &Ui) -> Vec<ReasonView> {
    verdict
        .reasons
        .iter()
        .map(|reason| ReasonView {
            rule: reason.rule.as_str(),
            name: ui.rule(reason.rule),
            message: if ui.code == "tr" {
                reason.message.tr.clone()
            } else {
                reason.message.en.clone()
            },
            percent: (reason.confidence * 100.0).round() as u32,
            words: reason.spans.iter().map(|s| s.text.clone()).collect(),
        })
        .collect()
}

/// Whether a verdict refuses (rejects) the text.
pub fn refuses(verdict: &Verdict) -> bool {
    verdict.decision == Decision::Reject
}

/// Every rule id with its names, for the live check's script.
pub fn rule_names(ui: &Ui) -> Vec<(&'static str, &'static str)> {
    RuleId::ALL
        .iter()
        .map(|rule| (rule.as_str(), ui.rule(*rule)))
        .collect()
}
