//! `suzgec serve` and its database commands as an operator runs them: a real process on a free
//! port, stopped with SIGTERM, restarted on the same SQLite file.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

fn suzgec(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_suzgec"))
        .args(args)
        .env_remove("SUZGEC_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("suzgec starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin takes the input");
    child.wait_with_output().expect("suzgec finishes")
}

/// A running `suzgec serve`, the address it printed, and what it has logged so far.
struct Served {
    child: Child,
    base: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Served {
    fn start(database_url: &str) -> Served {
        Served::start_with(database_url, &[])
    }

    /// Starts the server with extra environment variables (settings such as
    /// `SUZGEC_LIMITS__COMMENTS_PER_MINUTE`).
    fn start_with(database_url: &str, env: &[(&str, &str)]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_suzgec"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--database-url",
                database_url,
            ])
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("suzgec serve starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let mut lines = BufReader::new(stderr).lines();
        let log = Arc::new(Mutex::new(Vec::new()));
        let base = loop {
            let line = lines
                .next()
                .expect("the server says where it listens")
                .expect("stderr is text");
            let base = line
                .split("listening on ")
                .nth(1)
                .map(|rest| rest.trim().trim_end_matches('/').to_owned());
            log.lock().expect("log").push(line);
            if let Some(base) = base {
                break base;
            }
        };
        // Keep draining the log so the server never blocks on a full pipe.
        let kept = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                kept.lock().expect("log").push(line);
            }
        });
        Served { child, base, log }
    }

    /// The comments of the demo article, in the API.
    fn demo_comments(&self) -> String {
        format!(
            "{}/api/v1/articles/kutuphaneler-gece-de-acik/comments",
            self.base
        )
    }

    /// Everything the server has written to stderr so far.
    fn log(&self) -> String {
        self.log.lock().expect("log").join("\n")
    }

    /// Sends SIGTERM and returns whether the server exited cleanly.
    fn terminate(mut self) -> bool {
        let pid = self.child.id().to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(killed.is_ok_and(|s| s.success()), "kill -TERM {pid}");
        self.child.wait().is_ok_and(|status| status.success())
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_stops_on_sigterm_without_losing_comments_and_exports_them() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", dir.path().join("site.db").display());
    let client = reqwest::Client::new();

    let served = Served::start(&url);
    let comments = served.demo_comments();
    let created: Value = client
        .post(&comments)
        .json(&json!({"author": "Ayşe", "text": "Çok yerinde bir karar, teşekkürler."}))
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .expect("JSON answer");
    assert_eq!(created["status"], "approved", "{created}");
    assert!(served.terminate(), "SIGTERM stops the server cleanly");

    let again = Served::start(&url);
    let listed: Value = client
        .get(again.demo_comments())
        .send()
        .await
        .expect("the restarted server answers")
        .json()
        .await
        .expect("JSON answer");
    assert_eq!(
        listed[0]["id"], created["id"],
        "the comment survived the restart"
    );

    // An API token, printed once.
    let token = suzgec(
        &[
            "token",
            "create",
            "cms",
            "--role",
            "api",
            "--database-url",
            &url,
        ],
        "",
    );
    assert!(
        token.status.success(),
        "{}",
        String::from_utf8_lossy(&token.stderr)
    );
    let token = String::from_utf8(token.stdout).expect("token is text");
    let verdict: Value = client
        .post(format!("{}/api/v1/moderate", again.base))
        .bearer_auth(token.trim())
        .json(&json!({"text": "BU KARAR COK YANLIS"}))
        .send()
        .await
        .expect("answered")
        .json()
        .await
        .expect("JSON");
    assert_eq!(verdict["decision"], "reject", "{verdict}");
    assert!(again.terminate());

    // Export, then import into a database that has the articles (its own demo) but no comments.
    let exported = suzgec(&["export", "--database-url", &url], "");
    assert!(exported.status.success());
    let exported = String::from_utf8(exported.stdout).expect("JSON Lines");
    assert_eq!(exported.lines().count(), 1);
    let other = format!("sqlite://{}", dir.path().join("other.db").display());
    let refused = suzgec(&["import", "-", "--database-url", &other], &exported);
    assert_eq!(refused.status.code(), Some(2), "no article to import into");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("line 1"));
    assert!(Served::start(&other).terminate());
    let imported = suzgec(&["import", "-", "--database-url", &other], &exported);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let round_trip = suzgec(&["export", "--database-url", &other], "");
    let line: Value = serde_json::from_str(String::from_utf8_lossy(&round_trip.stdout).trim())
        .expect("one exported comment");
    assert_eq!(line["text"], "Çok yerinde bir karar, teşekkürler.");
    assert_eq!(line["events"][0]["kind"], "machine");
}

#[test]
fn user_add_takes_the_password_from_stdin_and_refuses_short_ones() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", dir.path().join("site.db").display());
    let short = suzgec(&["user", "add", "zeynep", "--database-url", &url], "kisa\n");
    assert_eq!(short.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 10 characters"));
    let added = suzgec(
        &[
            "user",
            "add",
            "zeynep",
            "--role",
            "admin",
            "--database-url",
            &url,
        ],
        "a long enough password\n",
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let twice = suzgec(
        &["user", "add", "zeynep", "--database-url", &url],
        "a long enough password\n",
    );
    assert_eq!(twice.status.code(), Some(2), "the name is taken");
}

#[test]
fn serve_prints_its_configuration_from_file_environment_and_flags() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("suzgec.toml");
    std::fs::write(
        &file,
        "listen = \"127.0.0.1:9000\"\n[limits]\nchecks_per_minute = 7\n\
         [integrations.coral]\nsigning_secrets = [\"coral-signing-secret\"]\n\
         [[webhooks]]\nurl = \"https://cms.example/hook\"\nsecret = \"webhook-secret-value\"\n\
         events = [\"comment.created\"]\n",
    )
    .expect("config written");
    let output = Command::new(env!("CARGO_BIN_EXE_suzgec"))
        .args(["serve", "--print-config", "--config"])
        .arg(&file)
        .args(["--listen", "127.0.0.1:9001"])
        .env("SUZGEC_LIMITS__COMMENTS_PER_MINUTE", "3")
        .env("SUZGEC_TEST_SOMETHING_ELSE", "ignored")
        .output()
        .expect("suzgec runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = String::from_utf8_lossy(&output.stdout);
    for secret in ["coral-signing-secret", "webhook-secret-value"] {
        assert!(!printed.contains(secret), "{secret} printed:\n{printed}");
    }
    let config: toml::Table = toml::from_str(&printed).expect("TOML");
    assert_eq!(
        config["integrations"]["coral"]["signing_secrets"][0].as_str(),
        Some("<redacted>")
    );
    assert_eq!(
        config["listen"].as_str(),
        Some("127.0.0.1:9001"),
        "flags win"
    );
    assert_eq!(
        config["limits"]["checks_per_minute"].as_integer(),
        Some(7),
        "from the file"
    );
    assert_eq!(
        config["limits"]["comments_per_minute"].as_integer(),
        Some(3),
        "from the environment"
    );
    let bad = Command::new(env!("CARGO_BIN_EXE_suzgec"))
        .args(["serve", "--print-config"])
        .env("SUZGEC_LIMITS__CHECKS_PER_MINUTE", "many")
        .output()
        .expect("suzgec runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("configuration"));
}

/// A password that must never be printed.
const DATABASE_PASSWORD: &str = "Pa55-w0rd-nowhere-else";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_password_is_never_logged() {
    // A server that cannot reach its database says which one, without the password.
    let unreachable = format!("postgres://suzgec:{DATABASE_PASSWORD}@127.0.0.1:1/suzgec");
    let failed = suzgec(
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            &unreachable,
        ],
        "",
    );
    let said = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(2), "{said}");
    assert!(!said.contains(DATABASE_PASSWORD), "{said}");
    assert!(
        said.contains("postgres://suzgec:***@127.0.0.1:1/suzgec"),
        "{said}"
    );
    let unsupported = format!("mysql://suzgec:{DATABASE_PASSWORD}@127.0.0.1/suzgec");
    let failed = suzgec(
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            &unsupported,
        ],
        "",
    );
    let said = String::from_utf8_lossy(&failed.stderr);
    assert!(!said.contains(DATABASE_PASSWORD), "{said}");

    // One that reaches it (the test server trusts any password) logs where, without it.
    let Some(database) =
        suzgec_store::testing::postgres("the_database_password_is_never_logged").await
    else {
        return;
    };
    let with_password = database.url.replacen(
        "://postgres@",
        &format!("://postgres:{DATABASE_PASSWORD}@"),
        1,
    );
    assert_ne!(
        with_password, database.url,
        "the test server's URL names the user postgres"
    );
    let served = Served::start(&with_password);
    let health = reqwest::get(format!("{}/healthz", served.base))
        .await
        .expect("the server answers");
    assert!(health.status().is_success());
    let log = served.log();
    assert!(log.contains("postgres:***@"), "{log}");
    assert!(!log.contains(DATABASE_PASSWORD), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_copies_the_live_database_and_the_copy_serves_every_comment() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", dir.path().join("site.db").display());
    let client = reqwest::Client::new();
    let served = Served::start(&url);
    let comments = served.demo_comments();
    for i in 0..5 {
        let created = client
            .post(&comments)
            .json(&json!({"author": format!("Okur {i}"), "text": format!("Güzel bir karar, {i}. kez teşekkürler.")}))
            .send()
            .await
            .expect("the server answers");
        assert!(created.status().is_success(), "{}", created.status());
    }

    let out = dir.path().join("yedek.db");
    let out_text = out.display().to_string();
    let backup = suzgec(&["backup", "--database-url", &url, "--out", &out_text], "");
    assert!(
        backup.status.success(),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert!(String::from_utf8_lossy(&backup.stderr).contains("5 comments"));
    let again = suzgec(&["backup", "--database-url", &url, "--out", &out_text], "");
    assert_eq!(again.status.code(), Some(2), "an existing file is kept");
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites"));
    assert!(served.terminate());

    let copy = format!("sqlite://{out_text}");
    let exported = suzgec(&["export", "--database-url", &copy], "");
    assert!(exported.status.success());
    let texts: Vec<String> = String::from_utf8_lossy(&exported.stdout)
        .lines()
        .map(|line| {
            let comment: Value = serde_json::from_str(line).expect("JSON line");
            comment["text"].as_str().expect("text").to_owned()
        })
        .collect();
    assert_eq!(texts.len(), 5);
    assert!(texts.iter().all(|text| text.starts_with("Güzel bir karar")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_acknowledged_comment_is_lost_when_the_server_is_killed_under_load() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", dir.path().join("site.db").display());
    let served = Served::start_with(
        &url,
        &[
            ("SUZGEC_LIMITS__COMMENTS_PER_MINUTE", "1000000"),
            ("SUZGEC_LIMITS__CHECKS_PER_MINUTE", "1000000"),
        ],
    );
    let comments = served.demo_comments();
    let client = reqwest::Client::new();
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let mut writers = Vec::new();
    for writer in 0..8 {
        let (client, comments, acknowledged) =
            (client.clone(), comments.clone(), Arc::clone(&acknowledged));
        writers.push(tokio::spawn(async move {
            for n in 0.. {
                let sent = client
                    .post(&comments)
                    .json(&json!({
                        "author": format!("Okur {writer}-{n}"),
                        "text": format!("Kütüphaneler gece de açık olsun, {n}. kez söylüyorum."),
                    }))
                    .send()
                    .await;
                // The server is gone: what it acknowledged so far is all there is.
                let Ok(response) = sent else { break };
                if response.status() != reqwest::StatusCode::CREATED {
                    break;
                }
                let Ok(created) = response.json::<Value>().await else {
                    break;
                };
                let id = created["id"].as_i64().expect("an id");
                acknowledged.lock().expect("ids").push(id);
            }
        }));
    }
    // Let the load build up, then kill the server without warning.
    while acknowledged.lock().expect("ids").len() < 50 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let pid = served.child.id().to_string();
    let killed = Command::new("kill").args(["-KILL", &pid]).status();
    assert!(killed.is_ok_and(|s| s.success()), "kill -KILL {pid}");
    for writer in writers {
        writer.await.expect("the writer ends");
    }
    drop(served);

    let exported = suzgec(&["export", "--database-url", &url], "");
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let stored: std::collections::HashSet<i64> = String::from_utf8_lossy(&exported.stdout)
        .lines()
        .map(|line| {
            let comment: Value = serde_json::from_str(line).expect("JSON line");
            comment["id"].as_i64().expect("an id")
        })
        .collect();
    let acknowledged = acknowledged.lock().expect("ids").clone();
    let lost: Vec<i64> = acknowledged
        .iter()
        .copied()
        .filter(|id| !stored.contains(id))
        .collect();
    assert!(acknowledged.len() >= 50);
    assert!(
        lost.is_empty(),
        "acknowledged but lost: {lost:?} of {}",
        acknowledged.len()
    );
}
