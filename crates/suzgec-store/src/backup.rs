//! Consistent copies of a live SQLite database, for `suzgec backup`.

use std::path::{Path, PathBuf};

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{Connection, Row};

use crate::{Backend, Error, Result, Store};

/// What a backup file holds, read back from the file itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupSummary {
    /// Articles in the copy.
    pub articles: i64,
    /// Comments in the copy.
    pub comments: i64,
    /// Moderation events (the comments' histories) in the copy.
    pub events: i64,
}

impl Store {
    /// Copies the database, as it stands at one moment, to a new file at `out` while the server
    /// keeps running. Never overwrites a file; a copy cut short leaves nothing under `out`.
    /// PostgreSQL databases are backed up with `pg_dump` instead.
    pub async fn backup_to(&self, out: &Path) -> Result<BackupSummary> {
        if self.backend == Backend::Postgres {
            return Err(Error::Backup(
                "suzgec backup copies SQLite databases; back up PostgreSQL with pg_dump".into(),
            ));
        }
        if out.exists() {
            return Err(Error::Backup(format!(
                "{} exists: a backup never overwrites a file",
                out.display()
            )));
        }
        let partial = partial_path(out);
        let partial_text = partial
            .to_str()
            .ok_or_else(|| Error::Backup(format!("{} is not a UTF-8 path", partial.display())))?;
        remove_if_present(&partial)?;
        // VACUUM INTO reads the database in one transaction: writers go on, the copy is the
        // database as it stood when the read began.
        if let Err(error) = sqlx::query("VACUUM INTO $1")
            .bind(partial_text)
            .execute(&self.pool)
            .await
        {
            let _ = std::fs::remove_file(&partial);
            return Err(error.into());
        }
        let summary = match verify_backup(&partial).await {
            Ok(summary) => summary,
            Err(error) => {
                let _ = std::fs::remove_file(&partial);
                return Err(error);
            }
        };
        publish(&partial, out)?;
        Ok(summary)
    }
}

/// Opens a backup file read-only, checks its structure (`PRAGMA quick_check`) and counts what it
/// holds.
pub async fn verify_backup(file: &Path) -> Result<BackupSummary> {
    let options = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .create_if_missing(false);
    let mut connection = SqliteConnection::connect_with(&options).await?;
    let check: String = sqlx::query("PRAGMA quick_check")
        .fetch_one(&mut connection)
        .await?
        .try_get(0)?;
    if check != "ok" {
        return Err(Error::Backup(format!(
            "{} fails SQLite's check: {check}",
            file.display()
        )));
    }
    let mut counts = [0i64; 3];
    for (count, table) in counts
        .iter_mut()
        .zip(["articles", "comments", "comment_events"])
    {
        *count = sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&mut connection)
            .await?
            .try_get(0)?;
    }
    connection.close().await?;
    let [articles, comments, events] = counts;
    Ok(BackupSummary {
        articles,
        comments,
        events,
    })
}

/// Where the copy is written before it is complete: beside `out`, so that publishing it is a link
/// on the same file system.
fn partial_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    out.with_file_name(name)
}

fn remove_if_present(file: &Path) -> Result<()> {
    match std::fs::remove_file(file) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(io_error(file, &error)),
        _ => Ok(()),
    }
}

/// Makes the finished copy durable, then gives it its name without replacing any file there.
fn publish(partial: &Path, out: &Path) -> Result<()> {
    let flushed = std::fs::File::open(partial).and_then(|file| file.sync_all());
    let linked = flushed.and_then(|()| std::fs::hard_link(partial, out));
    let removed = std::fs::remove_file(partial);
    linked.map_err(|error| io_error(out, &error))?;
    removed.map_err(|error| io_error(partial, &error))?;
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty());
    std::fs::File::open(folder.unwrap_or(Path::new(".")))
        .and_then(|dir| dir.sync_all())
        .map_err(|error| io_error(out, &error))
}

fn io_error(file: &Path, error: &std::io::Error) -> Error {
    Error::Backup(format!("{}: {error}", file.display()))
}
