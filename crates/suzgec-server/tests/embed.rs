//! Threads embedded in other sites' pages, over HTTP as a browser on the embedding site sends it:
//! CORS preflights, the thread endpoint's origin checks, and the comment API from that origin.
//! The script itself runs in headless Chromium in `browser.rs`.

#[macro_use]
mod common;

use common::TestApp;
use reqwest::Method;
use serde_json::{Value, json};
use suzgec_store::testing::TestDatabase;

const SITE: &str = "https://haber.example";
const PAGE: &str = "https://haber.example/gundem/sehir-hastanesi-acildi";

fn allow_site(config: &mut suzgec_server::Config) {
    config.embed.allowed_origins = vec![SITE.into(), "http://127.0.0.1:9".into()];
}

/// POSTs JSON with an `Origin` header and returns the status, the CORS header and the answer.
async fn post_from(
    app: &TestApp,
    origin: Option<&str>,
    path: &str,
    body: &Value,
) -> (u16, Option<String>, Value) {
    let mut request = app.client.post(app.url(path)).json(body);
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    let response = request.send().await.expect("answered");
    let allowed = response
        .headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_owned());
    let status = response.status().as_u16();
    (
        status,
        allowed,
        response.json().await.unwrap_or(Value::Null),
    )
}

/// A CORS preflight as a browser sends it before a JSON `POST`.
async fn preflight(app: &TestApp, origin: &str, path: &str, headers: &str) -> reqwest::Response {
    app.client
        .request(Method::OPTIONS, app.url(path))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", headers)
        .send()
        .await
        .expect("answered")
}

async fn pages_of_allowed_sites_get_a_thread_and_the_comment_api(db: &TestDatabase) {
    let app = TestApp::start(db, allow_site).await;

    // Preflights: the allowed site may post JSON to the reader routes; nobody else may, and no
    // origin may send a token from a reader's browser.
    for path in [
        "/api/v1/embed/threads",
        "/api/v1/check",
        "/api/v1/comments/1/report",
    ] {
        let answer = preflight(&app, SITE, path, "content-type").await;
        assert!(answer.status().is_success(), "{path}: {}", answer.status());
        let headers = answer.headers();
        assert_eq!(headers["access-control-allow-origin"], SITE, "{path}");
        let methods = headers["access-control-allow-methods"].to_str().unwrap();
        assert!(methods.contains("POST"), "{methods}");
        let evil = preflight(&app, "https://kotu.example", path, "content-type").await;
        assert!(
            evil.headers().get("access-control-allow-origin").is_none(),
            "{path}"
        );
    }
    let with_token = preflight(&app, SITE, "/api/v1/check", "authorization,content-type").await;
    let allowed_headers = with_token
        .headers()
        .get("access-control-allow-headers")
        .map(|v| v.to_str().unwrap().to_lowercase())
        .unwrap_or_default();
    assert!(
        !allowed_headers.contains("authorization"),
        "{allowed_headers}"
    );
    let moderation = preflight(
        &app,
        SITE,
        "/api/v1/moderation/comments/1/decision",
        "content-type",
    )
    .await;
    assert!(
        moderation
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );

    // The thread: created on the first load, the same one afterwards, keyed by the canonical URL.
    let page = json!({"url": format!("{PAGE}#yorumlar"), "title": "Şehir hastanesi açıldı", "language": "tr-TR"});
    let (status, cors, thread) = post_from(&app, Some(SITE), "/api/v1/embed/threads", &page).await;
    assert_eq!(status, 200, "{thread}");
    assert_eq!(cors.as_deref(), Some(SITE));
    assert_eq!(thread["article"]["canonical_url"], PAGE);
    assert_eq!(thread["article"]["title"], "Şehir hastanesi açıldı");
    assert_eq!(thread["article"]["language"], "tr");
    assert_eq!(thread["words"]["send"], "Gönder");
    assert_eq!(
        thread["words"]["rules"]["no_turkish_chars"]
            .as_str()
            .map(|s| !s.is_empty()),
        Some(true)
    );
    let comments_url = thread["comments_url"].as_str().unwrap().to_owned();
    let (_, _, again) = post_from(
        &app,
        Some(SITE),
        "/api/v1/embed/threads",
        &json!({"url": PAGE, "title": "Başka başlık"}),
    )
    .await;
    assert_eq!(again["article"]["slug"], thread["article"]["slug"]);
    assert_eq!(
        again["article"]["title"], "Şehir hastanesi açıldı",
        "the first load names it"
    );
    let (_, _, english) = post_from(
        &app,
        Some(SITE),
        "/api/v1/embed/threads",
        &json!({"url": "https://haber.example/en/city-hospital", "title": "", "language": "en-GB"}),
    )
    .await;
    assert_eq!(english["article"]["language"], "en");
    assert_eq!(
        english["article"]["title"],
        "https://haber.example/en/city-hospital"
    );
    assert_eq!(english["words"]["send"], "Send");

    // Refusals: no Origin (a server, curl), another origin, a page elsewhere, a bad URL.
    for (origin, url, status, code) in [
        (None, PAGE, 403, "embed_origin_not_allowed"),
        (
            Some("https://kotu.example"),
            PAGE,
            403,
            "embed_origin_not_allowed",
        ),
        (
            Some(SITE),
            "https://kotu.example/haber/1",
            403,
            "embed_origin_not_allowed",
        ),
        (
            Some(SITE),
            "javascript:alert(document.cookie)",
            422,
            "invalid_url",
        ),
        (Some(SITE), "/gundem/1", 422, "invalid_url"),
    ] {
        let (got, cors, answer) =
            post_from(&app, origin, "/api/v1/embed/threads", &json!({"url": url})).await;
        assert_eq!(
            (got, answer["error"]["code"].as_str()),
            (status, Some(code)),
            "{origin:?} {url}"
        );
        if origin == Some("https://kotu.example") {
            assert_eq!(cors, None);
        }
    }
    let (status, _, answer) = post_from(
        &app,
        Some(SITE),
        "/api/v1/embed/threads",
        &json!({"url": PAGE, "extra": 1}),
    )
    .await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (422, Some("invalid_json"))
    );

    // The comment API from the embedding site: a comment, its listing, a report.
    let (status, cors, created) = post_from(
        &app,
        Some(SITE),
        &comments_url,
        &json!({"author": "Okur", "text": "Hastanenin açılması ilçe için çok iyi oldu."}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(cors.as_deref(), Some(SITE));
    assert_eq!(created["status"], "approved");
    let listing = app
        .client
        .get(app.url(&comments_url))
        .header("origin", SITE)
        .send()
        .await
        .unwrap();
    assert_eq!(listing.headers()["access-control-allow-origin"], SITE);
    let exposed = listing.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(exposed.contains("link"), "{exposed}");
    let comments: Value = listing.json().await.unwrap();
    assert_eq!(
        comments[0]["text"],
        "Hastanenin açılması ilçe için çok iyi oldu."
    );
    let id = created["id"].as_i64().unwrap();
    let (status, cors, _) = post_from(
        &app,
        Some(SITE),
        &format!("/api/v1/comments/{id}/report"),
        &json!({}),
    )
    .await;
    assert_eq!((status, cors.as_deref()), (202, Some(SITE)));

    // The script and its stylesheet are served for other origins' pages.
    let script = app.client.get(app.url("/embed.js")).send().await.unwrap();
    assert_eq!(script.status(), 200);
    assert!(
        script.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    let body = script.text().await.unwrap();
    assert!(body.contains("function showVerdict") && body.contains("data-suzgec-thread"));
    let (status, css) = app.page("/static/embed.css").await;
    assert_eq!(status, 200);
    assert!(css.contains(".suzgec-thread"));
    app.stop().await;
}
on_both_databases!(pages_of_allowed_sites_get_a_thread_and_the_comment_api);

#[tokio::test]
async fn without_allowed_origins_no_site_may_embed() {
    let db = suzgec_store::testing::sqlite();
    let app = TestApp::start(&db, |_| {}).await;
    let answer = preflight(&app, SITE, "/api/v1/embed/threads", "content-type").await;
    assert!(
        answer
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    let (status, _, answer) = post_from(
        &app,
        Some(SITE),
        "/api/v1/embed/threads",
        &json!({"url": PAGE}),
    )
    .await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (403, Some("embed_origin_not_allowed"))
    );
    app.stop().await;
}

#[tokio::test]
async fn an_allowed_origin_that_is_not_an_origin_stops_the_start() {
    let db = suzgec_store::testing::sqlite();
    let config = suzgec_server::Config {
        listen: "127.0.0.1:0".into(),
        database_url: db.url.clone(),
        embed: suzgec_server::EmbedSettings {
            allowed_origins: vec!["https://haber.example/".into()],
        },
        ..suzgec_server::Config::default()
    };
    let error = suzgec_server::Server::bind(config)
        .await
        .err()
        .expect("refused");
    let message = error.to_string();
    assert!(
        message.contains("must be written as \"https://haber.example\""),
        "{message}"
    );
}
