//! The server over real HTTP on a free local port, on a fresh SQLite file and, when
//! `SUZGEC_TEST_POSTGRES_URL` is set, on a fresh PostgreSQL database.

#[macro_use]
mod common;

use common::{TestApp, csrf_of};
use serde_json::{Value, json};
use suzgec_server::{DEMO_SLUG_EN, DEMO_SLUG_TR};
use suzgec_store::Role;

use suzgec_store::testing::TestDatabase;

const ASCII_TURKISH: &str = "Bu uygulama cok guzel, ogrenciler icin harika bir haber";
const GOOD_TURKISH: &str = "Bu uygulama çok güzel, öğrenciler için harika bir haber.";

fn comments_path() -> String {
    format!("/api/v1/articles/{DEMO_SLUG_TR}/comments")
}

async fn submit(app: &TestApp, author: &str, text: &str) -> (u16, Value) {
    app.post_json(
        &comments_path(),
        None,
        &json!({"author": author, "text": text}),
    )
    .await
}

fn validate_verdict(verdict: &Value) {
    let schema: Value = serde_json::from_str(include_str!("../../../schema/verdict.schema.json"))
        .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(verdict)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "verdict breaks the schema: {errors:?}\n{verdict}"
    );
}

async fn the_gateway_needs_a_token_and_answers_with_a_verdict(db: &TestDatabase) {
    let app = TestApp::start(db, |_| {}).await;
    let body = json!({"text": ASCII_TURKISH});
    let (status, error) = app.post_json("/api/v1/moderate", None, &body).await;
    assert_eq!(status, 401);
    assert_eq!(error["error"]["code"], "unauthorized");
    let (status, _) = app
        .post_json("/api/v1/moderate", Some("szg_wrong"), &body)
        .await;
    assert_eq!(status, 401);

    let token = app.token(Role::Api).await;
    let (status, verdict) = app.post_json("/api/v1/moderate", Some(&token), &body).await;
    assert_eq!(status, 200);
    validate_verdict(&verdict);
    assert_eq!(verdict["decision"], "reject");
    assert_eq!(verdict["reasons"][0]["rule"], "no_turkish_chars");
    assert_eq!(
        verdict["suggested_text"],
        "Bu uygulama çok güzel, öğrenciler için harika bir haber"
    );

    let hinted = json!({"text": "This is fine, thanks.", "language": "en"});
    let (status, verdict) = app
        .post_json("/api/v1/moderate", Some(&token), &hinted)
        .await;
    assert_eq!((status, verdict["language"].as_str()), (200, Some("en")));
    let (status, stats) = app.get_json("/api/v1/moderation/queue", Some(&token)).await;
    assert_eq!(status, 403, "an api token may not moderate: {stats}");
    app.stop().await;
}
on_both_databases!(the_gateway_needs_a_token_and_answers_with_a_verdict);

/// A lenient site's model (`suzgec learn`), learnt once for the whole test binary: insults to
/// people pass, hate does not.
fn lenient_site_model() -> &'static (Vec<u8>, String) {
    static MODEL: std::sync::OnceLock<(Vec<u8>, String)> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| {
        let mut policy = suzgec_core::Policy::default();
        policy.classifier.encoder = false;
        let history: Vec<_> = suzgec_learn::testing::tune()
            .iter()
            .map(suzgec_learn::testing::Case::lenient_decision)
            .collect();
        let learnt = suzgec_learn::learn(&policy, &history, &Default::default()).expect("learns");
        (learnt.model.encode(), learnt.model.info().version.clone())
    })
}

async fn a_policys_site_model_moves_the_gateways_line_and_is_named(db: &TestDatabase) {
    let (model, version) = lenient_site_model();
    let dir = std::env::temp_dir().join(format!(
        "suzgec-site-{}-{}",
        std::process::id(),
        db.url.len()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("lenient.model"), model).expect("write model");
    let policy =
        suzgec_core::policy::DEFAULT_POLICY_TOML.replace("encoder = true", "encoder = false");
    std::fs::write(
        dir.join("policy.toml"),
        format!("{policy}\n[site]\nmodel = \"lenient.model\"\n"),
    )
    .expect("write policy");
    let app = TestApp::start(db, |config| {
        config.policy_file = Some(dir.join("policy.toml"));
    })
    .await;
    let token = app.token(Role::Api).await;
    let insults: Vec<String> = suzgec_learn::testing::test()
        .into_iter()
        .filter(|c| c.refused && !c.lenient_refuses())
        .map(|c| c.text)
        .collect();
    let mut approved = 0;
    for text in &insults {
        let (status, verdict) = app
            .post_json("/api/v1/moderate", Some(&token), &json!({ "text": text }))
            .await;
        assert_eq!(status, 200, "{verdict}");
        validate_verdict(&verdict);
        assert_eq!(verdict["policy"]["site_model"], version.as_str());
        approved += usize::from(verdict["decision"] == "approve");
    }
    assert!(
        approved * 2 > insults.len(),
        "{approved} of {} insults approved",
        insults.len()
    );
    let (_, verdict) = app
        .post_json(
            "/api/v1/moderate",
            Some(&token),
            &json!({ "text": "Siktir git buradan, şerefsiz." }),
        )
        .await;
    assert_eq!(verdict["decision"], "reject", "{verdict}");
    app.stop().await;
    std::fs::remove_dir_all(&dir).ok();
}
on_both_databases!(a_policys_site_model_moves_the_gateways_line_and_is_named);

async fn a_site_model_stored_in_the_database_is_put_in_force_without_a_restart(db: &TestDatabase) {
    let (model, version) = lenient_site_model();
    let app = TestApp::start(db, |config| config.limits.site_model_poll_seconds = 1).await;
    let token = app.token(Role::Api).await;
    let insult = suzgec_learn::testing::test()
        .into_iter()
        .find(|c| c.refused && !c.lenient_refuses())
        .expect("an insult the lenient site lets through")
        .text;
    let site_model_of = || async {
        let (status, verdict) = app
            .post_json("/api/v1/moderate", Some(&token), &json!({ "text": insult }))
            .await;
        assert_eq!(status, 200, "{verdict}");
        verdict["policy"]["site_model"].as_str().map(str::to_owned)
    };
    assert_eq!(site_model_of().await, None);
    // What `suzgec learn --database-url` does, from another process.
    let store = suzgec_store::Store::connect(&app.database_url)
        .await
        .expect("store opens");
    let learnt = suzgec_core::site::SiteModel::decode(model).expect("decodes");
    let info = serde_json::to_string(learnt.info()).expect("serialises");
    store
        .add_site_model(&suzgec_store::NewSiteModel {
            version: version.clone(),
            info,
            model: model.clone(),
            activate: true,
        })
        .await
        .expect("stores");
    let mut seen = None;
    for _ in 0..50 {
        seen = site_model_of().await;
        if seen.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(seen.as_deref(), Some(version.as_str()));

    // Moderators see what was learnt.
    app.moderator("zeynep", "correct horse battery").await;
    let (status, _) = app.page("/moderation/site-model").await;
    assert_eq!(status, 303, "the page needs a login");
    app.log_in("zeynep", "correct horse battery").await;
    let (status, page) = app.page("/moderation/site-model?lang=en").await;
    assert_eq!(status, 200);
    assert!(
        page.contains(version.as_str()) && page.contains("in force"),
        "{page}"
    );
    let info = learnt.info();
    assert!(
        page.contains(&format!("{:.3}", info.site.macro_f1)),
        "{page}"
    );
    let moved = info
        .approves_more
        .first()
        .or(info.refuses_more.first())
        .expect("some phrase moved");
    assert!(page.contains(&moved.phrase), "{page}");

    store.rollback_site_model().await.expect("rolls back");
    let mut seen = Some(String::new());
    for _ in 0..50 {
        seen = site_model_of().await;
        if seen.is_none() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(seen, None, "back to the rules as shipped");
    store.close().await;
    app.stop().await;
}
on_both_databases!(a_site_model_stored_in_the_database_is_put_in_force_without_a_restart);

async fn moderators_start_learning_from_the_api_and_see_its_outcome(db: &TestDatabase) {
    let app = TestApp::start(db, |_| {}).await;
    let token = app.token(Role::Moderator).await;
    let api = app.token(Role::Api).await;
    let (status, _) = app
        .post_json("/api/v1/moderation/learn", Some(&api), &json!({}))
        .await;
    assert_eq!(status, 403, "an api token may not start learning");
    // A lenient site's decisions, reported by another platform.
    let store = suzgec_store::Store::connect(&app.database_url)
        .await
        .expect("store opens");
    for case in suzgec_learn::testing::tune().iter().take(400) {
        store
            .add_feedback(&suzgec_store::NewFeedback {
                source: "perspective".into(),
                client_token: String::new(),
                text: case.text.clone(),
                approved: !case.lenient_refuses(),
                actor: "coral".into(),
            })
            .await
            .expect("stored");
    }
    store.close().await;
    let (status, started) = app
        .post_json(
            "/api/v1/moderation/learn",
            Some(&token),
            &json!({"force": true}),
        )
        .await;
    assert_eq!(status, 202, "{started}");
    let mut listed = Value::Null;
    for _ in 0..600 {
        let (status, list) = app
            .get_json("/api/v1/moderation/site-models", Some(&token))
            .await;
        assert_eq!(status, 200, "{list}");
        listed = list;
        if listed["learning"] == false {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(listed["learning"], false, "{listed}");
    let outcome = listed["last_learning"].as_str().expect("an outcome");
    assert!(
        outcome.contains("from 400 decisions") && outcome.contains("in force"),
        "{outcome}"
    );
    let version = listed["versions"][0]["version"]
        .as_str()
        .expect("a version");
    assert_eq!(listed["in_force"], version);
    assert_eq!(listed["versions"][0]["info"]["decisions"], 400);

    // The page's button runs the same learning.
    app.moderator("zeynep", "correct horse battery").await;
    app.log_in("zeynep", "correct horse battery").await;
    let (_, page) = app.page("/moderation/site-model?lang=en").await;
    assert!(
        page.contains("Last learning") && page.contains("from 400 decisions"),
        "{page}"
    );
    let learn = |csrf: String| {
        app.client
            .post(app.url("/moderation/site-model/learn"))
            .form(&[("csrf", csrf)])
            .send()
    };
    let refused = learn("forged".into()).await.expect("answered");
    assert_eq!(refused.status().as_u16(), 403);
    let started = learn(csrf_of(&page)).await.expect("answered");
    assert_eq!(started.status().as_u16(), 303);
    for _ in 0..600 {
        let (_, list) = app
            .get_json("/api/v1/moderation/site-models", Some(&token))
            .await;
        listed = list;
        if listed["learning"] == false {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Learnt again within the same second, the version already exists: the outcome says so.
    let outcome = listed["last_learning"].as_str().expect("an outcome");
    assert!(
        listed["versions"].as_array().map(Vec::len) == Some(2)
            || outcome.contains("already stored"),
        "{listed}"
    );
    app.stop().await;
}
on_both_databases!(moderators_start_learning_from_the_api_and_see_its_outcome);

#[tokio::test]
async fn bad_requests_get_clear_errors() {
    let db = suzgec_store::testing::sqlite();
    let app = TestApp::start(&db, |_| {}).await;
    let cases: Vec<(Value, u16, &str)> = vec![
        (json!({"text": ""}), 422, "empty_text"),
        (json!({"text": " \u{200B}\n"}), 422, "empty_text"),
        (json!({"text": "a".repeat(20_000)}), 422, "text_too_long"),
        (
            json!({"text": "merhaba", "language": "xx"}),
            400,
            "unknown_language",
        ),
        (
            json!({"text": "merhaba", "policy": "nope"}),
            400,
            "unknown_policy",
        ),
        (json!({"txt": "merhaba"}), 422, "invalid_json"),
    ];
    for (body, status, code) in cases {
        let (got, error) = app.post_json("/api/v1/check", None, &body).await;
        assert_eq!(
            (got, error["error"]["code"].as_str()),
            (status, Some(code)),
            "{body}"
        );
        assert!(
            error["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }

    let megabyte = json!({"text": "ç".repeat(600_000)}).to_string();
    let response = app
        .client
        .post(app.url("/api/v1/check"))
        .header("content-type", "application/json")
        .body(megabyte)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 413);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "payload_too_large");

    for raw in [
        &b"{\"text\": \"\xff\xfe\"}"[..],
        b"{not json",
        b"{\"text\": \"\\ud800\"}",
    ] {
        let response = app
            .client
            .post(app.url("/api/v1/check"))
            .header("content-type", "application/json")
            .body(raw.to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 400, "{raw:?}");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"]["code"], "invalid_json");
    }
    let (status, error) = submit(&app, "Ali", "bir\u{0}iki").await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (422, Some("nul_character"))
    );
    let (status, error) = app.get_json("/api/v1/articles/nope", None).await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
    let (status, _) = app.get_json("/no/such/page", None).await;
    assert_eq!(status, 404);
    app.stop().await;
}

#[tokio::test]
async fn the_live_check_is_rate_limited_per_address_with_retry_after() {
    let db = suzgec_store::testing::sqlite();
    let app = TestApp::start(&db, |config| config.limits.checks_per_minute = 3).await;
    for _ in 0..3 {
        let (status, _) = app
            .post_json("/api/v1/check", None, &json!({"text": GOOD_TURKISH}))
            .await;
        assert_eq!(status, 200);
    }
    let response = app
        .client
        .post(app.url("/api/v1/check"))
        .json(&json!({"text": GOOD_TURKISH}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "rate_limited");
    app.stop().await;
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_client_is_the_address_it_saw() {
    let db = suzgec_store::testing::sqlite();
    let app = TestApp::start(&db, |config| {
        config.limits.checks_per_minute = 2;
        config.trusted_proxies = vec!["127.0.0.0/8".into()];
    })
    .await;
    let check = |forwarded_for: String| {
        let request = app
            .client
            .post(app.url("/api/v1/check"))
            .header("x-forwarded-for", forwarded_for)
            .json(&json!({"text": GOOD_TURKISH}));
        async move { request.send().await.expect("answered").status().as_u16() }
    };
    // The leftmost entry is the client's own invention: changing it does not make a new client.
    let statuses = [
        check("198.51.100.1, 203.0.113.9".into()).await,
        check("198.51.100.2, 203.0.113.9".into()).await,
        check("198.51.100.3, 203.0.113.9".into()).await,
    ];
    assert_eq!(statuses, [200, 200, 429]);
    // Another address the proxy saw is another client.
    assert_eq!(check("203.0.113.10".into()).await, 200);
    app.stop().await;
}

#[tokio::test]
async fn metrics_labels_are_bounded_and_metrics_kept_for_listed_readers() {
    let db = suzgec_store::testing::sqlite();
    let token = "metrics-token-0123456789";
    let app = TestApp::start(&db, |config| {
        config.trusted_proxies = vec!["127.0.0.1".into()];
        config.metrics.token = Some(token.into());
    })
    .await;
    for method in ["FOO", "BAR", "PROPFIND", "GET"] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
        app.client
            .request(method, app.url("/healthz"))
            .send()
            .await
            .expect("answered");
    }
    app.page("/no-such-page-1").await;
    app.page("/no-such-page-2").await;
    let (status, metrics) = app.page("/metrics").await;
    assert_eq!(status, 200, "loopback reads them: {metrics}");
    let methods: std::collections::BTreeSet<&str> = metrics
        .lines()
        .filter(|line| line.starts_with("suzgec_http_requests_total{"))
        .filter_map(|line| line.split("method=\"").nth(1)?.split('"').next())
        .collect();
    assert!(methods.is_subset(&["GET", "other"].into()), "{methods:?}");
    assert!(methods.contains("other"), "{metrics}");
    assert!(!metrics.contains("no-such-page"), "{metrics}");

    // A client the proxy saw elsewhere is not a listed reader, unless it has the token.
    let elsewhere = |bearer: Option<&str>| {
        let mut request = app
            .client
            .get(app.url("/metrics"))
            .header("x-forwarded-for", "203.0.113.9");
        if let Some(bearer) = bearer {
            request = request.bearer_auth(bearer);
        }
        async move { request.send().await.expect("answered").status().as_u16() }
    };
    assert_eq!(elsewhere(None).await, 403);
    assert_eq!(elsewhere(Some("metrics-token-wrong-guess")).await, 403);
    assert_eq!(elsewhere(Some(token)).await, 200);
    app.stop().await;
}

async fn editors_publish_and_update_articles(db: &TestDatabase) {
    let app = TestApp::start(db, |_| {}).await;
    let (status, articles) = app.get_json("/api/v1/articles", None).await;
    assert_eq!(status, 200);
    assert_eq!(
        articles.as_array().map(Vec::len),
        Some(2),
        "the demo articles"
    );
    let article = json!({"slug": "yeni-haber", "language": "tr", "title": "Başlık", "body": "Birinci paragraf.\n\nİkinci paragraf."});
    let api = app.token(Role::Api).await;
    let (status, _) = app
        .post_json("/api/v1/articles", Some(&api), &article)
        .await;
    assert_eq!(status, 403);
    let editor = app.token(Role::Editor).await;
    let (status, created) = app
        .post_json("/api/v1/articles", Some(&editor), &article)
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["published_at"], created["updated_at"]);
    let (status, _) = app
        .post_json("/api/v1/articles", Some(&editor), &article)
        .await;
    assert_eq!(status, 409);
    let bad = json!({"slug": "Kötü Slug", "language": "tr", "title": "x", "body": "y"});
    let (status, _) = app.post_json("/api/v1/articles", Some(&editor), &bad).await;
    assert_eq!(status, 422);

    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let response = app
        .client
        .put(app.url("/api/v1/articles/yeni-haber"))
        .bearer_auth(&editor)
        .json(&json!({"title": "Güncel başlık"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let updated: Value = response.json().await.unwrap();
    assert_eq!(updated["title"], "Güncel başlık");
    assert_eq!(updated["body"], created["body"]);
    assert!(updated["updated_at"].as_str() > created["updated_at"].as_str());
    let (_, page) = app.page("/articles/yeni-haber").await;
    assert!(page.contains("Güncel başlık") && page.contains("<p>İkinci paragraf.</p>"));
    // An update is validated as a new article is; a NUL is refused before the database sees it.
    for (update, code) in [
        (json!({"title": "  "}), "invalid_article"),
        (json!({"body": ""}), "invalid_article"),
        (json!({"summary": "a\u{0}b"}), "nul_character"),
    ] {
        let response = app
            .client
            .put(app.url("/api/v1/articles/yeni-haber"))
            .bearer_auth(&editor)
            .json(&update)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let error: Value = response.json().await.unwrap();
        assert_eq!(
            (status, error["error"]["code"].as_str()),
            (422, Some(code)),
            "{update}"
        );
    }
    let (_, unchanged) = app.get_json("/api/v1/articles/yeni-haber", None).await;
    assert_eq!(unchanged["title"], "Güncel başlık");
    app.stop().await;
}
on_both_databases!(editors_publish_and_update_articles);

async fn comments_are_stored_with_their_verdicts_and_threaded(db: &TestDatabase) {
    let app = TestApp::start(db, |_| {}).await;
    let (status, approved) = submit(&app, "Ayşe", GOOD_TURKISH).await;
    assert_eq!(status, 201, "{approved}");
    assert_eq!(approved["status"], "approved");
    validate_verdict(&approved["verdict"]);
    let (_, refused) = submit(&app, "Ali", ASCII_TURKISH).await;
    assert_eq!(refused["status"], "rejected");
    assert_eq!(refused["verdict"]["reasons"][0]["rule"], "no_turkish_chars");

    let parent = approved["id"].as_i64().unwrap();
    let (status, reply) = app
        .post_json(
            &comments_path(),
            None,
            &json!({"author": "Can", "text": "Kesinlikle katılıyorum.", "parent_id": parent}),
        )
        .await;
    assert_eq!(
        (status, reply["status"].as_str()),
        (201, Some("approved")),
        "{reply}"
    );
    let (_, deeper) = app
        .post_json(
            &comments_path(),
            None,
            &json!({"author": "Ece", "text": "Ben de öyle düşünüyorum.", "parent_id": reply["id"]}),
        )
        .await;
    let (status, error) = app
        .post_json(
            &comments_path(),
            None,
            &json!({"author": "Ece", "text": "Başka bir yorum.", "parent_id": 99999}),
        )
        .await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (409, Some("invalid_parent")),
        "no such comment"
    );
    let (_, elsewhere) = app
        .post_json(
            &format!("/api/v1/articles/{DEMO_SLUG_EN}/comments"),
            None,
            &json!({"author": "Jane", "text": "Libraries open at night are a fine idea."}),
        )
        .await;
    let (status, error) = app
        .post_json(
            &comments_path(),
            None,
            &json!({"author": "Ece", "text": "Başka bir yorum.", "parent_id": elsewhere["id"]}),
        )
        .await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (409, Some("invalid_parent")),
        "a comment under another article: {elsewhere}"
    );

    let (_, listed) = app.get_json(&comments_path(), None).await;
    let listed = listed.as_array().unwrap();
    assert_eq!(
        listed.len(),
        1,
        "one thread; the refused comment is not shown"
    );
    assert_eq!(listed[0]["text"], GOOD_TURKISH);
    let replies: Vec<&Value> = listed[0]["replies"].as_array().unwrap().iter().collect();
    assert_eq!(replies.len(), 2, "a reply to a reply joins the thread");
    assert_eq!(replies[1]["id"], deeper["id"]);

    let (status, error) = submit(&app, "Ayşe", GOOD_TURKISH).await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (409, Some("duplicate_comment"))
    );
    let (status, error) = submit(&app, "   ", "Güzel.").await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (422, Some("invalid_author"))
    );
    // The name's length is counted as sent, as the OpenAPI document's maxLength (80) counts it.
    let (status, error) = submit(&app, &format!(" {}", "a".repeat(80)), "Güzel.").await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (422, Some("invalid_author"))
    );
    app.stop().await;
}
on_both_databases!(comments_are_stored_with_their_verdicts_and_threaded);

async fn comments_sent_at_once_meet_the_duplicate_and_flood_limits(db: &TestDatabase) {
    let app = TestApp::start(db, |config| config.limits.comments_per_author_per_hour = 5).await;
    let send_at_once = |comments: Vec<(String, String)>| {
        let mut sent = tokio::task::JoinSet::new();
        for (author, text) in comments {
            let request = app
                .client
                .post(app.url(&comments_path()))
                .json(&json!({"author": author, "text": text}));
            sent.spawn(async move {
                let response = request.send().await.expect("answered");
                let status = response.status().as_u16();
                let body: Value = response.json().await.unwrap_or(Value::Null);
                (status, body["error"]["code"].as_str().map(str::to_owned))
            });
        }
        sent.join_all()
    };
    let same = vec![("Ayşe".to_owned(), GOOD_TURKISH.to_owned()); 20];
    let mut answers = send_at_once(same).await;
    answers.sort();
    assert_eq!(answers[0], (201, None), "{answers:?}");
    assert!(
        answers[1..] == vec![(409, Some("duplicate_comment".to_owned())); 19],
        "{answers:?}"
    );
    let many = (0..20)
        .map(|i| ("Veli".to_owned(), format!("{i}. yorumum, güzel bir haber.")))
        .collect();
    let answers = send_at_once(many).await;
    let stored = answers.iter().filter(|(status, _)| *status == 201).count();
    assert_eq!(stored, 5, "the author's hourly limit: {answers:?}");
    assert!(
        answers
            .iter()
            .all(|a| a.0 == 201 || *a == (429, Some("rate_limited".to_owned()))),
        "{answers:?}"
    );
    app.stop().await;
}
on_both_databases!(comments_sent_at_once_meet_the_duplicate_and_flood_limits);

async fn moderators_work_the_queue_and_every_decision_is_logged(db: &TestDatabase) {
    let app = TestApp::start(db, |_| {}).await;
    let moderator = app.token(Role::Moderator).await;
    let (_, refused) = submit(&app, "Ali", "BU UYGULAMA ÇOK GÜZEL OLMUŞ").await;
    let (_, approved) = submit(&app, "Ayşe", GOOD_TURKISH).await;
    let approved_id = approved["id"].as_i64().unwrap();
    let (status, _) = app
        .post_json(
            &format!("/api/v1/comments/{approved_id}/report"),
            None,
            &json!({"reason": "bence hakaret"}),
        )
        .await;
    assert_eq!(status, 202);

    let (status, queue) = app
        .get_json("/api/v1/moderation/queue", Some(&moderator))
        .await;
    assert_eq!(status, 200);
    let queue = queue.as_array().unwrap();
    assert_eq!(
        queue.len(),
        1,
        "the reported comment, not the refused one: {queue:?}"
    );
    assert_eq!(queue[0]["comment"]["id"], approved_id);
    assert_eq!(queue[0]["reports"], 1);
    assert_eq!(queue[0]["report_reasons"], json!(["bence hakaret"]));

    let decision_path = format!("/api/v1/moderation/comments/{approved_id}/decision");
    let (status, decided) = app
        .post_json(
            &decision_path,
            Some(&moderator),
            &json!({"decision": "reject", "reason": "hakaret"}),
        )
        .await;
    assert_eq!(
        (status, decided["status"].as_str()),
        (200, Some("rejected")),
        "{decided}"
    );
    let (_, listed) = app.get_json(&comments_path(), None).await;
    assert_eq!(listed.as_array().unwrap().len(), 0);

    let refused_id = refused["id"].as_i64().unwrap();
    let (status, edited) = app
        .post_json(
            &format!("/api/v1/moderation/comments/{refused_id}/decision"),
            Some(&moderator),
            &json!({"decision": "approve", "reason": "büyük harfler düzeltildi", "text": "Bu uygulama çok güzel olmuş"}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["shown_text"], "Bu uygulama çok güzel olmuş");
    assert_eq!(edited["text"], "BU UYGULAMA ÇOK GÜZEL OLMUŞ");
    let (_, listed) = app.get_json(&comments_path(), None).await;
    assert_eq!(listed[0]["text"], "Bu uygulama çok güzel olmuş");

    let (_, history) = app
        .get_json(
            &format!("/api/v1/moderation/comments/{refused_id}/history"),
            Some(&moderator),
        )
        .await;
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["kind"], "machine");
    assert_eq!(history[1]["kind"], "moderator");
    assert_eq!(history[1]["overrides_machine"], true);
    assert_eq!(history[1]["actor"], "test");

    let (_, audit) = app
        .get_json("/api/v1/moderation/audit", Some(&moderator))
        .await;
    assert_eq!(audit.as_array().unwrap().len(), 2);
    let (_, stats) = app
        .get_json("/api/v1/moderation/stats?days=7", Some(&moderator))
        .await;
    let has = |list: &str, key: &str, count: i64| {
        stats[list]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["key"] == key && c["count"] == count)
    };
    assert!(has("rules", "all_caps", 1), "{stats}");
    assert!(has("decisions", "override", 2), "{stats}");
    let (status, error) = app
        .post_json(
            &decision_path,
            Some(&moderator),
            &json!({"decision": "reject", "text": "x"}),
        )
        .await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (422, Some("invalid_decision"))
    );
    app.stop().await;
}
on_both_databases!(moderators_work_the_queue_and_every_decision_is_logged);

async fn accepted_comments_survive_a_restart(db: &TestDatabase) {
    let app = TestApp::start(db, |_| {}).await;
    let mut ids = Vec::new();
    for i in 0..20 {
        let (status, created) = submit(
            &app,
            &format!("Okur {i}"),
            &format!("Güzel bir haber, teşekkürler {i}."),
        )
        .await;
        assert_eq!(status, 201);
        ids.push(created["id"].as_i64().unwrap());
    }
    app.stop().await;
    let again = TestApp::start(db, |_| {}).await;
    let (_, listed) = again.get_json(&comments_path(), None).await;
    let listed: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let newest_first: Vec<i64> = ids.iter().rev().copied().collect();
    assert_eq!(listed, newest_first);
    let (_, articles) = again.get_json("/api/v1/articles", None).await;
    assert_eq!(
        articles.as_array().unwrap().len(),
        2,
        "the demo is published once"
    );
    again.stop().await;
}
on_both_databases!(accepted_comments_survive_a_restart);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgres_database_work_together() {
    let Some(db) = suzgec_store::testing::postgres("two_instances").await else {
        return;
    };
    let (first, second) = tokio::join!(TestApp::start(&db, |_| {}), TestApp::start(&db, |_| {}));
    let (status, created) = submit(&first, "Ayşe", GOOD_TURKISH).await;
    assert_eq!(status, 201);
    let (_, listed) = second.get_json(&comments_path(), None).await;
    assert_eq!(listed[0]["id"], created["id"]);
    let (status, _) = submit(&second, "Ayşe", GOOD_TURKISH).await;
    assert_eq!(status, 409, "duplicates are caught across instances");

    // A moderator who logs in on one instance is logged in on the other.
    first.moderator("editor", "a long password").await;
    let (_, login) = first.page("/moderation/login").await;
    let response = first
        .client
        .post(first.url("/moderation/login"))
        .form(&[
            ("name", "editor"),
            ("password", "a long password"),
            ("csrf", &csrf_of(&login)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("suzgec_session="))
        .expect("session cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let queue = second
        .client
        .get(second.url("/moderation"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(queue.status().as_u16(), 200);
    first.stop().await;
    second.stop().await;
}

#[tokio::test]
async fn health_metrics_and_openapi_describe_the_server() {
    let db = suzgec_store::testing::sqlite();
    let app = TestApp::start(&db, |_| {}).await;
    let (status, body) = app.page("/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok\n"));
    app.post_json("/api/v1/check", None, &json!({"text": ASCII_TURKISH}))
        .await;
    submit(&app, "Ayşe", GOOD_TURKISH).await;
    let (_, metrics) = app.page("/metrics").await;
    assert!(
        metrics.contains("suzgec_verdict_reasons_total{rule=\"no_turkish_chars\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("suzgec_comments_total{status=\"approved\"} 1"));
    assert!(metrics.contains(
        "suzgec_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/check\"} 1"
    ));

    let (status, openapi) = app.get_json("/api/v1/openapi.json", None).await;
    assert_eq!(status, 200);
    assert_eq!(openapi["openapi"], "3.1.0");
    let paths = openapi["paths"].as_object().unwrap();
    for path in [
        "/moderate",
        "/check",
        "/articles",
        "/articles/{slug}",
        "/articles/{slug}/comments",
        "/comments/{id}/report",
        "/moderation/queue",
        "/moderation/comments/{id}/decision",
        "/moderation/comments/{id}/history",
        "/moderation/audit",
        "/moderation/stats",
        "/moderation/webhooks",
        "/moderation/learn",
        "/moderation/site-models",
        "/integrations/coral",
        "/v1alpha1/comments:analyze",
        "/v1alpha1/comments:suggestscore",
        "/v1/moderations",
        "/embed/threads",
    ] {
        assert!(paths.contains_key(path), "{path} is documented");
    }
    let routes = [
        include_str!("../src/api.rs"),
        include_str!("../src/integrations/mod.rs"),
    ]
    .iter()
    .map(|source| source.matches(".route(").count())
    .sum::<usize>();
    assert_eq!(
        routes,
        paths.len(),
        "every API route is documented, and only those"
    );
    let schema: Value =
        serde_json::from_str(include_str!("../../../schema/verdict.schema.json")).unwrap();
    assert_eq!(
        openapi["components"]["schemas"]["Verdict"]["required"], schema["required"],
        "the OpenAPI verdict follows schema/verdict.schema.json"
    );
    app.stop().await;
}

/// The Big List of Naughty Strings.
fn naughty_strings() -> Vec<String> {
    serde_json::from_str(include_str!("../../../data/testdata/blns/blns.json"))
        .expect("the list is a JSON array of strings")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn naughty_strings_are_stored_verbatim_and_shown_escaped() {
    let db = suzgec_store::testing::sqlite();
    let app = TestApp::start(&db, |_| {}).await;
    let strings = naughty_strings();
    assert!(strings.len() > 400, "the list is there");
    let mut stored = 0;
    for (i, text) in strings.iter().enumerate() {
        let (status, _) = app
            .post_json("/api/v1/check", None, &json!({"text": text}))
            .await;
        assert!(status == 200 || status == 422, "check {text:?}: {status}");
        let (status, created) = submit(&app, &format!("Okur {i}"), text).await;
        assert!(
            status == 201 || status == 422 || status == 409,
            "submit {text:?}: {status}"
        );
        if status == 201 {
            stored += 1;
            let store = suzgec_store::Store::connect(&app.database_url)
                .await
                .unwrap();
            let comment = store
                .comment(created["id"].as_i64().unwrap())
                .await
                .unwrap()
                .unwrap();
            assert_eq!(&comment.text, text, "stored verbatim");
        }
    }
    assert!(
        stored > 300,
        "most naughty strings are comments like any other: {stored}"
    );
    // As the author's name too, through the page form.
    let (_, page) = app.page(&format!("/articles/{DEMO_SLUG_TR}")).await;
    let csrf = csrf_of(&page);
    for text in strings.iter().filter(|t| t.contains('<')).take(40) {
        let response = app
            .client
            .post(app.url(&format!("/articles/{DEMO_SLUG_TR}/comments")))
            .form(&[
                ("author", text.as_str()),
                ("text", GOOD_TURKISH),
                ("csrf", &csrf),
            ])
            .send()
            .await
            .unwrap();
        assert!(response.status().as_u16() < 500, "{text:?}");
    }
    // Every page of the thread list, following the "older comments" links.
    let mut page = String::new();
    let mut next = Some(format!("/articles/{DEMO_SLUG_TR}"));
    while let Some(path) = next.take() {
        let (status, html) = app.page(&path).await;
        assert_eq!(status, 200);
        next = html
            .split("rel=\"next\" href=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(str::to_owned);
        page.push_str(&html);
    }
    let (_, shown) = app
        .get_json(&format!("{}?limit=200", comments_path()), None)
        .await;
    let tags: Vec<String> = shown
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["text"].as_str())
        .filter(|t| t.contains("<script") && !t.contains(['&', '"', '\'']))
        .map(str::to_owned)
        .collect();
    assert!(!tags.is_empty(), "some approved comments carry script tags");
    for text in &tags {
        let escaped = text.replace('<', "&#60;").replace('>', "&#62;");
        assert!(page.contains(&escaped), "{text:?} is shown as text");
    }
    let pages = page.matches("<html").count();
    let scripts = page.matches("<script").count();
    assert_eq!(scripts, pages, "only each page's own script tag");
    app.stop().await;
}

#[tokio::test]
async fn pages_carry_security_headers_and_refuse_forms_without_csrf() {
    let db = suzgec_store::testing::sqlite();
    let app = TestApp::start(&db, |_| {}).await;
    let response = app
        .client
        .get(app.url(&format!("/articles/{DEMO_SLUG_TR}")))
        .send()
        .await
        .unwrap();
    let headers = response.headers().clone();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    let cookie = headers["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Hakaret, küfür, rencide edici"),
        "the policy in Turkish"
    );
    assert!(!page.contains("<script>"), "no inline script");

    let form = [
        ("author", "Ali"),
        ("text", GOOD_TURKISH),
        ("csrf", "forged"),
    ];
    let response = app
        .client
        .post(app.url(&format!("/articles/{DEMO_SLUG_TR}/comments")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    let fresh = common::client();
    let response = fresh
        .post(app.url(&format!("/articles/{DEMO_SLUG_TR}/comments")))
        .form(&[
            ("author", "Ali"),
            ("text", GOOD_TURKISH),
            ("csrf", &csrf_of(&page)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        403,
        "a token without its cookie is refused"
    );
    let (_, listed) = app.get_json(&comments_path(), None).await;
    assert_eq!(listed.as_array().unwrap().len(), 0);
    app.stop().await;
}

async fn readers_post_from_the_page_and_see_why_a_comment_is_refused(db: &TestDatabase) {
    let app = TestApp::start(db, |_| {}).await;
    let path = format!("/articles/{DEMO_SLUG_TR}");
    let (_, page) = app.page(&path).await;
    let csrf = csrf_of(&page);
    let refused = app
        .client
        .post(app.url(&format!("{path}/comments")))
        .form(&[("author", "Ali"), ("text", ASCII_TURKISH), ("csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 200);
    let html = refused.text().await.unwrap();
    assert!(html.contains("outcome-rejected"));
    assert!(html.contains("Türkçe karakter"), "the rule's name");
    assert!(
        html.contains("<mark class=\"rule-no_turkish_chars\">cok</mark>"),
        "the word marked"
    );
    assert!(
        html.contains(">Düzeltmeyi uygula</button>"),
        "the fix button"
    );
    assert!(html.contains(&format!("value=\"{ASCII_TURKISH}\"")) || html.contains(ASCII_TURKISH));

    // The fix without JavaScript: the preview shows the restored text in the form.
    let fixed = "Bu uygulama çok güzel, öğrenciler için harika bir haber";
    let preview = app
        .client
        .post(app.url(&format!("{path}/preview")))
        .form(&[("author", "Ali"), ("text", fixed), ("csrf", &csrf)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(preview.contains(&format!(">{fixed}</textarea>")));
    assert!(preview.contains("Yorumunuz kurallara uygun görünüyor."));

    let posted = app
        .client
        .post(app.url(&format!("{path}/comments")))
        .form(&[("author", "Ali"), ("text", fixed), ("csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status().as_u16(), 303);
    let location = posted.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&format!("{path}?posted=")));
    let (_, after) = app.page(&location).await;
    assert!(after.contains("Yorumunuz yayımlandı"));
    assert!(after.contains(&format!("<p class=\"comment-text\">{fixed}</p>")));

    // The English article speaks English.
    let (_, english) = app.page("/articles/libraries-open-at-night").await;
    assert!(english.contains("lang=\"en\"") && english.contains("Comments that contain insults"));
    app.stop().await;
}
on_both_databases!(readers_post_from_the_page_and_see_why_a_comment_is_refused);

async fn moderators_log_in_and_decide_from_the_pages(db: &TestDatabase) {
    let app = TestApp::start(db, |_| {}).await;
    app.moderator("zeynep", "correct horse battery").await;
    let (_, created) = submit(&app, "Ayşe", GOOD_TURKISH).await;
    let id = created["id"].as_i64().unwrap();
    app.post_json(
        &format!("/api/v1/comments/{id}/report"),
        None,
        &json!({"reason": "kaba bir dil var"}),
    )
    .await;

    let (status, _) = app.page("/moderation").await;
    assert_eq!(status, 303, "the queue needs a login");
    let (_, login) = app.page("/moderation/login").await;
    let csrf = csrf_of(&login);
    let wrong = app
        .client
        .post(app.url("/moderation/login"))
        .form(&[
            ("name", "zeynep"),
            ("password", "wrong password"),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    // Only moderator and admin accounts may log in here; an unknown name fails as a wrong
    // password does.
    app.account("ali", "correct horse battery", Role::Editor)
        .await;
    for name in ["ali", "nobody"] {
        let refused = app
            .client
            .post(app.url("/moderation/login"))
            .form(&[
                ("name", name),
                ("password", "correct horse battery"),
                ("csrf", &csrf),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status().as_u16(), 401, "{name}");
    }
    let right = app
        .client
        .post(app.url("/moderation/login"))
        .form(&[
            ("name", "zeynep"),
            ("password", "correct horse battery"),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(right.status().as_u16(), 303);

    let (status, queue) = app.page("/moderation").await;
    assert_eq!(status, 200);
    assert!(queue.contains(&format!("id=\"item-{id}\"")), "{queue}");
    assert!(queue.contains("1 okur bildirimi"));
    assert!(
        queue.contains("<li>“kaba bir dil var”</li>"),
        "the reader's words"
    );
    let session_csrf = csrf_of(&queue);
    let forged = app
        .client
        .post(app.url(&format!("/moderation/comments/{id}")))
        .form(&[("action", "reject"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        forged.status().as_u16(),
        403,
        "the reader's token is not the session's"
    );
    let decided = app
        .client
        .post(app.url(&format!("/moderation/comments/{id}")))
        .form(&[
            ("action", "reject"),
            ("reason", "kişisel saldırı"),
            ("csrf", &session_csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(decided.status().as_u16(), 303);
    let (_, queue) = app.page("/moderation").await;
    assert!(!queue.contains(&format!("id=\"item-{id}\"")));
    let (_, audit) = app.page("/moderation/audit").await;
    assert!(audit.contains("zeynep") && audit.contains("kişisel saldırı"));
    assert!(
        audit.contains("Süzgeç&#x27;in kararının tersi")
            || audit.contains("Süzgeç&#39;in kararının tersi"),
        "{audit}"
    );
    let (status, stats) = app.page("/moderation/stats?lang=en").await;
    assert_eq!(status, 200);
    assert!(stats.contains("Turkish characters") || stats.contains("Capital letters"));

    let logout = app
        .client
        .post(app.url("/moderation/logout"))
        .form(&[("csrf", &session_csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status().as_u16(), 303);
    let (status, _) = app.page("/moderation").await;
    assert_eq!(status, 303, "logged out");
    app.stop().await;
}
on_both_databases!(moderators_log_in_and_decide_from_the_pages);

async fn floods_are_refused_by_address_and_by_author(db: &TestDatabase) {
    let app = TestApp::start(db, |config| config.limits.comments_per_author_per_hour = 2).await;
    for i in 0..2 {
        let (status, _) = submit(&app, "Ayşe", &format!("Güzel bir haber {i}.")).await;
        assert_eq!(status, 201);
    }
    let response = app
        .client
        .post(app.url(&comments_path()))
        .json(&json!({"author": "Ayşe", "text": "Üçüncü yorum."}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let (status, _) = submit(&app, "Mehmet", "Üçüncü yorum.").await;
    assert_eq!(status, 201, "another author may still write");
    app.stop().await;

    // The per-address count is kept in the database, so a second instance sees the first's.
    let first = TestApp::start(db, |config| config.limits.comments_per_minute = 4).await;
    let second = TestApp::start(db, |config| config.limits.comments_per_minute = 4).await;
    let (status, error) = submit(&second, "Zeynep", "Dördüncü yorum.").await;
    assert_eq!((status, error["error"]["code"].as_str()), (201, None));
    let (status, error) = submit(&first, "Kemal", "Beşinci yorum.").await;
    assert_eq!(
        (status, error["error"]["code"].as_str()),
        (429, Some("rate_limited"))
    );
    first.stop().await;
    second.stop().await;
}
on_both_databases!(floods_are_refused_by_address_and_by_author);

/// The `rel="next"` target of a `Link` header.
fn next_link(response: &reqwest::Response) -> Option<String> {
    let link = response.headers().get("link")?.to_str().ok()?;
    assert!(link.ends_with("; rel=\"next\""), "{link}");
    Some(link.split(['<', '>']).nth(1)?.to_owned())
}

async fn threads_are_paged_newest_first_with_a_stable_cursor(db: &TestDatabase) {
    let app = TestApp::start(db, |_| {}).await;
    let mut ids = Vec::new();
    for n in 0..30 {
        let (status, body) = submit(&app, "Okur", &format!("Bu haber için {n}. yorumum.")).await;
        assert_eq!(
            (status, body["status"].as_str()),
            (201, Some("approved")),
            "{body}"
        );
        ids.push(body["id"].as_i64().unwrap());
    }
    let (_, reply) = app
        .post_json(
            &comments_path(),
            None,
            &json!({"author": "Can", "text": "Katılıyorum.", "parent_id": ids[12]}),
        )
        .await;

    let mut seen = Vec::new();
    let mut next = Some(format!("{}?limit=10", comments_path()));
    let mut pages = 0;
    while let Some(path) = next.take() {
        let response = app.client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        next = next_link(&response);
        let page: Vec<Value> = response.json().await.unwrap();
        assert!(page.len() <= 10);
        for thread in &page {
            seen.push(thread["id"].as_i64().unwrap());
            if thread["id"].as_i64() == Some(ids[12]) {
                assert_eq!(thread["replies"][0]["id"], reply["id"]);
            }
        }
        pages += 1;
        if pages == 1 {
            // A comment arriving between pages does not shift the next one.
            submit(&app, "Geç", "Sonradan gelen bir yorum.").await;
        }
    }
    assert_eq!(pages, 3);
    let newest_first: Vec<i64> = ids.iter().rev().copied().collect();
    assert_eq!(seen, newest_first, "every thread once, newest first");

    // The page shows the newest 50 threads and links to older ones without JavaScript.
    for n in 0..25 {
        submit(&app, "Okur", &format!("Bir yorum daha, sıra {n}.")).await;
    }
    let (_, first) = app.page(&format!("/articles/{DEMO_SLUG_TR}")).await;
    assert_eq!(first.matches("class=\"comment\" id=\"comment-").count(), 50);
    let older = first
        .split("rel=\"next\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an older comments link")
        .to_owned();
    let (status, second) = app.page(&older).await;
    assert_eq!(status, 200);
    assert_eq!(second.matches("class=\"comment\" id=\"comment-").count(), 6);
    assert!(second.contains(&format!("id=\"comment-{}\"", ids[0])));
    assert!(!second.contains("rel=\"next\""));
    app.stop().await;
}
on_both_databases!(threads_are_paged_newest_first_with_a_stable_cursor);
