//! Webhooks end to end: a real receiver on a local port, the server's sender, retries, the delivery
//! log, and a restart in the middle.

#[macro_use]
mod common;

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use common::TestApp;
use serde_json::{Value, json};
use suzgec_server::{DEMO_SLUG_TR, WebhookSettings};
use suzgec_store::Role;
use suzgec_store::testing::TestDatabase;

const SECRET: &str = "alıcının-sırrı-16+";

/// What the receiver was sent: the signature header and the body.
type Received = Arc<Mutex<Vec<(String, String)>>>;

/// A webhook endpoint on a free port that records every request and answers with `status`.
struct Receiver {
    url: String,
    received: Received,
    status: Arc<AtomicU16>,
}

impl Receiver {
    async fn start(status: u16) -> Receiver {
        let received: Received = Arc::default();
        let status = Arc::new(AtomicU16::new(status));
        let (log, answer) = (received.clone(), status.clone());
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: String| {
                let (log, answer) = (log.clone(), answer.clone());
                async move {
                    let signature = headers
                        .get("x-suzgec-signature")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_owned();
                    log.lock().unwrap().push((signature, body));
                    let code = StatusCode::from_u16(answer.load(Ordering::SeqCst)).unwrap();
                    (code, [("location", "/elsewhere")], "")
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Receiver {
            url,
            received,
            status,
        }
    }

    fn settings(&self) -> WebhookSettings {
        WebhookSettings {
            url: self.url.clone(),
            secret: SECRET.into(),
            events: suzgec_store::EVENT_KINDS
                .iter()
                .map(|e| (*e).to_owned())
                .collect(),
        }
    }

    /// The bodies received so far, parsed, after checking each signature.
    fn bodies(&self) -> Vec<Value> {
        let received = self.received.lock().unwrap().clone();
        received
            .iter()
            .map(|(signature, body)| {
                let (stamp, mac) = signature
                    .strip_prefix("t=")
                    .and_then(|rest| rest.split_once(",v1="))
                    .unwrap_or_else(|| panic!("signature {signature:?}"));
                let expected = suzgec_server::auth::hmac_sha256_hex(
                    SECRET.as_bytes(),
                    &[stamp.as_bytes(), b".", body.as_bytes()],
                );
                assert_eq!(mac, expected, "the signature covers t and the body");
                serde_json::from_str(body).expect("the body is JSON")
            })
            .collect()
    }

    /// Waits until `done` holds for what was received (at most 40 seconds).
    async fn wait_for(&self, what: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        for _ in 0..400 {
            let bodies = self.bodies();
            if done(&bodies) {
                return bodies;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("timed out waiting for {what}: {:#?}", self.bodies());
    }
}

fn of_type<'a>(bodies: &'a [Value], kind: &str) -> Vec<&'a Value> {
    bodies.iter().filter(|b| b["type"] == kind).collect()
}

async fn events_reach_the_endpoint_signed_and_retried(db: &TestDatabase) {
    // The first answers are redirects: not followed, they count as failures and are retried.
    let receiver = Receiver::start(302).await;
    let app = TestApp::start(db, |config| {
        config.webhooks = vec![receiver.settings()];
        config.limits.webhook_first_retry_seconds = 1;
    })
    .await;
    let path = format!("/api/v1/articles/{DEMO_SLUG_TR}/comments");
    let (status, created) = app
        .post_json(
            &path,
            None,
            &json!({"author": "Ayşe", "text": "Güzel bir haber olmuş."}),
        )
        .await;
    assert_eq!(status, 201);
    let id = created["id"].as_i64().unwrap();
    receiver
        .wait_for("a first attempt", |b| !b.is_empty())
        .await;
    receiver.status.store(200, Ordering::SeqCst);

    let bodies = receiver
        .wait_for("created and approved, delivered", |b| {
            !of_type(b, "comment.approved").is_empty() && b.len() >= 3
        })
        .await;
    let created_event = of_type(&bodies, "comment.created")[0];
    assert!(created_event["id"].as_str().unwrap().starts_with("evt_"));
    assert_eq!(created_event["data"]["comment"]["id"], id);
    assert_eq!(
        created_event["data"]["comment"]["text"],
        "Güzel bir haber olmuş."
    );
    assert_eq!(created_event["data"]["verdict"]["decision"], "approve");
    assert!(created_event["created_at"].as_str().unwrap().ends_with('Z'));
    let retried: Vec<&Value> = of_type(&bodies, "comment.created");
    assert!(retried.len() >= 2, "the redirected attempt was retried");
    assert_eq!(retried[0], retried[1], "a retry sends the same body");

    // A report and a moderator's decision.
    let (status, _) = app
        .post_json(
            &format!("/api/v1/comments/{id}/report"),
            None,
            &json!({"reason": "spam"}),
        )
        .await;
    assert_eq!(status, 202);
    let moderator = app.token(Role::Moderator).await;
    let (status, _) = app
        .post_json(
            &format!("/api/v1/moderation/comments/{id}/decision"),
            Some(&moderator),
            &json!({"decision": "reject", "reason": "reklam"}),
        )
        .await;
    assert_eq!(status, 200);
    let bodies = receiver
        .wait_for("reported, decided, rejected", |b| {
            ["comment.reported", "comment.decided", "comment.rejected"]
                .iter()
                .all(|kind| !of_type(b, kind).is_empty())
        })
        .await;
    assert_eq!(
        of_type(&bodies, "comment.reported")[0]["data"]["report"]["reason"],
        "spam"
    );
    let decided = of_type(&bodies, "comment.decided")[0];
    assert_eq!(decided["data"]["decision"]["status"], "rejected");
    assert_eq!(decided["data"]["decision"]["overrides_machine"], true);
    assert_eq!(decided["data"]["comment"]["status"], "rejected");

    // The delivery log: every delivery done, the first with its failed attempt recorded. The
    // receiver sees a body before the server hears its answer and records the delivery, so the
    // log may lag the receiver by a moment.
    let mut log = Vec::new();
    for _ in 0..400 {
        let (status, listed) = app
            .get_json("/api/v1/moderation/webhooks", Some(&moderator))
            .await;
        assert_eq!(status, 200);
        log = listed.as_array().unwrap().clone();
        if log.len() == 5 && log.iter().all(|d| d["delivered_at"].is_i64()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(log.len(), 5, "{log:#?}");
    assert!(log.iter().all(|d| d["delivered_at"].is_i64()), "{log:#?}");
    let first = log.iter().find(|d| d["kind"] == "comment.created").unwrap();
    assert!(first["attempts"].as_i64().unwrap() >= 2);
    assert_eq!(first["last_status"], 200);
    let (status, _) = app.get_json("/api/v1/moderation/webhooks", None).await;
    assert_eq!(status, 401);
    app.stop().await;
}
on_both_databases!(events_reach_the_endpoint_signed_and_retried);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undelivered_events_survive_a_restart() {
    let db = suzgec_store::testing::sqlite();
    let receiver = Receiver::start(503).await;
    let settings = receiver.settings();
    let app = TestApp::start(&db, |config| {
        config.webhooks = vec![settings.clone()];
        config.limits.webhook_first_retry_seconds = 1;
    })
    .await;
    let path = format!("/api/v1/articles/{DEMO_SLUG_TR}/comments");
    app.post_json(
        &path,
        None,
        &json!({"author": "Can", "text": "Teşekkürler, elinize sağlık."}),
    )
    .await;
    receiver
        .wait_for("a failed attempt", |b| !b.is_empty())
        .await;
    app.stop().await;

    receiver.status.store(200, Ordering::SeqCst);
    let seen = receiver.bodies().len();
    let again = TestApp::start(&db, |config| {
        config.webhooks = vec![settings];
        config.limits.webhook_first_retry_seconds = 1;
    })
    .await;
    let bodies = receiver
        .wait_for("delivery by the restarted server", |b| {
            b.len() >= seen + 2
                && !of_type(&b[seen..], "comment.created").is_empty()
                && !of_type(&b[seen..], "comment.approved").is_empty()
        })
        .await;
    assert_eq!(
        of_type(&bodies[seen..], "comment.created")[0]["data"]["comment"]["text"],
        "Teşekkürler, elinize sağlık."
    );
    again.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_webhook_configuration_stops_the_start() {
    let db = suzgec_store::testing::sqlite();
    let config = suzgec_server::Config {
        listen: "127.0.0.1:0".into(),
        database_url: db.url.clone(),
        webhooks: vec![WebhookSettings {
            url: "https://cms.example/hook".into(),
            secret: SECRET.into(),
            events: vec!["comment.deleted".into()],
        }],
        ..suzgec_server::Config::default()
    };
    let error = suzgec_server::Server::bind(config)
        .await
        .err()
        .expect("refused");
    assert!(error.to_string().contains("comment.deleted"), "{error}");
}
