//! Site models learnt from the site's moderators (`suzgec learn`), every version kept with at most
//! one in force, and the decisions they are learnt from: moderators' decisions on comments and the
//! feedback other platforms report.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Error, Result, Store, now_millis};

/// A site model to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSiteModel {
    /// Its version, unique.
    pub version: String,
    /// What it was learnt from and how well it agrees (JSON).
    pub info: String,
    /// The model's bytes.
    pub model: Vec<u8>,
    /// Put it in force now.
    pub activate: bool,
}

/// A stored site model, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSiteModel {
    /// Row id: later models have larger ids.
    pub id: i64,
    /// Its version.
    pub version: String,
    /// What it was learnt from and how well it agrees (JSON).
    pub info: String,
    /// When it was stored (Unix milliseconds).
    pub created_at: i64,
    /// When it was last put in force, if ever.
    pub activated_at: Option<i64>,
    /// Whether it is in force.
    pub active: bool,
}

/// One moderator decision on a text, for learning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionToLearn {
    /// The text decided on.
    pub text: String,
    /// Whether it was refused.
    pub refused: bool,
    /// When (Unix milliseconds).
    pub decided_at: i64,
}

const COLUMNS: &str = "id, version, info, created_at, activated_at, active";

fn from_row(row: &AnyRow) -> Result<StoredSiteModel> {
    Ok(StoredSiteModel {
        id: row.try_get("id")?,
        version: row.try_get("version")?,
        info: row.try_get("info")?,
        created_at: row.try_get("created_at")?,
        activated_at: row.try_get("activated_at")?,
        active: row.try_get::<i64, _>("active")? != 0,
    })
}

impl Store {
    /// Stores a site model, and puts it in force in place of the one in force when asked.
    pub async fn add_site_model(&self, new: &NewSiteModel) -> Result<StoredSiteModel> {
        let mut tx = crate::begin_write(&self.pool, self.backend).await?;
        let now = now_millis();
        if new.activate {
            sqlx::query("UPDATE site_models SET active = 0 WHERE active <> 0")
                .execute(&mut *tx)
                .await?;
        }
        let row = sqlx::query(&format!(
            "INSERT INTO site_models (version, info, model, created_at, activated_at, active) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {COLUMNS}"
        ))
        .bind(&new.version)
        .bind(&new.info)
        .bind(&new.model)
        .bind(now)
        .bind(new.activate.then_some(now))
        .bind(i64::from(new.activate))
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                Error::Conflict(format!("a site model {} is already stored", new.version))
            }
            other => other.into(),
        })?;
        let stored = from_row(&row)?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Every stored site model, newest first.
    pub async fn site_models(&self) -> Result<Vec<StoredSiteModel>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM site_models ORDER BY id DESC"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// The version of the site model in force, if any: cheap enough to poll.
    pub async fn active_site_model_version(&self) -> Result<Option<String>> {
        let row = sqlx::query("SELECT version FROM site_models WHERE active <> 0")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("version")).transpose()?)
    }

    /// The bytes of a stored site model.
    pub async fn site_model_bytes(&self, version: &str) -> Result<Vec<u8>> {
        let row = sqlx::query("SELECT model FROM site_models WHERE version = $1")
            .bind(version)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(Error::NotFound("site model"))?;
        Ok(row.try_get("model")?)
    }

    /// Takes the site model in force out of force and puts back the one in force before it (the
    /// newest earlier model that was ever in force); none, the rules as shipped, when there is
    /// none. Returns the model now in force.
    pub async fn rollback_site_model(&self) -> Result<Option<StoredSiteModel>> {
        let mut tx = crate::begin_write(&self.pool, self.backend).await?;
        let active = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM site_models WHERE active <> 0"
        ))
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound("site model in force"))?;
        let active = from_row(&active)?;
        let previous = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM site_models WHERE id < $1 AND activated_at IS NOT NULL \
             ORDER BY id DESC LIMIT 1"
        ))
        .bind(active.id)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| from_row(&row))
        .transpose()?;
        sqlx::query("UPDATE site_models SET active = 0 WHERE id = $1")
            .bind(active.id)
            .execute(&mut *tx)
            .await?;
        let now = now_millis();
        if let Some(previous) = &previous {
            sqlx::query("UPDATE site_models SET active = 1, activated_at = $1 WHERE id = $2")
                .bind(now)
                .bind(previous.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(previous.map(|p| StoredSiteModel {
            active: true,
            activated_at: Some(now),
            ..p
        }))
    }

    /// The decisions to learn the site's line from, oldest first: each comment's latest moderator
    /// decision (an edit-and-approve counts as a refusal of the text as written and an approval of
    /// the edited text), and the feedback other platforms reported.
    pub async fn moderator_decisions(&self) -> Result<Vec<DecisionToLearn>> {
        let rows = sqlx::query(
            "SELECT c.text, e.status, e.edited_text, e.at FROM comment_events e \
             JOIN comments c ON c.id = e.comment_id \
             WHERE e.id = (SELECT MAX(l.id) FROM comment_events l \
                           WHERE l.comment_id = e.comment_id AND l.kind = 'moderator') \
             AND e.status IN ('approved', 'rejected') ORDER BY e.at, e.id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut decisions = Vec::with_capacity(rows.len());
        for row in &rows {
            let text: String = row.try_get("text")?;
            let status: String = row.try_get("status")?;
            let edited: Option<String> = row.try_get("edited_text")?;
            let decided_at: i64 = row.try_get("at")?;
            let refused = status == "rejected";
            match edited.filter(|e| !refused && *e != text) {
                Some(edited) => {
                    decisions.push(DecisionToLearn {
                        text,
                        refused: true,
                        decided_at,
                    });
                    decisions.push(DecisionToLearn {
                        text: edited,
                        refused: false,
                        decided_at,
                    });
                }
                None => decisions.push(DecisionToLearn {
                    text,
                    refused,
                    decided_at,
                }),
            }
        }
        let feedback = sqlx::query("SELECT text, approved, created_at FROM feedback ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        for row in &feedback {
            decisions.push(DecisionToLearn {
                text: row.try_get("text")?,
                refused: row.try_get::<i64, _>("approved")? == 0,
                decided_at: row.try_get("created_at")?,
            });
        }
        decisions.sort_by_key(|d| d.decided_at);
        Ok(decisions)
    }
}
