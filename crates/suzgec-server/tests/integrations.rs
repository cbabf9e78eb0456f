//! The endpoints in other services' shapes, driven as their clients drive them: Perspective's
//! requests (Coral's exact body among them), Coral's signed external moderation requests, and
//! OpenAI's moderations, by raw HTTP and by the official `openai` Python SDK.

#[macro_use]
mod common;

use common::TestApp;
use serde_json::{Value, json};
use suzgec_server::auth::hmac_sha256_hex;
use suzgec_store::testing::TestDatabase;
use suzgec_store::{Role, Store};

const SWEARING_TR: &str = "Siktir git lan, yazdığın haber de sen de rezilsiniz";
const CLEAN_TR: &str = "Haber için teşekkürler, çok faydalı bir yazı olmuş.";

/// The body Coral 9 sends to Perspective: the admin's attribute, and `en` whatever the language.
fn coral_analyze_body(text: &str) -> Value {
    json!({
        "comment": {"text": text},
        "doNotStore": true,
        "requestedAttributes": {"TOXICITY": {}},
        "languages": ["en"],
    })
}

async fn post_raw(
    app: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Value) {
    let mut request = app
        .client
        .post(app.url(path))
        .header("content-type", "application/json")
        .body(body.to_vec());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("answered");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn error_type(body: &Value) -> &str {
    body["error"]["details"][0]["errorType"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn perspective_clients_get_perspective_s_answers() {
    let db = suzgec_store::testing::sqlite();
    let app = TestApp::start(&db, |_| {}).await;
    let token = app.token(Role::Api).await;
    let analyze = format!("/v1alpha1/comments:analyze?key={token}");

    let (status, body) = app
        .post_json(&analyze, None, &coral_analyze_body(SWEARING_TR))
        .await;
    assert_eq!(status, 200, "{body}");
    let toxicity = &body["attributeScores"]["TOXICITY"];
    assert!(
        toxicity["summaryScore"]["value"].as_f64().unwrap() > 0.8,
        "{body}"
    );
    assert_eq!(toxicity["summaryScore"]["type"], "PROBABILITY");
    assert_eq!(
        body["languages"],
        json!(["tr"]),
        "Turkish sent as en is detected"
    );
    assert_eq!(body["detectedLanguages"], json!(["tr"]));

    let (status, body) = app
        .post_json(&analyze, None, &coral_analyze_body(CLEAN_TR))
        .await;
    assert_eq!(status, 200);
    assert!(
        body["attributeScores"]["TOXICITY"]["summaryScore"]["value"]
            .as_f64()
            .unwrap()
            <= 0.5
    );

    // Every attribute, a versioned name, span annotations in UTF-16 units, a bearer key.
    let text = "😀 Sen tam bir gerizekalısın";
    let request = json!({
        "comment": {"text": text},
        "requestedAttributes": {"TOXICITY@6": {}, "INSULT": {}, "PROFANITY": {},
            "SEVERE_TOXICITY": {}, "IDENTITY_ATTACK": {}, "THREAT": {}},
        "spanAnnotations": true,
        "clientToken": "comment:42",
    });
    let (status, body) = app
        .post_json("/v1alpha1/comments:analyze", Some(&token), &request)
        .await;
    assert_eq!(status, 200, "{body}");
    let scores = &body["attributeScores"];
    assert_eq!(scores.as_object().unwrap().len(), 6, "{body}");
    assert!(scores["INSULT"]["summaryScore"]["value"].as_f64().unwrap() > 0.8);
    assert!(scores["THREAT"]["summaryScore"]["value"].as_f64().unwrap() <= 0.5);
    let span = &scores["INSULT"]["spanScores"][0];
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let (begin, end) = (
        span["begin"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    let marked = String::from_utf16(&utf16[begin..end]).unwrap();
    assert!(
        marked.to_lowercase().contains("gerizekalı"),
        "{marked:?} {span}"
    );
    assert_eq!(body["clientToken"], "comment:42");

    // A threshold leaves out attributes scored below it.
    let request = json!({"comment": {"text": CLEAN_TR},
        "requestedAttributes": {"TOXICITY": {"scoreThreshold": 0.6}}});
    let (_, body) = app.post_json(&analyze, None, &request).await;
    assert_eq!(body["attributeScores"], json!({}));

    // Errors in Perspective's shape.
    let (status, body) = app
        .post_json(&analyze, None, &coral_analyze_body(" \u{200B}"))
        .await;
    assert_eq!(
        (status, error_type(&body)),
        (400, "COMMENT_EMPTY"),
        "{body}"
    );
    assert_eq!(body["error"]["status"], "INVALID_ARGUMENT");
    let long = "kelime ".repeat(3_000);
    let (status, body) = app
        .post_json(&analyze, None, &coral_analyze_body(&long))
        .await;
    assert_eq!((status, error_type(&body)), (400, "COMMENT_TOO_LONG"));
    let none = json!({"comment": {"text": CLEAN_TR}, "requestedAttributes": {}});
    let (status, body) = app.post_json(&analyze, None, &none).await;
    assert_eq!(
        (status, error_type(&body)),
        (400, "NO_REQUESTED_ATTRIBUTES")
    );
    let unknown = json!({"comment": {"text": CLEAN_TR}, "requestedAttributes": {"SPAM": {}}});
    let (status, body) = app.post_json(&analyze, None, &unknown).await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("TOXICITY")
    );
    let (status, body) = post_raw(&app, &analyze, &[], b"{not json").await;
    assert_eq!(
        (status, body["error"]["status"].as_str()),
        (400, Some("INVALID_ARGUMENT"))
    );

    // Keys: none, unknown, a role that may not.
    let (status, body) = app
        .post_json(
            "/v1alpha1/comments:analyze",
            None,
            &coral_analyze_body(CLEAN_TR),
        )
        .await;
    assert_eq!(
        (status, body["error"]["status"].as_str()),
        (401, Some("UNAUTHENTICATED"))
    );
    let (status, _) = app
        .post_json(
            "/v1alpha1/comments:analyze?key=szg_wrong",
            None,
            &coral_analyze_body(CLEAN_TR),
        )
        .await;
    assert_eq!(status, 403);
    app.stop().await;
}

async fn moderators_decisions_reported_by_suggestscore_are_kept(db: &TestDatabase) {
    let app = TestApp::start(db, |_| {}).await;
    let token = app.token(Role::Api).await;
    let path = format!("/v1alpha1/comments:suggestscore?key={token}");
    for (id, value) in [("comment:7", 1), ("comment:8", 0)] {
        let body = json!({
            "comment": {"text": format!("Yorum {id}")},
            "attributeScores": {"TOXICITY": {"summaryScore": {"value": value}}},
            "clientToken": id,
            "languages": ["en"],
        });
        let (status, answer) = app.post_json(&path, None, &body).await;
        assert_eq!((status, answer), (200, json!({"clientToken": id})));
    }
    let bad = json!({"comment": {"text": "x"}, "attributeScores": {}});
    let (status, body) = app.post_json(&path, None, &bad).await;
    assert_eq!(
        (status, error_type(&body)),
        (400, "NO_REQUESTED_ATTRIBUTES")
    );
    let store = Store::connect(&app.database_url).await.unwrap();
    let feedback = store.feedback(10).await.unwrap();
    assert_eq!(feedback.len(), 2);
    assert_eq!(
        (feedback[0].client_token.as_str(), feedback[0].approved),
        ("comment:8", true)
    );
    assert_eq!(
        (feedback[1].text.as_str(), feedback[1].approved),
        ("Yorum comment:7", false)
    );
    assert_eq!(feedback[1].actor, "test");
    app.stop().await;
}
on_both_databases!(moderators_decisions_reported_by_suggestscore_are_kept);

/// A Coral external moderation request as Coral sends it: pretty-printed JSON.
fn coral_request(body_html: &str) -> Vec<u8> {
    serde_json::to_vec_pretty(&json!({
        "action": "NEW",
        "comment": {"body": body_html, "parentID": null},
        "author": {"id": "u-1", "role": "COMMENTER"},
        "story": {"id": "s-9", "url": "https://haber.example/haber/9"},
        "site": {"id": "site-1"},
        "tenantID": "t-1",
        "tenantDomain": "haber.example",
    }))
    .unwrap()
}

fn coral_signature(secret: &str, body: &[u8]) -> String {
    format!("sha256={}", hmac_sha256_hex(secret.as_bytes(), &[body]))
}

async fn coral_s_external_moderation_phase_gets_decisions(db: &TestDatabase) {
    let app = TestApp::start(db, |config| {
        config.integrations.coral.signing_secrets = vec!["eski-sır".into(), "yeni-sır".into()];
    })
    .await;
    let path = "/api/v1/integrations/coral";
    let call = |html: &str, signature: Option<String>| {
        let body = coral_request(html);
        let signature = signature.unwrap_or_else(|| coral_signature("yeni-sır", &body));
        let app = &app;
        async move { post_raw(app, path, &[("X-Coral-Signature", &signature)], &body).await }
    };

    let (status, body) = call(&format!("<p>{CLEAN_TR}</p>"), None).await;
    assert_eq!((status, body), (200, json!({})));

    let (status, body) = call("<p>Siktir git <b>lan</b> &amp; defol</p>", None).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "REJECTED", "{body}");
    let reason = &body["moderationAction"]["rejectionReason"];
    assert_eq!(body["moderationAction"]["status"], "REJECTED");
    assert!(
        ["OFFENSIVE", "ABUSIVE"].contains(&reason["code"].as_str().unwrap()),
        "{body}"
    );
    assert!(
        reason["detailedExplanation"]
            .as_str()
            .unwrap()
            .contains("Küfür"),
        "{body}"
    );

    let (_, body) = call("<p>Göçmenler bu şehrin mikrobu, hepsi defolsun</p>", None).await;
    assert_eq!(
        body["moderationAction"]["rejectionReason"]["code"], "HATE_SPEECH",
        "{body}"
    );

    // During a rotation Coral sends one signature per secret; the old one alone still works.
    let body = coral_request(CLEAN_TR);
    let both = format!(
        "{}, {}",
        coral_signature("başka", &body),
        coral_signature("eski-sır", &body)
    );
    let (status, _) = post_raw(&app, path, &[("X-Coral-Signature", &both)], &body).await;
    assert_eq!(status, 200);
    for wrong in ["sha256=00", "", "yeni-sır"] {
        let (status, body) = call(CLEAN_TR, Some(wrong.to_owned())).await;
        assert_eq!(status, 401, "{wrong:?}: {body}");
    }

    // The audit keeps Coral's ids and the decision, not the text.
    let store = Store::connect(&app.database_url).await.unwrap();
    let checks = store.external_checks(10).await.unwrap();
    assert_eq!(checks.len(), 4);
    assert_eq!(checks[1].decision, "reject");
    assert!(checks[1].reference.contains("story=s-9"), "{:?}", checks[1]);
    assert_eq!(checks[1].text_sha256.len(), 64);
    assert!(checks.iter().all(|c| !c.reference.contains("mikrob")));
    app.stop().await;
}
on_both_databases!(coral_s_external_moderation_phase_gets_decisions);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coral_s_endpoint_is_off_without_a_secret() {
    let db = suzgec_store::testing::sqlite();
    let app = TestApp::start(&db, |_| {}).await;
    let body = coral_request(CLEAN_TR);
    let signature = coral_signature("", &body);
    let (status, _) = post_raw(
        &app,
        "/api/v1/integrations/coral",
        &[("X-Coral-Signature", &signature)],
        &body,
    )
    .await;
    assert_eq!(status, 404);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openai_style_moderation_over_http() {
    let db = suzgec_store::testing::sqlite();
    let app = TestApp::start(&db, |_| {}).await;
    let token = app.token(Role::Api).await;
    let request = json!({"model": "omni-moderation-latest", "input": [SWEARING_TR, CLEAN_TR]});
    let (status, body) = app
        .post_json("/v1/moderations", Some(&token), &request)
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["id"].as_str().unwrap().starts_with("modr-"));
    assert_eq!(body["model"], "omni-moderation-latest");
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["flagged"], true);
    assert_eq!(results[0]["categories"]["harassment"], true);
    assert_eq!(results[0]["suzgec"]["decision"], "reject");
    assert_eq!(results[1]["flagged"], false);
    assert_eq!(
        results[1]["category_applied_input_types"]["hate"],
        json!(["text"])
    );
    assert_eq!(results[1]["categories"].as_object().unwrap().len(), 13);

    let image = json!({"input": [{"type": "image_url", "image_url": {"url": "https://x/y.png"}}]});
    let (status, body) = app.post_json("/v1/moderations", Some(&token), &image).await;
    assert_eq!(
        (status, body["error"]["type"].as_str()),
        (400, Some("invalid_request_error"))
    );
    let (status, body) = app
        .post_json("/v1/moderations", Some("szg_nope"), &request)
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("invalid_api_key"))
    );
    let (status, _) = app
        .post_json("/v1/moderations", Some(&token), &json!({"input": ""}))
        .await;
    assert_eq!(status, 422);
    app.stop().await;
}

/// The Python interpreter with the `openai` package that `scripts/test.sh` prepares.
fn openai_python() -> Option<String> {
    let python = std::env::var("SUZGEC_TEST_OPENAI_PYTHON").unwrap_or_default();
    if python.is_empty() {
        suzgec_store::testing::skip(
            "openai_sdk_clients_moderate_through_suzgec",
            "SUZGEC_TEST_OPENAI_PYTHON is not set to a Python with the openai package \
             (scripts/test.sh sets it)",
        );
        return None;
    }
    Some(python)
}

const SDK_SCRIPT: &str = r#"
import json, sys
import openai
client = openai.OpenAI(base_url=sys.argv[1], api_key=sys.argv[2], max_retries=0)
answer = client.moderations.create(model="omni-moderation-latest", input=json.loads(sys.argv[3]))
try:
    openai.OpenAI(base_url=sys.argv[1], api_key="szg_wrong", max_retries=0).moderations.create(input="x")
    refused = False
except openai.AuthenticationError:
    refused = True
print(json.dumps({
    "model": answer.model,
    "flagged": [r.flagged for r in answer.results],
    "harassment": [r.categories.harassment for r in answer.results],
    "hate": [r.category_scores.hate for r in answer.results],
    "decisions": [r.to_dict()["suzgec"]["decision"] for r in answer.results],
    "wrong_key_refused": refused,
}))
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openai_sdk_clients_moderate_through_suzgec() {
    let Some(python) = openai_python() else {
        return;
    };
    let db = suzgec_store::testing::sqlite();
    let app = TestApp::start(&db, |_| {}).await;
    let token = app.token(Role::Api).await;
    let inputs = json!([
        SWEARING_TR,
        CLEAN_TR,
        "Göçmenler bu şehrin mikrobu, hepsi defolsun"
    ]);
    let output = tokio::process::Command::new(&python)
        .args([
            "-c",
            SDK_SCRIPT,
            &app.url("/v1"),
            &token,
            &inputs.to_string(),
        ])
        .output()
        .await
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: Value = serde_json::from_slice(&output.stdout).expect("the script prints JSON");
    assert_eq!(answer["model"], "omni-moderation-latest");
    assert_eq!(answer["flagged"], json!([true, false, true]));
    assert_eq!(answer["harassment"], json!([true, false, false]));
    assert!(answer["hate"][2].as_f64().unwrap() > 0.8, "{answer}");
    assert_eq!(answer["decisions"][1], "approve");
    assert_eq!(answer["wrong_key_refused"], true);
    app.stop().await;
}
