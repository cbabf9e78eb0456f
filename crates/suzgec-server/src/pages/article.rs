//! The reader's pages: the front page, an article with its comments, the comment form (with the
//! refusal's reasons and fix in place), and reports.

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use suzgec_core::Verdict;
use suzgec_store::{Article, Comment, Status};

use super::{
    PageError, ReasonView, Segment, csrf_token, page_language, reason_views, render, segments,
    verify_csrf,
};
use crate::api::threads;
use crate::comments::{self, Submission};
use crate::error::AppError;
use crate::i18n::Ui;
use crate::limits::{Action, Client};
use crate::state::AppState;
use crate::time::display;

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    lang: Option<String>,
    /// A comment just posted (after the redirect that follows an approval).
    #[serde(default)]
    posted: Option<i64>,
    /// The comment the reader wants to answer (without JavaScript).
    #[serde(default)]
    reply: Option<i64>,
    /// A report was received.
    #[serde(default)]
    reported: Option<u8>,
    /// Show the threads older than this comment (the "older comments" link).
    #[serde(default)]
    before: Option<i64>,
}

/// Threads on one page of an article.
const THREADS_PER_PAGE: i64 = 50;

struct ArticleSummary {
    slug: String,
    title: String,
    summary: String,
    language: String,
    published: String,
}

#[derive(Template)]
#[template(path = "front.html")]
struct FrontPage {
    ui: &'static Ui,
    articles: Vec<ArticleSummary>,
}

pub async fn front(
    State(state): State<AppState>,
    jar: CookieJar,
    Query(query): Query<PageQuery>,
) -> Result<Response, PageError> {
    let (jar, ui) = page_language(jar, query.lang.as_deref(), "tr");
    let offset = state.config.display_utc_offset_minutes;
    let articles = state
        .store
        .articles()
        .await
        .map_err(|e| PageError::new(e.into(), ui))?
        .into_iter()
        .map(|a| ArticleSummary {
            published: display(a.published_at, offset, ui),
            slug: a.slug,
            title: a.title,
            summary: a.summary,
            language: a.language,
        })
        .collect();
    Ok((jar, render(&FrontPage { ui, articles })?).into_response())
}

struct CommentView {
    id: i64,
    author: String,
    text: String,
    when: String,
}

impl CommentView {
    fn new(comment: &Comment, offset: i32, ui: &Ui) -> CommentView {
        CommentView {
            id: comment.id,
            author: comment.author.clone(),
            text: comment.shown_text.clone(),
            when: display(comment.created_at, offset, ui),
        }
    }
}

/// What the comment form shows after a submission or a fix.
struct Outcome {
    /// approved, pending or rejected; `check` for a fix not yet sent.
    kind: &'static str,
    message: &'static str,
    reasons: Vec<ReasonView>,
    segments: Vec<Segment>,
    suggested_text: Option<String>,
}

/// The comment form's fields.
struct FormState {
    author: String,
    text: String,
    parent_id: Option<i64>,
    parent_author: Option<String>,
    csrf: String,
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage {
    ui: &'static Ui,
    article: Article,
    paragraphs: Vec<String>,
    published: String,
    updated: Option<String>,
    threads: Vec<(CommentView, Vec<CommentView>)>,
    /// The cursor of the older threads' page, when there are older threads.
    older: Option<i64>,
    /// Whether this is an older page (so a link leads back to the newest).
    paged: bool,
    form: FormState,
    outcome: Option<Outcome>,
    notice: Option<&'static str>,
    rule_names: Vec<(&'static str, &'static str)>,
}

async fn article_page(
    state: &AppState,
    article: Article,
    form: FormState,
    outcome: Option<Outcome>,
    notice: Option<&'static str>,
    before: Option<i64>,
) -> Result<ArticlePage, AppError> {
    let ui = Ui::for_code(&article.language);
    let offset = state.config.display_utc_offset_minutes;
    let page = state
        .store
        .approved_threads(article.id, before, THREADS_PER_PAGE)
        .await?;
    let threads = threads(&page.comments)
        .into_iter()
        .map(|(comment, replies)| {
            (
                CommentView::new(comment, offset, ui),
                replies
                    .into_iter()
                    .map(|r| CommentView::new(r, offset, ui))
                    .collect(),
            )
        })
        .collect();
    let paragraphs = article
        .body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    // An update within a minute of publication is not worth a line.
    let updated = (article.updated_at - article.published_at > 60_000)
        .then(|| display(article.updated_at, offset, ui));
    Ok(ArticlePage {
        ui,
        published: display(article.published_at, offset, ui),
        updated,
        paragraphs,
        threads,
        older: page.older,
        paged: before.is_some(),
        form,
        outcome,
        notice,
        rule_names: super::rule_names(ui),
        article,
    })
}

async fn find_article(state: &AppState, slug: &str) -> Result<Article, AppError> {
    state
        .store
        .article(slug)
        .await?
        .ok_or_else(|| AppError::not_found("article"))
}

async fn parent_author(
    state: &AppState,
    article: &Article,
    parent_id: Option<i64>,
) -> Option<String> {
    let id = parent_id?;
    let comment = state.store.comment(id).await.ok()??;
    (comment.article_id == article.id && comment.status == Status::Approved)
        .then_some(comment.author)
}

pub async fn article(
    State(state): State<AppState>,
    jar: CookieJar,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Response, PageError> {
    let article = find_article(&state, &slug).await?;
    let ui = Ui::for_code(&article.language);
    let (jar, csrf) = csrf_token(&state, jar);
    let notice = match (query.posted, query.reported) {
        (_, Some(_)) => Some(ui.reported),
        (Some(id), _) => match state
            .store
            .comment(id)
            .await
            .map_err(|e| PageError::new(e.into(), ui))?
        {
            Some(c) if c.article_id == article.id && c.status == Status::Approved => {
                Some(ui.posted_approved)
            }
            _ => None,
        },
        _ => None,
    };
    let parent_author = parent_author(&state, &article, query.reply).await;
    let form = FormState {
        author: String::new(),
        text: String::new(),
        parent_id: parent_author.as_ref().and(query.reply),
        parent_author,
        csrf,
    };
    let page = article_page(&state, article, form, None, notice, query.before)
        .await
        .map_err(|e| PageError::new(e, ui))?;
    Ok((jar, render(&page)?).into_response())
}

#[derive(Debug, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    author: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    csrf: String,
}

impl CommentForm {
    fn parent_id(&self) -> Option<i64> {
        self.parent_id.trim().parse().ok()
    }
}

fn outcome_of(verdict: &Verdict, status: Option<Status>, ui: &'static Ui, text: &str) -> Outcome {
    let (kind, message) = match status {
        Some(Status::Approved) => ("approved", ui.posted_approved),
        Some(Status::Pending) => ("pending", ui.posted_pending),
        Some(Status::Rejected) => ("rejected", ui.posted_rejected),
        None if super::refuses(verdict) => ("check", ui.refused_heading),
        None if verdict.decision == suzgec_core::Decision::Review => ("check", ui.will_be_reviewed),
        None => ("check", ui.looks_fine),
    };
    Outcome {
        kind,
        message,
        reasons: reason_views(verdict, ui),
        segments: segments(text, verdict),
        suggested_text: verdict.suggested_text.clone(),
    }
}

/// The article a form was posted to, its page language and the form, once the form's CSRF token
/// is checked.
async fn posted_form(
    state: &AppState,
    jar: &CookieJar,
    slug: &str,
    form: Result<Form<CommentForm>, FormRejection>,
) -> Result<(Article, &'static Ui, CommentForm), PageError> {
    let article = find_article(state, slug).await?;
    let ui = Ui::for_code(&article.language);
    let Form(form) = form.map_err(|e| PageError::new(e.into(), ui))?;
    verify_csrf(state, jar, &form.csrf).map_err(|e| PageError::new(e, ui))?;
    Ok((article, ui, form))
}

/// The article page with the comment form filled in and an outcome above it.
async fn form_page(
    state: &AppState,
    jar: CookieJar,
    article: Article,
    author: String,
    text: String,
    parent_id: Option<i64>,
    outcome: Option<Outcome>,
) -> Result<Response, PageError> {
    let ui = Ui::for_code(&article.language);
    let (jar, csrf) = csrf_token(state, jar);
    let parent_author = parent_author(state, &article, parent_id).await;
    let form = FormState {
        parent_id: parent_author.as_ref().and(parent_id),
        parent_author,
        author,
        text,
        csrf,
    };
    let page = article_page(state, article, form, outcome, None, None)
        .await
        .map_err(|e| PageError::new(e, ui))?;
    Ok((jar, render(&page)?).into_response())
}

/// Posts a comment from the form: an approved one goes straight to the page (after a redirect);
/// a held or refused one is answered with the page, the form still filled, and the reasons.
pub async fn post_comment(
    State(state): State<AppState>,
    client: Client,
    jar: CookieJar,
    Path(slug): Path<String>,
    form: Result<Form<CommentForm>, FormRejection>,
) -> Result<Response, PageError> {
    let (article, ui, form) = posted_form(&state, &jar, &slug, form).await?;
    let parent_id = form.parent_id();
    let submission = Submission {
        author: form.author.clone(),
        text: form.text.clone(),
        parent_id,
    };
    let comment = match comments::submit(&state, &client, &article, submission).await {
        Ok(comment) => comment,
        Err(error) if error.status.is_client_error() && error.code != "rate_limited" => {
            // Show the problem above the filled form rather than losing what was typed.
            let outcome = Outcome {
                kind: "error",
                message: ui.error_heading,
                reasons: vec![ReasonView {
                    rule: "error",
                    name: ui.error_heading,
                    message: error.message.clone(),
                    percent: 100,
                    words: Vec::new(),
                }],
                segments: Vec::new(),
                suggested_text: None,
            };
            let mut response = form_page(
                &state,
                jar,
                article,
                form.author,
                form.text,
                parent_id,
                Some(outcome),
            )
            .await?;
            *response.status_mut() = error.status;
            return Ok(response);
        }
        Err(error) => return Err(PageError::new(error, ui)),
    };
    if comment.status == Status::Approved {
        let to = format!(
            "/articles/{}?posted={}#comment-{}",
            article.slug, comment.id, comment.id
        );
        return Ok(Redirect::to(&to).into_response());
    }
    let outcome = outcome_of(&comment.verdict, Some(comment.status), ui, &comment.text);
    // A refused comment stays in the form to be fixed; a held one is on its way.
    let (text, parent_id) = if comment.status == Status::Rejected {
        (comment.text.clone(), parent_id)
    } else {
        (String::new(), None)
    };
    form_page(
        &state,
        jar,
        article,
        comment.author.clone(),
        text,
        parent_id,
        Some(outcome),
    )
    .await
}

/// The fix button without JavaScript: shows the form filled with the suggested text and its
/// check, stores nothing.
pub async fn preview(
    State(state): State<AppState>,
    client: Client,
    jar: CookieJar,
    Path(slug): Path<String>,
    form: Result<Form<CommentForm>, FormRejection>,
) -> Result<Response, PageError> {
    let (article, ui, form) = posted_form(&state, &jar, &slug, form).await?;
    state
        .limits
        .take(Action::Check, client.ip)
        .map_err(|e| PageError::new(e, ui))?;
    let outcome = match state.check(&form.text, None, None).await {
        Ok(verdict) => Some(outcome_of(&verdict, None, ui, &form.text)),
        Err(_) => None,
    };
    let parent_id = form.parent_id();
    form_page(
        &state,
        jar,
        article,
        form.author,
        form.text,
        parent_id,
        outcome,
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// A reader reports a comment; it goes back to the moderators' queue.
pub async fn report(
    State(state): State<AppState>,
    client: Client,
    jar: CookieJar,
    Path(id): Path<i64>,
    form: Result<Form<ReportForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    verify_csrf(&state, &jar, &form.csrf)?;
    state.limits.take(Action::Report, client.ip)?;
    let comment = state
        .store
        .comment(id)
        .await
        .map_err(AppError::from)?
        .filter(|c| c.status == Status::Approved)
        .ok_or_else(|| AppError::not_found("comment"))?;
    let reason: String = form.reason.chars().take(500).collect();
    state
        .store
        .report(id, &reason, &client.key)
        .await
        .map_err(AppError::from)?;
    let article = state
        .store
        .article_by_id(comment.article_id)
        .await
        .map_err(AppError::from)?
        .ok_or_else(|| AppError::not_found("article"))?;
    Ok(Redirect::to(&format!(
        "/articles/{}?reported=1#comment-{id}",
        article.slug
    ))
    .into_response())
}
