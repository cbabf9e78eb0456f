//! What other comment platforms report to Süzgeç (their moderators' decisions) and the audit of
//! the verdicts Süzgeç gives their comments.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{ExternalCheck, Feedback, NewExternalCheck, NewFeedback, Result, Store, now_millis};

const FEEDBACK_COLUMNS: &str = "id, source, client_token, text, approved, actor, created_at";

fn feedback_from_row(row: &AnyRow) -> Result<Feedback> {
    Ok(Feedback {
        id: row.try_get("id")?,
        source: row.try_get("source")?,
        client_token: row.try_get("client_token")?,
        text: row.try_get("text")?,
        approved: row.try_get::<i64, _>("approved")? != 0,
        actor: row.try_get("actor")?,
        created_at: row.try_get("created_at")?,
    })
}

impl Store {
    /// Stores a moderator's decision on a text that another platform reports.
    pub async fn add_feedback(&self, new: &NewFeedback) -> Result<Feedback> {
        crate::refuse_nul("feedback text", &new.text)?;
        crate::refuse_nul("client token", &new.client_token)?;
        crate::refuse_nul("actor", &new.actor)?;
        let row = sqlx::query(&format!(
            "INSERT INTO feedback (source, client_token, text, approved, actor, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {FEEDBACK_COLUMNS}"
        ))
        .bind(&new.source)
        .bind(&new.client_token)
        .bind(&new.text)
        .bind(i64::from(new.approved))
        .bind(&new.actor)
        .bind(now_millis())
        .fetch_one(&self.pool)
        .await?;
        feedback_from_row(&row)
    }

    /// The newest feedback first, at most `limit`.
    pub async fn feedback(&self, limit: i64) -> Result<Vec<Feedback>> {
        let rows = sqlx::query(&format!(
            "SELECT {FEEDBACK_COLUMNS} FROM feedback ORDER BY id DESC LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(feedback_from_row).collect()
    }

    /// Logs a verdict given to another platform's comment.
    pub async fn log_external_check(&self, new: &NewExternalCheck) -> Result<()> {
        sqlx::query(
            "INSERT INTO external_checks (source, reference, text_sha256, decision, rules, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&new.source)
        .bind(&new.reference)
        .bind(&new.text_sha256)
        .bind(&new.decision)
        .bind(&new.rules)
        .bind(now_millis())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest logged external checks first, at most `limit`.
    pub async fn external_checks(&self, limit: i64) -> Result<Vec<ExternalCheck>> {
        let rows = sqlx::query(
            "SELECT id, source, reference, text_sha256, decision, rules, created_at \
             FROM external_checks ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ExternalCheck {
                    id: row.try_get("id")?,
                    source: row.try_get("source")?,
                    reference: row.try_get("reference")?,
                    text_sha256: row.try_get("text_sha256")?,
                    decision: row.try_get("decision")?,
                    rules: row.try_get("rules")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }
}
