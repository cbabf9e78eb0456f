//! Comments, their status events, reader reports, statistics, export and import.

use std::collections::HashMap;

use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;
use suzgec_core::Verdict;

use crate::webhooks::{self, Subscription};

use crate::{
    AuditEntry, Comment, CommentLimits, DailyCount, Error, Event, EventKind, ExportedComment,
    LimitHit, ModeratorDecision, NewComment, QueueItem, Result, Status, Store, ThreadPage,
    now_millis, refuse_nul,
};

/// The actor name of Süzgeç's own decisions.
pub const MACHINE_ACTOR: &str = "suzgec";

/// How many of a comment's open report reasons the moderator queue shows.
const REPORT_REASONS_SHOWN: usize = 5;

/// A comment with its current state: the status of its latest event and the latest edited text.
pub(crate) const COMMENT_SELECT: &str = "SELECT c.id, c.article_id, c.parent_id, c.author, c.text, c.verdict, \
     c.policy_version, c.created_at, e.status, e.at AS status_at, \
     COALESCE((SELECT x.edited_text FROM comment_events x \
               WHERE x.comment_id = c.id AND x.edited_text IS NOT NULL \
               ORDER BY x.id DESC LIMIT 1), c.text) AS shown_text \
     FROM comments c \
     JOIN comment_events e ON e.id = (SELECT MAX(y.id) FROM comment_events y WHERE y.comment_id = c.id)";

const EVENT_COLUMNS: &str = "ev.id, ev.comment_id, ev.status, ev.kind, ev.actor, ev.reason, ev.edited_text, ev.overrides_machine, ev.at";

pub(crate) fn comment_from_row(row: &AnyRow) -> Result<Comment> {
    let verdict_json: String = row.try_get("verdict")?;
    let verdict: Verdict = serde_json::from_str(&verdict_json)
        .map_err(|e| Error::Corrupt(format!("verdict of a comment: {e}")))?;
    Ok(Comment {
        id: row.try_get("id")?,
        article_id: row.try_get("article_id")?,
        parent_id: row.try_get("parent_id")?,
        author: row.try_get("author")?,
        text: row.try_get("text")?,
        shown_text: row.try_get("shown_text")?,
        verdict,
        policy_version: row.try_get("policy_version")?,
        status: Status::parse(row.try_get("status")?)?,
        created_at: row.try_get("created_at")?,
        status_at: row.try_get("status_at")?,
    })
}

fn event_from_row(row: &AnyRow) -> Result<Event> {
    Ok(Event {
        id: row.try_get("id")?,
        comment_id: row.try_get("comment_id")?,
        status: Status::parse(row.try_get("status")?)?,
        kind: EventKind::parse(row.try_get("kind")?)?,
        actor: row.try_get("actor")?,
        reason: row.try_get("reason")?,
        edited_text: row.try_get("edited_text")?,
        overrides_machine: row.try_get::<i64, _>("overrides_machine")? != 0,
        at: row.try_get("at")?,
    })
}

/// The rules a verdict gives reasons for, as the machine event's reason.
fn verdict_reasons(verdict: &Verdict) -> String {
    let rules: Vec<&str> = verdict.reasons.iter().map(|r| r.rule.as_str()).collect();
    rules.join(", ")
}

/// The columns of a new comment row.
struct CommentRow<'a> {
    article_id: i64,
    parent_id: Option<i64>,
    author: &'a str,
    text: &'a str,
    verdict: &'a Verdict,
    policy_version: &'a str,
    client_key: &'a str,
    created_at: i64,
}

/// Inserts a new comment with its machine event in an open transaction and returns it as stored.
/// The key of the PostgreSQL transaction lock that instances take in turns to check and store
/// comments (any number that no other lock of the database uses).
const COMMENT_LIMITS_LOCK: i64 = 0x5375_7a67_6563_0001;

/// Refuses a new comment that meets one of its limits, counting every comment committed and those
/// written before it in this transaction.
async fn hold_to_limits(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    new: &NewComment,
    limits: &CommentLimits,
) -> Result<()> {
    if tx.backend_name() == "PostgreSQL" {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(COMMENT_LIMITS_LOCK)
            .execute(&mut **tx)
            .await?;
    }
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM comments \
                 WHERE client_key = $1 AND created_at >= $2 LIMIT $3) c) AS by_client, \
                (SELECT COUNT(*) FROM (SELECT 1 FROM comments \
                 WHERE author = $4 AND created_at >= $5 LIMIT $6) a) AS by_author, \
                (SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE article_id = $7 \
                 AND author = $4 AND text = $8 AND created_at >= $9 LIMIT 1) d) AS duplicates",
    )
    .bind(&new.client_key)
    .bind(limits.client_since)
    .bind(limits.per_client)
    .bind(&new.author)
    .bind(limits.author_since)
    .bind(limits.per_author)
    .bind(new.article_id)
    .bind(&new.text)
    .bind(limits.duplicate_since)
    .fetch_one(&mut **tx)
    .await?;
    let hit = if row.try_get::<i64, _>("by_client")? >= limits.per_client {
        Some(LimitHit::Client)
    } else if row.try_get::<i64, _>("by_author")? >= limits.per_author {
        Some(LimitHit::Author)
    } else if row.try_get::<i64, _>("duplicates")? > 0 {
        Some(LimitHit::Duplicate)
    } else {
        None
    };
    hit.map_or(Ok(()), |hit| Err(Error::Limited(hit)))
}

pub(crate) async fn insert_new_comment(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    hooks: &[Subscription],
    new: &NewComment,
) -> Result<Comment> {
    if let Some(limits) = &new.limits {
        hold_to_limits(tx, new, limits).await?;
    }
    let status = Status::from_decision(new.verdict.decision);
    let now = now_millis();
    let row = CommentRow {
        article_id: new.article_id,
        parent_id: new.parent_id,
        author: &new.author,
        text: &new.text,
        verdict: &new.verdict,
        policy_version: &new.verdict.policy.version,
        client_key: &new.client_key,
        created_at: now,
    };
    let id = insert_comment(tx, &row).await?;
    sqlx::query(
        "INSERT INTO comment_events (comment_id, status, kind, actor, reason, at) \
         VALUES ($1, $2, 'machine', $3, $4, $5)",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(MACHINE_ACTOR)
    .bind(verdict_reasons(&new.verdict))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let comment = Comment {
        id,
        article_id: new.article_id,
        parent_id: new.parent_id,
        author: new.author.clone(),
        text: new.text.clone(),
        shown_text: new.text.clone(),
        verdict: new.verdict.clone(),
        policy_version: new.verdict.policy.version.clone(),
        status,
        created_at: now,
        status_at: now,
    };
    webhooks::enqueue(tx, hooks, "comment.created", &comment, None).await?;
    webhooks::enqueue_status(tx, hooks, &comment).await?;
    Ok(comment)
}

/// Inserts a comment and the rules its verdict gives reasons for; returns its id.
async fn insert_comment(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    row: &CommentRow<'_>,
) -> Result<i64> {
    let verdict_json = serde_json::to_string(row.verdict)
        .map_err(|e| Error::Corrupt(format!("verdict does not serialise: {e}")))?;
    let id: i64 = sqlx::query(
        "INSERT INTO comments (article_id, parent_id, author, text, language, machine_decision, \
         verdict, policy_version, client_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(row.article_id)
    .bind(row.parent_id)
    .bind(row.author)
    .bind(row.text)
    .bind(row.verdict.language.as_str())
    .bind(row.verdict.decision.as_str())
    .bind(&verdict_json)
    .bind(row.policy_version)
    .bind(row.client_key)
    .bind(row.created_at)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?;
    for reason in &row.verdict.reasons {
        sqlx::query(
            "INSERT INTO comment_reasons (comment_id, rule, confidence, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(reason.rule.as_str())
        .bind(f64::from(reason.confidence))
        .bind(row.created_at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

impl Store {
    /// Stores a comment with its verdict and the machine's status event: when this returns, the
    /// comment is durable. Comments that arrive together share one transaction (and one disk
    /// sync); see [`crate::writer`].
    pub async fn add_comment(&self, new: NewComment) -> Result<Comment> {
        refuse_nul("author", &new.author)?;
        refuse_nul("text", &new.text)?;
        self.writer.write(new).await
    }

    /// The comment with this id and its current state.
    pub async fn comment(&self, id: i64) -> Result<Option<Comment>> {
        let row = sqlx::query(&format!("{COMMENT_SELECT} WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(comment_from_row).transpose()
    }

    /// The approved comments under an article, oldest first.
    pub async fn approved_comments(&self, article_id: i64) -> Result<Vec<Comment>> {
        let rows = sqlx::query(&format!(
            "{COMMENT_SELECT} WHERE c.article_id = $1 AND e.status = 'approved' ORDER BY c.id"
        ))
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(comment_from_row).collect()
    }

    /// One page of an article's approved threads, newest first: at most `limit` top-level comments
    /// older than the comment `before` (all when `None`), then their approved replies, oldest
    /// first. A page is stable while new comments arrive, since they all come after it.
    pub async fn approved_threads(
        &self,
        article_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> Result<ThreadPage> {
        let limit = limit.max(1);
        let rows = sqlx::query(&format!(
            "{COMMENT_SELECT} WHERE c.article_id = $1 AND c.parent_id IS NULL AND c.id < $2 \
             AND e.status = 'approved' ORDER BY c.id DESC LIMIT $3"
        ))
        .bind(article_id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit + 1)
        .fetch_all(&self.pool)
        .await?;
        let mut comments = rows
            .iter()
            .map(comment_from_row)
            .collect::<Result<Vec<_>>>()?;
        let more = comments.len() > usize::try_from(limit).unwrap_or(usize::MAX);
        comments.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let older = more.then(|| comments.last().map(|c| c.id)).flatten();
        if let (Some(newest), Some(oldest)) = (comments.first(), comments.last()) {
            let top: std::collections::HashSet<i64> = comments.iter().map(|c| c.id).collect();
            let rows = sqlx::query(&format!(
                "{COMMENT_SELECT} WHERE c.article_id = $1 AND c.parent_id BETWEEN $2 AND $3 \
                 AND e.status = 'approved' ORDER BY c.id"
            ))
            .bind(article_id)
            .bind(oldest.id)
            .bind(newest.id)
            .fetch_all(&self.pool)
            .await?;
            for row in &rows {
                let reply = comment_from_row(row)?;
                if reply.parent_id.is_some_and(|p| top.contains(&p)) {
                    comments.push(reply);
                }
            }
        }
        Ok(ThreadPage { comments, older })
    }

    /// Comments waiting for a moderator, oldest first: those the machine held for review, and
    /// approved ones that readers reported since the last moderator decision.
    pub async fn queue(&self, limit: i64) -> Result<Vec<QueueItem>> {
        let rows = sqlx::query(&format!(
            "SELECT * FROM ( \
               SELECT q.*, a.slug AS article_slug, a.title AS article_title, \
                 (SELECT COUNT(*) FROM comment_reports r WHERE r.comment_id = q.id AND r.at > \
                    COALESCE((SELECT MAX(m.at) FROM comment_events m \
                              WHERE m.comment_id = q.id AND m.kind = 'moderator'), 0)) AS reports \
               FROM ({COMMENT_SELECT}) q JOIN articles a ON a.id = q.article_id \
             ) w \
             WHERE w.status = 'pending' OR (w.status = 'approved' AND w.reports > 0) \
             ORDER BY w.id LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let reported: Vec<i64> = rows
            .iter()
            .filter(|row| row.try_get::<i64, _>("reports").is_ok_and(|n| n > 0))
            .map(|row| row.try_get("id"))
            .collect::<std::result::Result<_, _>>()?;
        let mut reasons = self.open_report_reasons(&reported).await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in &rows {
            let comment = comment_from_row(row)?;
            let reports: i64 = row.try_get("reports")?;
            let report_reasons = reasons.remove(&comment.id).unwrap_or_default();
            items.push(QueueItem {
                comment,
                article_slug: row.try_get("article_slug")?,
                article_title: row.try_get("article_title")?,
                reports,
                report_reasons,
            });
        }
        Ok(items)
    }

    /// The reasons readers gave in reports since the last moderator decision, newest first (at
    /// most [`REPORT_REASONS_SHOWN`] a comment), for the comments `ids`, in one query.
    async fn open_report_reasons(&self, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
        let mut reasons: HashMap<i64, Vec<String>> = HashMap::new();
        if ids.is_empty() {
            return Ok(reasons);
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT r.comment_id, r.reason FROM comment_reports r \
             WHERE r.comment_id IN ({}) AND r.reason <> '' \
             AND r.at > COALESCE((SELECT MAX(m.at) FROM comment_events m \
                                  WHERE m.comment_id = r.comment_id AND m.kind = 'moderator'), 0) \
             ORDER BY r.comment_id, r.id DESC",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&self.pool).await? {
            let list = reasons.entry(row.try_get("comment_id")?).or_default();
            if list.len() < REPORT_REASONS_SHOWN {
                list.push(row.try_get("reason")?);
            }
        }
        Ok(reasons)
    }

    /// Records a moderator's decision as a new event and returns the comment's new state. A
    /// decision against the machine's (approving what it rejected, or the reverse) is marked so.
    pub async fn decide(&self, id: i64, decision: &ModeratorDecision) -> Result<Comment> {
        refuse_nul("reason", &decision.reason)?;
        refuse_nul(
            "edited text",
            decision.edited_text.as_deref().unwrap_or_default(),
        )?;
        let mut tx = crate::begin_write(&self.pool, self.backend).await?;
        let machine: Option<String> =
            sqlx::query("SELECT machine_decision FROM comments WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .map(|row| row.try_get("machine_decision"))
                .transpose()?;
        let Some(machine) = machine else {
            return Err(Error::NotFound("comment"));
        };
        let machine_status = match machine.as_str() {
            "approve" => Some(Status::Approved),
            "reject" => Some(Status::Rejected),
            _ => None,
        };
        let overrides = machine_status.is_some_and(|s| s != decision.status);
        sqlx::query(
            "INSERT INTO comment_events (comment_id, status, kind, actor, reason, edited_text, \
             overrides_machine, at) VALUES ($1, $2, 'moderator', $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(decision.status.as_str())
        .bind(&decision.actor)
        .bind(&decision.reason)
        .bind(&decision.edited_text)
        .bind(i64::from(overrides))
        .bind(now_millis())
        .execute(&mut *tx)
        .await?;
        let comment = webhooks::comment_in(&mut tx, id).await?;
        let hooks = &self.subscriptions;
        let details = json!({
            "status": decision.status.as_str(),
            "actor": decision.actor,
            "reason": decision.reason,
            "edited_text": decision.edited_text,
            "overrides_machine": overrides,
        });
        webhooks::enqueue(
            &mut tx,
            hooks,
            "comment.decided",
            &comment,
            Some(("decision", details)),
        )
        .await?;
        webhooks::enqueue_status(&mut tx, hooks, &comment).await?;
        tx.commit().await?;
        Ok(comment)
    }

    /// A comment's status history, oldest first.
    pub async fn history(&self, comment_id: i64) -> Result<Vec<Event>> {
        let rows = sqlx::query(&format!(
            "SELECT {EVENT_COLUMNS} FROM comment_events ev WHERE ev.comment_id = $1 ORDER BY ev.id"
        ))
        .bind(comment_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(event_from_row).collect()
    }

    /// The latest events, newest first, optionally only of one kind, before an event id (for
    /// paging).
    pub async fn audit_log(
        &self,
        kind: Option<EventKind>,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(&format!(
            "SELECT {EVENT_COLUMNS}, a.slug AS article_slug, c.text AS comment_text \
             FROM comment_events ev JOIN comments c ON c.id = ev.comment_id \
             JOIN articles a ON a.id = c.article_id \
             WHERE ($1 = '' OR ev.kind = $1) AND ev.id < $2 ORDER BY ev.id DESC LIMIT $3"
        ))
        .bind(kind.map_or("", EventKind::as_str))
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AuditEntry {
                    event: event_from_row(row)?,
                    article_slug: row.try_get("article_slug")?,
                    comment_text: row.try_get("comment_text")?,
                })
            })
            .collect()
    }

    /// Records a reader's report; an approved comment with reports returns to the queue.
    pub async fn report(&self, comment_id: i64, reason: &str, client_key: &str) -> Result<()> {
        refuse_nul("reason", reason)?;
        let mut tx = crate::begin_write(&self.pool, self.backend).await?;
        sqlx::query(
            "INSERT INTO comment_reports (comment_id, reason, client_key, at) VALUES ($1, $2, $3, $4)",
        )
        .bind(comment_id)
        .bind(reason)
        .bind(client_key)
        .bind(now_millis())
        .execute(&mut *tx)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                Error::NotFound("comment")
            }
            _ => Error::Database(e),
        })?;
        let hooks = &self.subscriptions;
        if !hooks.is_empty() {
            let comment = webhooks::comment_in(&mut tx, comment_id).await?;
            let report = json!({ "reason": reason });
            webhooks::enqueue(
                &mut tx,
                hooks,
                "comment.reported",
                &comment,
                Some(("report", report)),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Per day since a time: how many comments each rule gave a reason for.
    pub async fn rule_counts(&self, since: i64) -> Result<Vec<DailyCount>> {
        self.daily_counts(
            "SELECT created_at / 86400000 AS day, rule AS k, COUNT(*) AS n FROM comment_reasons \
             WHERE created_at >= $1 GROUP BY created_at / 86400000, rule ORDER BY day, k",
            since,
        )
        .await
    }

    /// Per day since a time: comments by the machine's decision, and moderator decisions that
    /// went against it (`override`).
    pub async fn decision_counts(&self, since: i64) -> Result<Vec<DailyCount>> {
        let mut counts = self
            .daily_counts(
                "SELECT created_at / 86400000 AS day, machine_decision AS k, COUNT(*) AS n \
                 FROM comments WHERE created_at >= $1 \
                 GROUP BY created_at / 86400000, machine_decision ORDER BY day, k",
                since,
            )
            .await?;
        counts.extend(
            self.daily_counts(
                "SELECT at / 86400000 AS day, 'override' AS k, COUNT(*) AS n FROM comment_events \
                 WHERE at >= $1 AND overrides_machine = 1 GROUP BY at / 86400000 ORDER BY day",
                since,
            )
            .await?,
        );
        Ok(counts)
    }

    async fn daily_counts(&self, sql: &str, since: i64) -> Result<Vec<DailyCount>> {
        let rows = sqlx::query(sql).bind(since).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(DailyCount {
                    day: row.try_get("day")?,
                    key: row.try_get("k")?,
                    count: row.try_get("n")?,
                })
            })
            .collect()
    }

    /// Up to `limit` comments with ids above `after`, with their histories, for `suzgec export`.
    pub async fn export_page(&self, after: i64, limit: i64) -> Result<Vec<ExportedComment>> {
        let rows = sqlx::query(
            "SELECT c.id, a.slug AS article_slug, c.parent_id, c.author, c.text, c.verdict, \
             c.policy_version, c.created_at FROM comments c JOIN articles a ON a.id = c.article_id \
             WHERE c.id > $1 ORDER BY c.id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut page = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let verdict_json: String = row.try_get("verdict")?;
            page.push(ExportedComment {
                id,
                article_slug: row.try_get("article_slug")?,
                parent_id: row.try_get("parent_id")?,
                author: row.try_get("author")?,
                text: row.try_get("text")?,
                verdict: serde_json::from_str(&verdict_json)
                    .map_err(|e| Error::Corrupt(format!("verdict of comment {id}: {e}")))?,
                policy_version: row.try_get("policy_version")?,
                created_at: row.try_get("created_at")?,
                events: self.history(id).await?,
            });
        }
        Ok(page)
    }

    /// Stores an exported comment with its history under the article of the same slug; `parent_id`
    /// is the parent's id in this database. Returns the new id.
    pub async fn import_comment(
        &self,
        exported: &ExportedComment,
        parent_id: Option<i64>,
    ) -> Result<i64> {
        refuse_nul("author", &exported.author)?;
        refuse_nul("text", &exported.text)?;
        let article = self
            .article(&exported.article_slug)
            .await?
            .ok_or(Error::NotFound("article"))?;
        let mut tx = crate::begin_write(&self.pool, self.backend).await?;
        let row = CommentRow {
            article_id: article.id,
            parent_id,
            author: &exported.author,
            text: &exported.text,
            verdict: &exported.verdict,
            policy_version: &exported.policy_version,
            client_key: "",
            created_at: exported.created_at,
        };
        let id = insert_comment(&mut tx, &row).await?;
        let mut events = exported.events.iter().peekable();
        if events.peek().is_none() {
            return Err(Error::Corrupt(format!(
                "exported comment {} has no events",
                exported.id
            )));
        }
        for event in events {
            sqlx::query(
                "INSERT INTO comment_events (comment_id, status, kind, actor, reason, edited_text, \
                 overrides_machine, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id)
            .bind(event.status.as_str())
            .bind(event.kind.as_str())
            .bind(&event.actor)
            .bind(&event.reason)
            .bind(&event.edited_text)
            .bind(i64::from(event.overrides_machine))
            .bind(event.at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }
}
