//! Fresh databases for tests: a new SQLite file, or a new database on the PostgreSQL server that
//! `SUZGEC_TEST_POSTGRES_URL` names.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::{Connection, Executor};

/// The environment variable that names the PostgreSQL server for tests
/// (e.g. `postgres://postgres@127.0.0.1:5432/test`).
pub const POSTGRES_URL_VAR: &str = "SUZGEC_TEST_POSTGRES_URL";

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_name(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "{prefix}_{}_{}_{n}",
        std::process::id(),
        crate::now_millis()
    )
}

/// A database URL for tests; the SQLite file (in the system's temporary folder) or the PostgreSQL
/// database is removed when this is dropped.
pub struct TestDatabase {
    /// The URL to give `Store::connect` or `suzgec serve --database-url`.
    pub url: String,
    sqlite_file: Option<PathBuf>,
    /// The server's base URL and the database's name.
    postgres: Option<(String, String)>,
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(file) = &self.sqlite_file {
            for suffix in ["", "-wal", "-shm"] {
                let mut path = file.clone().into_os_string();
                path.push(suffix);
                let _ = std::fs::remove_file(path);
            }
        }
        if let Some((base, name)) = self.postgres.take() {
            // Drop may run inside a test's runtime: drop the database from a thread of its own.
            let dropped = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime.block_on(async {
                    let mut admin = sqlx::AnyConnection::connect(&base).await?;
                    admin
                        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                        .await?;
                    Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
                })
            })
            .join();
            if !matches!(dropped, Ok(Ok(()))) {
                eprintln!("note: test database could not be dropped");
            }
        }
    }
}

/// A URL of a new, empty SQLite file.
pub fn sqlite() -> TestDatabase {
    let file = std::env::temp_dir().join(format!("{}.db", unique_name("suzgec_test")));
    TestDatabase {
        url: format!("sqlite://{}", file.display()),
        sqlite_file: Some(file),
        postgres: None,
    }
}

/// Says that a test is skipped and why, on stderr itself rather than through `eprintln!`, which
/// `cargo test` captures and hides for a test that returns. Under CI (`CI` set) nothing may be
/// skipped: a missing database, browser or client fails the test instead.
pub fn skip(test: &str, why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{test} cannot run under CI: {why}");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// A URL of a new, empty database on the test PostgreSQL server, or `None` when
/// `SUZGEC_TEST_POSTGRES_URL` is not set (see [`skip`]: under CI that fails the test).
pub async fn postgres(test: &str) -> Option<TestDatabase> {
    let Ok(base) = std::env::var(POSTGRES_URL_VAR) else {
        skip(
            &format!("{test} on PostgreSQL"),
            &format!("{POSTGRES_URL_VAR} is not set"),
        );
        return None;
    };
    sqlx::any::install_default_drivers();
    let name = unique_name("suzgec_test");
    let mut admin = sqlx::AnyConnection::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("{POSTGRES_URL_VAR}={base} cannot be reached: {e}"));
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap_or_else(|e| panic!("creating test database {name}: {e}"));
    let (server, _) = base.split_once('?').unwrap_or((&base, ""));
    let server = server.rsplit_once('/').map_or(server, |(server, _)| server);
    Some(TestDatabase {
        url: format!("{server}/{name}"),
        sqlite_file: None,
        postgres: Some((base.clone(), name)),
    })
}
