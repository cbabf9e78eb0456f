//! Taking in a comment, for the JSON API and the article page alike: limits, flood and duplicate
//! checks, the verdict, then storage before anyone is told it was accepted.

use axum::http::StatusCode;
use suzgec_store::{Article, Comment, CommentLimits, NewComment};

use crate::error::AppError;
use crate::limits::{Action, Client};
use crate::state::AppState;

/// The longest author name, in characters.
pub const MAX_AUTHOR_CHARS: usize = 80;

/// A comment as a reader sends it.
#[derive(Debug, Clone)]
pub struct Submission {
    /// The name the author gives.
    pub author: String,
    /// The text, exactly as typed.
    pub text: String,
    /// The comment it answers.
    pub parent_id: Option<i64>,
}

/// Checks and stores a comment under an article, returning it with its verdict and status.
pub async fn submit(
    state: &AppState,
    client: &Client,
    article: &Article,
    submission: Submission,
) -> Result<Comment, AppError> {
    let author = submission.author.trim();
    if author.is_empty() {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_author",
            "the author's name is empty",
        ));
    }
    // Counted as sent, spaces included, as the OpenAPI document's maxLength counts.
    if submission.author.chars().count() > MAX_AUTHOR_CHARS {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_author",
            format!("the author's name is longer than {MAX_AUTHOR_CHARS} characters"),
        ));
    }
    state.limits.take(Action::Comment, client.ip)?;
    let parent_id = match submission.parent_id {
        None => None,
        Some(id) => {
            // Replies are one level deep: an answer to a reply joins its thread.
            let parent = state
                .store
                .comment(id)
                .await?
                .filter(|parent| parent.article_id == article.id)
                .ok_or_else(|| {
                    // 409, not 404: the article the path names exists.
                    AppError::new(
                        StatusCode::CONFLICT,
                        "invalid_parent",
                        "the comment answered is not under this article",
                    )
                })?;
            Some(parent.parent_id.unwrap_or(parent.id))
        }
    };
    let verdict = state.check(&submission.text, None, None).await?;
    // The per-address bucket above is each instance's own; these limits are every instance's,
    // checked where the comment is stored so that comments sent at once cannot all pass.
    let limits = &state.config.limits;
    let now = suzgec_store::now_millis();
    let comment = state
        .store
        .add_comment(NewComment {
            article_id: article.id,
            parent_id,
            author: author.to_owned(),
            text: submission.text,
            verdict,
            client_key: client.key.clone(),
            limits: Some(CommentLimits {
                per_client: i64::from(limits.comments_per_minute),
                client_since: now - 60_000,
                per_author: i64::from(limits.comments_per_author_per_hour),
                author_since: now - 3_600_000,
                duplicate_since: now - i64::from(limits.duplicate_window_seconds) * 1000,
            }),
        })
        .await?;
    state.metrics.record_comment(comment.status);
    tracing::info!(
        comment = comment.id,
        article = %article.slug,
        status = comment.status.as_str(),
        "comment stored"
    );
    Ok(comment)
}
