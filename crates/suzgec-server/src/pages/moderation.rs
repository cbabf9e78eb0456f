//! The moderator area: login, the queue with the verdict's reasons highlighted and keyboard
//! shortcuts, decisions, the decision log and per-rule statistics.

use askama::Template;
use axum::Form;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;
use suzgec_store::{EventKind, Role, Session};

use super::{
    PageError, ReasonView, Segment, csrf_refused, csrf_token, page_language, reason_views, render,
    segments, verify_csrf,
};
use crate::api::{load_stats, moderator_decision};
use crate::auth::{
    SESSION_COOKIE, SESSION_HOURS, new_secret, secrets_equal, token_hash, verify_login,
};
use crate::error::AppError;
use crate::i18n::Ui;
use crate::limits::{Action, Client};
use crate::state::AppState;
use crate::time::{day, display};

#[derive(Debug, Default, Deserialize)]
pub struct ModerationQuery {
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    before: Option<i64>,
    #[serde(default)]
    days: Option<i64>,
}

/// The logged-in moderator's session; a request without one is sent to the login page.
pub struct LoggedIn(Session);

impl FromRequestParts<AppState> for LoggedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let to_login = || Redirect::to("/moderation/login").into_response();
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(cookie) = jar.get(SESSION_COOKIE) else {
            return Err(to_login());
        };
        match state.store.session(&token_hash(cookie.value())).await {
            Ok(Some(session)) => Ok(LoggedIn(session)),
            Ok(None) => Err(to_login()),
            Err(error) => Err(PageError::from(AppError::from(error)).into_response()),
        }
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ui: &'static Ui,
    csrf: String,
    failed: bool,
}

pub async fn login_page(
    State(state): State<AppState>,
    jar: CookieJar,
    Query(query): Query<ModerationQuery>,
) -> Result<Response, PageError> {
    let (jar, ui) = page_language(jar, query.lang.as_deref(), "tr");
    let (jar, csrf) = csrf_token(&state, jar);
    let page = LoginPage {
        ui,
        csrf,
        failed: false,
    };
    Ok((jar, render(&page)?).into_response())
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

pub async fn login(
    State(state): State<AppState>,
    client: Client,
    jar: CookieJar,
    form: Result<Form<LoginForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let (jar, ui) = page_language(jar, None, "tr");
    let Form(form) = form.map_err(|e| PageError::new(e.into(), ui))?;
    verify_csrf(&state, &jar, &form.csrf).map_err(|e| PageError::new(e, ui))?;
    state
        .limits
        .take(Action::Login, client.ip)
        .map_err(|e| PageError::new(e, ui))?;
    let user = state
        .store
        .user_by_name(form.name.trim())
        .await
        .map_err(|e| PageError::new(e.into(), ui))?;
    let stored = user.as_ref().map(|user| user.password_hash.clone());
    let password = form.password.clone();
    let verified = tokio::task::spawn_blocking(move || verify_login(&password, stored.as_deref()))
        .await
        .unwrap_or(false);
    // The log says what happened, never what was typed.
    let refused = match &user {
        None => Some("unknown name"),
        Some(_) if !verified => Some("wrong password"),
        Some(user) if !user.role.allows(Role::Moderator) => Some("not a moderator account"),
        Some(_) => None,
    };
    let (Some(user), None) = (user, refused) else {
        tracing::warn!(
            client = %client.key,
            outcome = refused.unwrap_or("refused"),
            "moderator login refused"
        );
        let (jar, csrf) = csrf_token(&state, jar);
        let mut response = (
            jar,
            render(&LoginPage {
                ui,
                csrf,
                failed: true,
            })?,
        )
            .into_response();
        *response.status_mut() = StatusCode::UNAUTHORIZED;
        return Ok(response);
    };
    let token = new_secret();
    let expires = suzgec_store::now_millis() + SESSION_HOURS * 3_600_000;
    state
        .store
        .create_session(&token_hash(&token), user.id, &new_secret(), expires)
        .await
        .map_err(|e| PageError::new(e.into(), ui))?;
    tracing::info!(user = %user.name, "moderator logged in");
    let cookie = Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.config.secure_cookies)
        .path("/");
    Ok((jar.add(cookie), Redirect::to("/moderation")).into_response())
}

#[derive(Debug, Deserialize)]
pub struct SessionForm {
    #[serde(default)]
    csrf: String,
}

/// Refuses a moderator form whose token is not the session's.
fn verify_session_csrf(session: &Session, token: &str) -> Result<(), AppError> {
    if secrets_equal(&session.csrf_token, token) {
        Ok(())
    } else {
        Err(csrf_refused())
    }
}

pub async fn logout(
    State(state): State<AppState>,
    LoggedIn(session): LoggedIn,
    jar: CookieJar,
    form: Result<Form<SessionForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    verify_session_csrf(&session, &form.csrf)?;
    if let Some(cookie) = jar.get(SESSION_COOKIE) {
        state
            .store
            .delete_session(&token_hash(cookie.value()))
            .await
            .map_err(AppError::from)?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/moderation/login")).into_response())
}

struct QueueView {
    id: i64,
    article_slug: String,
    article_title: String,
    author: String,
    when: String,
    text: String,
    segments: Vec<Segment>,
    reasons: Vec<ReasonView>,
    machine: &'static str,
    status: &'static str,
    reports: i64,
    report_reasons: Vec<String>,
    suggested_text: Option<String>,
}

#[derive(Template)]
#[template(path = "queue.html")]
struct QueuePage {
    ui: &'static Ui,
    user: String,
    csrf: String,
    items: Vec<QueueView>,
}

pub async fn queue(
    State(state): State<AppState>,
    LoggedIn(session): LoggedIn,
    jar: CookieJar,
    Query(query): Query<ModerationQuery>,
) -> Result<Response, PageError> {
    let (jar, ui) = page_language(jar, query.lang.as_deref(), "tr");
    let offset = state.config.display_utc_offset_minutes;
    let items = state
        .store
        .queue(100)
        .await
        .map_err(|e| PageError::new(e.into(), ui))?
        .into_iter()
        .map(|item| {
            let comment = item.comment;
            QueueView {
                id: comment.id,
                article_slug: item.article_slug,
                article_title: item.article_title,
                author: comment.author.clone(),
                when: display(comment.created_at, offset, ui),
                segments: segments(&comment.text, &comment.verdict),
                reasons: reason_views(&comment.verdict, ui),
                machine: ui.decision(comment.verdict.decision.as_str()),
                status: ui.status(comment.status),
                reports: item.reports,
                report_reasons: item.report_reasons,
                suggested_text: comment.verdict.suggested_text.clone(),
                text: comment.shown_text,
            }
        })
        .collect();
    let page = QueuePage {
        ui,
        user: session.user.name,
        csrf: session.csrf_token,
        items,
    };
    Ok((jar, render(&page)?).into_response())
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    /// `approve`, `reject` or `edit` (approve the edited text).
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    text: Option<String>,
}

pub async fn decide(
    State(state): State<AppState>,
    LoggedIn(session): LoggedIn,
    jar: CookieJar,
    Path(id): Path<i64>,
    form: Result<Form<DecisionForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let (_, ui) = page_language(jar, None, "tr");
    let Form(form) = form.map_err(|e| PageError::new(e.into(), ui))?;
    verify_session_csrf(&session, &form.csrf).map_err(|e| PageError::new(e, ui))?;
    let comment = state
        .store
        .comment(id)
        .await
        .map_err(|e| PageError::new(e.into(), ui))?
        .ok_or_else(|| PageError::new(AppError::not_found("comment"), ui))?;
    let (approve, edited) = match form.action.as_str() {
        "approve" => (true, None),
        "edit" => (true, form.text),
        "reject" => (false, None),
        _ => {
            let error = AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_decision",
                "unknown action",
            );
            return Err(PageError::new(error, ui));
        }
    };
    let decision = moderator_decision(
        &session.user.name,
        approve,
        &form.reason,
        edited,
        &comment.shown_text,
    )
    .map_err(|e| PageError::new(e, ui))?;
    state
        .store
        .decide(id, &decision)
        .await
        .map_err(|e| PageError::new(e.into(), ui))?;
    tracing::info!(comment = id, moderator = %session.user.name, status = decision.status.as_str(), "moderator decision");
    Ok(Redirect::to("/moderation").into_response())
}

struct AuditView {
    id: i64,
    when: String,
    who: String,
    status: &'static str,
    comment_id: i64,
    comment_text: String,
    edited_text: Option<String>,
    article_slug: String,
    reason: String,
    overrides: bool,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    ui: &'static Ui,
    user: String,
    csrf: String,
    entries: Vec<AuditView>,
    older: Option<i64>,
}

pub async fn audit(
    State(state): State<AppState>,
    LoggedIn(session): LoggedIn,
    jar: CookieJar,
    Query(query): Query<ModerationQuery>,
) -> Result<Response, PageError> {
    let (jar, ui) = page_language(jar, query.lang.as_deref(), "tr");
    let offset = state.config.display_utc_offset_minutes;
    const PAGE: i64 = 100;
    let entries: Vec<AuditView> = state
        .store
        .audit_log(Some(EventKind::Moderator), query.before, PAGE)
        .await
        .map_err(|e| PageError::new(e.into(), ui))?
        .into_iter()
        .map(|entry| AuditView {
            id: entry.event.id,
            when: display(entry.event.at, offset, ui),
            who: entry.event.actor,
            status: ui.status(entry.event.status),
            comment_id: entry.event.comment_id,
            comment_text: entry.comment_text,
            edited_text: entry.event.edited_text,
            article_slug: entry.article_slug,
            reason: entry.event.reason,
            overrides: entry.event.overrides_machine,
        })
        .collect();
    let older = (entries.len() as i64 == PAGE)
        .then(|| entries.last().map(|e| e.id))
        .flatten();
    let page = AuditPage {
        ui,
        user: session.user.name,
        csrf: session.csrf_token,
        entries,
        older,
    };
    Ok((jar, render(&page)?).into_response())
}

/// One row of the statistics table: a day and its counts, in the table's column order.
struct StatsRow {
    day: String,
    counts: Vec<i64>,
}

#[derive(Template)]
#[template(path = "stats.html")]
struct StatsPage {
    ui: &'static Ui,
    user: String,
    csrf: String,
    days: i64,
    columns: Vec<String>,
    rows: Vec<StatsRow>,
}

pub async fn stats(
    State(state): State<AppState>,
    LoggedIn(session): LoggedIn,
    jar: CookieJar,
    Query(query): Query<ModerationQuery>,
) -> Result<Response, PageError> {
    let (jar, ui) = page_language(jar, query.lang.as_deref(), "tr");
    let days = query.days.unwrap_or(30).clamp(1, 366);
    let stats = load_stats(&state, days)
        .await
        .map_err(|e| PageError::new(e, ui))?;
    let mut keys: Vec<String> = ["approve", "review", "reject", "override"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    keys.extend(
        suzgec_core::RuleId::ALL
            .iter()
            .map(|r| r.as_str().to_owned()),
    );
    let mut day_numbers: Vec<i64> = stats
        .decisions
        .iter()
        .chain(&stats.rules)
        .map(|c| c.day)
        .collect();
    day_numbers.sort_unstable();
    day_numbers.dedup();
    let rows = day_numbers
        .iter()
        .rev()
        .map(|&d| StatsRow {
            day: day(d),
            counts: keys
                .iter()
                .enumerate()
                .map(|(i, key)| {
                    let source = if i < 4 {
                        &stats.decisions
                    } else {
                        &stats.rules
                    };
                    source
                        .iter()
                        .filter(|c| c.day == d && &c.key == key)
                        .map(|c| c.count)
                        .sum()
                })
                .collect(),
        })
        .collect();
    let columns = keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            if i < 4 {
                ui.decision(key).to_owned()
            } else {
                ui.rule_by_id(key).to_owned()
            }
        })
        .collect();
    let page = StatsPage {
        ui,
        user: session.user.name,
        csrf: session.csrf_token,
        days,
        columns,
        rows,
    };
    Ok((jar, render(&page)?).into_response())
}

/// One delivery as the log page shows it.
struct DeliveryView {
    when: String,
    kind: String,
    comment_id: i64,
    url: String,
    attempts: i64,
    /// Delivered, retrying at a time, or given up.
    state: String,
    last_error: String,
    failed: bool,
}

#[derive(Template)]
#[template(path = "webhooks.html")]
struct WebhooksPage {
    ui: &'static Ui,
    user: String,
    csrf: String,
    deliveries: Vec<DeliveryView>,
}

/// The webhook delivery log: what was sent where, and what is still being tried.
pub async fn webhooks(
    State(state): State<AppState>,
    LoggedIn(session): LoggedIn,
    jar: CookieJar,
    Query(query): Query<ModerationQuery>,
) -> Result<Response, PageError> {
    let (jar, ui) = page_language(jar, query.lang.as_deref(), "tr");
    let offset = state.config.display_utc_offset_minutes;
    let deliveries = state
        .store
        .webhook_log(200)
        .await
        .map_err(|e| PageError::new(e.into(), ui))?
        .into_iter()
        .map(|d| DeliveryView {
            when: display(d.created_at, offset, ui),
            state: match (d.delivered_at, d.failed_at, d.next_attempt_at) {
                (Some(at), _, _) => format!("{} ({})", ui.delivered, display(at, offset, ui)),
                (_, Some(_), _) => ui.given_up.to_owned(),
                (_, _, Some(at)) => format!("{} ({})", ui.retrying, display(at, offset, ui)),
                _ => String::new(),
            },
            failed: d.failed_at.is_some(),
            kind: d.kind,
            comment_id: d.comment_id,
            url: d.url,
            attempts: d.attempts,
            last_error: d.last_error,
        })
        .collect();
    let page = WebhooksPage {
        ui,
        user: session.user.name,
        csrf: session.csrf_token,
        deliveries,
    };
    Ok((jar, render(&page)?).into_response())
}

/// One phrase whose decisions moved, for the site model page.
struct PhraseView {
    phrase: String,
    detail: String,
}

/// The site model in force, for the site model page.
struct SiteModelView {
    version: String,
    trained_at: String,
    decisions: usize,
    held_out: usize,
    shipped: String,
    site: String,
    rules: String,
    refuses_more: Vec<PhraseView>,
    approves_more: Vec<PhraseView>,
}

/// One stored version, for the site model page.
struct SiteModelVersionView {
    version: String,
    when: String,
    shipped: String,
    site: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "site_model.html")]
struct SiteModelPage {
    ui: &'static Ui,
    user: String,
    csrf: String,
    in_force: Option<SiteModelView>,
    versions: Vec<SiteModelVersionView>,
    learning: bool,
    last_learning: Option<String>,
}

/// What the site model in force learnt from the site's moderators, and the stored versions.
pub async fn site_model(
    State(state): State<AppState>,
    LoggedIn(session): LoggedIn,
    jar: CookieJar,
    Query(query): Query<ModerationQuery>,
) -> Result<Response, PageError> {
    use suzgec_core::site::{Agreement, MovedPhrase, SiteModelInfo};
    let (jar, ui) = page_language(jar, query.lang.as_deref(), "tr");
    let offset = state.config.display_utc_offset_minutes;
    let agreement = |a: &Agreement| format!("{:.3}", a.macro_f1);
    let phrases = |list: &[MovedPhrase]| {
        list.iter()
            .map(|p| PhraseView {
                phrase: p.phrase.clone(),
                detail: format!(
                    "({}: {:.0}% → {:.0}%)",
                    p.decisions,
                    p.shipped_refused * 100.0,
                    p.site_refused * 100.0
                ),
            })
            .collect()
    };
    let in_force = state
        .moderator(None)
        .ok()
        .and_then(|m| m.site_model())
        .map(|model| {
            let info = model.info();
            SiteModelView {
                version: info.version.clone(),
                trained_at: info.trained_at.clone(),
                decisions: info.decisions,
                held_out: info.held_out,
                shipped: agreement(&info.shipped),
                site: agreement(&info.site),
                rules: info
                    .rules
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                refuses_more: phrases(&info.refuses_more),
                approves_more: phrases(&info.approves_more),
            }
        });
    let versions = state
        .store
        .site_models()
        .await
        .map_err(|e| PageError::new(e.into(), ui))?
        .into_iter()
        .map(|stored| {
            let info = serde_json::from_str::<SiteModelInfo>(&stored.info).ok();
            let figure = |pick: fn(&SiteModelInfo) -> &Agreement| {
                info.as_ref()
                    .map(|i| format!("{:.3}", pick(i).macro_f1))
                    .unwrap_or_default()
            };
            SiteModelVersionView {
                when: display(stored.created_at, offset, ui),
                shipped: figure(|i| &i.shipped),
                site: figure(|i| &i.site),
                version: stored.version,
                active: stored.active,
            }
        })
        .collect();
    let page = SiteModelPage {
        ui,
        user: session.user.name,
        csrf: session.csrf_token,
        in_force,
        versions,
        learning: state.learning.running(),
        last_learning: state.learning.last(),
    };
    Ok((jar, render(&page)?).into_response())
}

/// The site model page's "learn now" button: the same learning as `POST
/// /api/v1/moderation/learn`, in the background; back to the page, which says how it goes.
pub async fn learn_site_model(
    State(state): State<AppState>,
    LoggedIn(session): LoggedIn,
    form: Result<Form<SessionForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    verify_session_csrf(&session, &form.csrf)?;
    crate::site_models::start_learning(&state, false, session.user.name)?;
    Ok(Redirect::to("/moderation/site-model").into_response())
}
