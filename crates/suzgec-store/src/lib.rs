//! Süzgeç's storage: articles, comments with their verdicts, the append-only log of moderation
//! events, reader reports, accounts, sessions and API tokens.
//!
//! One [`Store`] runs on SQLite (the default, one file, WAL mode) or on PostgreSQL (several server
//! instances sharing one database). Every query is plain SQL that both understand, run through
//! sqlx's `Any` driver; only the schema's migrations differ.
//!
//! A comment is never updated. Its status is the latest row of `comment_events`, so the history of
//! every decision (machine, moderator, import) stays readable.

mod accounts;
mod articles;
mod backup;
mod comments;
mod integrations;
mod model;
mod site_models;
#[cfg(feature = "testing")]
pub mod testing;
mod webhooks;
mod writer;

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub use backup::{BackupSummary, verify_backup};
pub use comments::MACHINE_ACTOR;
pub use model::*;
pub use site_models::{DecisionToLearn, NewSiteModel, StoredSiteModel};
pub use webhooks::{DeliveryLogEntry, EVENT_KINDS, PendingDelivery, Subscription};

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database URL is neither `sqlite:` nor `postgres:`.
    #[error("unsupported database URL {0:?}: use sqlite://FILE or postgres://…")]
    UnsupportedUrl(String),
    /// The database refused or failed a query.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The row asked for does not exist.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The row would break a uniqueness rule (a second article with the same slug, say).
    #[error("{0}")]
    Conflict(String),
    /// A text holds U+0000, which PostgreSQL cannot store; refused on every database alike.
    #[error("{0} contains a NUL character (U+0000)")]
    NulCharacter(&'static str),
    /// The task that writes comments has stopped (the server is shutting down).
    #[error("the comment writer has stopped")]
    WriterStopped,
    /// A new comment met one of its [`CommentLimits`].
    #[error("the comment meets a limit: {0:?}")]
    Limited(LimitHit),
    /// A backup could not be made or read back.
    #[error("backup: {0}")]
    Backup(String),
    /// A stored value could not be read back (a verdict that is not JSON, an unknown status).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

/// A database URL as it may be printed: the password of its user part, if any, shown as `***`
/// (`postgres://suzgec:***@db.example/suzgec`).
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_owned();
    };
    match rest[..at].split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => url.to_owned(),
    }
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// One SQLite file.
    Sqlite,
    /// A PostgreSQL database, possibly shared by several instances.
    Postgres,
}

/// The database behind the server: cheap to clone (a connection pool).
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    writer: writer::Writer,
    subscriptions: webhooks::Subscriptions,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Connects to `sqlite://FILE` (created when missing) or `postgres://…` and brings the schema up
    /// to date. Several instances may call this at once on one PostgreSQL database.
    pub async fn connect(url: &str) -> Result<Store> {
        Store::connect_with_webhooks(url, Vec::new()).await
    }

    /// Connects as [`Store::connect`] does; every comment event from this handle on is written to
    /// the outbox for the `subscriptions` that take it (the server's `[[webhooks]]`).
    pub async fn connect_with_webhooks(
        url: &str,
        subscriptions: Vec<Subscription>,
    ) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if url.starts_with("sqlite:") {
            let url = if url.contains("mode=") {
                url.to_owned()
            } else if url.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            };
            (Backend::Sqlite, url)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            (Backend::Postgres, url.to_owned())
        } else {
            return Err(Error::UnsupportedUrl(redact_url(url)));
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 8 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work beside the writer; FULL makes every commit
                        // durable before the server answers.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        let subscriptions: webhooks::Subscriptions = subscriptions.into();
        let writer = writer::Writer::start(pool.clone(), backend, subscriptions.clone());
        Ok(Store {
            pool,
            backend,
            writer,
            subscriptions,
        })
    }

    /// The database this store runs on.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Answers whether the database can be reached (for `/healthz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection, waiting for queries in flight.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Now, in Unix milliseconds: the unit of every time the store keeps.
pub fn now_millis() -> i64 {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

/// Opens a transaction that writes. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`):
/// a deferred transaction that reads and then writes fails at once with "database is locked" when
/// another writer went first, where this one waits its turn (`busy_timeout`).
async fn begin_write(
    pool: &AnyPool,
    backend: Backend,
) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
    let begin = match backend {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN",
    };
    Ok(pool.begin_with(begin).await?)
}

/// Refuses a text with U+0000 in it, naming the field.
fn refuse_nul(field: &'static str, text: &str) -> Result<()> {
    if text.contains('\0') {
        return Err(Error::NulCharacter(field));
    }
    Ok(())
}

/// Maps a unique-constraint violation to [`Error::Conflict`] with a message for the caller.
fn conflict_on_unique(error: sqlx::Error, message: impl FnOnce() -> String) -> Error {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => Error::Conflict(message()),
        _ => Error::Database(error),
    }
}
