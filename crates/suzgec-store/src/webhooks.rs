//! The webhooks' durable outbox. An event is written in the same transaction as the change that
//! causes it (a new comment, a moderator's decision, a report), with one delivery row per endpoint
//! subscribed to its kind; the server's sender works through the due deliveries and records each
//! attempt, so nothing is lost on a restart and moderators can read what was sent.

use std::sync::Arc;

use serde_json::{Value, json};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::comments::COMMENT_SELECT;
use crate::{Comment, Error, Result, Store, now_millis};

/// The kinds of events an endpoint may subscribe to.
pub const EVENT_KINDS: [&str; 5] = [
    "comment.created",
    "comment.approved",
    "comment.rejected",
    "comment.reported",
    "comment.decided",
];

/// An endpoint's subscription, as the store needs it: where, and to which kinds of events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// The endpoint's URL (deliveries name their endpoint by it).
    pub url: String,
    /// The kinds of events it receives (see [`EVENT_KINDS`]).
    pub events: Vec<String>,
}

/// The subscriptions, fixed when the store connects and shared by its handles and its comment
/// writer.
pub(crate) type Subscriptions = Arc<[Subscription]>;

/// A comment as a webhook's `data.comment` shows it.
fn comment_json(comment: &Comment) -> Value {
    json!({
        "id": comment.id,
        "article_id": comment.article_id,
        "parent_id": comment.parent_id,
        "author": comment.author,
        "text": comment.text,
        "shown_text": comment.shown_text,
        "status": comment.status.as_str(),
        "created_at_ms": comment.created_at,
    })
}

/// Writes an event about a comment in an open transaction, with a delivery for every endpoint
/// subscribed to its kind. `extra` adds a field to the event's data (`decision`, `report`).
pub(crate) async fn enqueue(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    subscriptions: &[Subscription],
    kind: &'static str,
    comment: &Comment,
    extra: Option<(&str, Value)>,
) -> Result<()> {
    let urls: Vec<&str> = subscriptions
        .iter()
        .filter(|s| s.events.iter().any(|e| e == kind))
        .map(|s| s.url.as_str())
        .collect();
    if urls.is_empty() {
        return Ok(());
    }
    let mut data = json!({"comment": comment_json(comment), "verdict": comment.verdict});
    if let Some((name, value)) = extra {
        data[name] = value;
    }
    let now = now_millis();
    let event_id: i64 = sqlx::query(
        "INSERT INTO webhook_events (kind, comment_id, data, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING id",
    )
    .bind(kind)
    .bind(comment.id)
    .bind(data.to_string())
    .bind(now)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?;
    for url in urls {
        sqlx::query(
            "INSERT INTO webhook_deliveries (event_id, url, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(event_id)
        .bind(url)
        .bind(now)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Writes the events of a comment's new status: `comment.approved` or `comment.rejected`.
pub(crate) async fn enqueue_status(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    subscriptions: &[Subscription],
    comment: &Comment,
) -> Result<()> {
    let kind = match comment.status {
        crate::Status::Approved => "comment.approved",
        crate::Status::Rejected => "comment.rejected",
        crate::Status::Pending => return Ok(()),
    };
    enqueue(tx, subscriptions, kind, comment, None).await
}

/// The comment with this id as it stands inside a transaction.
pub(crate) async fn comment_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
) -> Result<Comment> {
    let row = sqlx::query(&format!("{COMMENT_SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(Error::NotFound("comment"))?;
    crate::comments::comment_from_row(&row)
}

/// A delivery to attempt now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingDelivery {
    /// The delivery's row id.
    pub id: i64,
    /// The endpoint.
    pub url: String,
    /// Attempts made before this one.
    pub attempts: i64,
    /// The event's id (`evt_<id>` in the body).
    pub event_id: i64,
    /// The event's kind.
    pub kind: String,
    /// The event's data, JSON.
    pub data: String,
    /// When the event happened (Unix milliseconds).
    pub created_at: i64,
}

/// One delivery as the log shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DeliveryLogEntry {
    /// The delivery's row id.
    pub id: i64,
    /// The event's id.
    pub event_id: i64,
    /// The event's kind.
    pub kind: String,
    /// The comment it is about.
    pub comment_id: i64,
    /// The endpoint.
    pub url: String,
    /// Attempts made.
    pub attempts: i64,
    /// The HTTP status of the last attempt, when one answered.
    pub last_status: Option<i64>,
    /// Why the last attempt failed, or empty.
    pub last_error: String,
    /// When the event happened (Unix milliseconds).
    pub created_at: i64,
    /// When it was delivered.
    pub delivered_at: Option<i64>,
    /// When it was given up.
    pub failed_at: Option<i64>,
    /// When the next attempt is due, while it is neither delivered nor given up.
    pub next_attempt_at: Option<i64>,
}

fn log_entry(row: &AnyRow) -> Result<DeliveryLogEntry> {
    let delivered_at: Option<i64> = row.try_get("delivered_at")?;
    let failed_at: Option<i64> = row.try_get("failed_at")?;
    let next: i64 = row.try_get("next_attempt_at")?;
    Ok(DeliveryLogEntry {
        id: row.try_get("id")?,
        event_id: row.try_get("event_id")?,
        kind: row.try_get("kind")?,
        comment_id: row.try_get("comment_id")?,
        url: row.try_get("url")?,
        attempts: row.try_get("attempts")?,
        last_status: row.try_get("last_status")?,
        last_error: row.try_get("last_error")?,
        created_at: row.try_get("created_at")?,
        next_attempt_at: (delivered_at.is_none() && failed_at.is_none()).then_some(next),
        delivered_at,
        failed_at,
    })
}

impl Store {
    /// Claims up to `limit` deliveries due at `now` for `lease_ms`: another instance sharing the
    /// database does not take them until the lease ends, and takes them then if this one stopped.
    pub async fn claim_due_deliveries(
        &self,
        now: i64,
        lease_ms: i64,
        limit: i64,
    ) -> Result<Vec<PendingDelivery>> {
        let rows = sqlx::query(
            "SELECT d.id, d.url, d.attempts, d.next_attempt_at, e.id AS event_id, e.kind, e.data, \
             e.created_at FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id \
             WHERE d.delivered_at IS NULL AND d.failed_at IS NULL AND d.next_attempt_at <= $1 \
             ORDER BY d.id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut claimed = Vec::new();
        for row in rows {
            let id: i64 = row.try_get("id")?;
            let seen: i64 = row.try_get("next_attempt_at")?;
            let taken = sqlx::query(
                "UPDATE webhook_deliveries SET next_attempt_at = $1 \
                 WHERE id = $2 AND next_attempt_at = $3 AND delivered_at IS NULL",
            )
            .bind(now + lease_ms)
            .bind(id)
            .bind(seen)
            .execute(&self.pool)
            .await?
            .rows_affected();
            if taken == 1 {
                claimed.push(PendingDelivery {
                    id,
                    url: row.try_get("url")?,
                    attempts: row.try_get("attempts")?,
                    event_id: row.try_get("event_id")?,
                    kind: row.try_get("kind")?,
                    data: row.try_get("data")?,
                    created_at: row.try_get("created_at")?,
                });
            }
        }
        Ok(claimed)
    }

    /// Records an attempt. `retry_at`: when to try again after a failure; `None` with an error
    /// gives the delivery up.
    pub async fn record_delivery_attempt(
        &self,
        id: i64,
        status: Option<u16>,
        error: Option<&str>,
        retry_at: Option<i64>,
    ) -> Result<()> {
        let now = now_millis();
        let (delivered_at, failed_at) = match (error, retry_at) {
            (None, _) => (Some(now), None),
            (Some(_), Some(_)) => (None, None),
            (Some(_), None) => (None, Some(now)),
        };
        sqlx::query(
            "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = $1, \
             last_error = $2, delivered_at = $3, failed_at = $4, next_attempt_at = $5 \
             WHERE id = $6",
        )
        .bind(status.map(i64::from))
        .bind(
            error
                .unwrap_or_default()
                .chars()
                .take(500)
                .collect::<String>(),
        )
        .bind(delivered_at)
        .bind(failed_at)
        .bind(retry_at.unwrap_or(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest deliveries first, at most `limit`: the log moderators read.
    pub async fn webhook_log(&self, limit: i64) -> Result<Vec<DeliveryLogEntry>> {
        let rows = sqlx::query(
            "SELECT d.id, d.event_id, e.kind, e.comment_id, d.url, d.attempts, d.last_status, \
             d.last_error, e.created_at, d.delivered_at, d.failed_at, d.next_attempt_at \
             FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id \
             ORDER BY d.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(log_entry).collect()
    }
}
