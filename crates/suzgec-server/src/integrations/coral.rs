//! Coral's external moderation phase: `POST /api/v1/integrations/coral`. Coral sends every new or
//! edited comment, signed with a secret the site shares with Süzgeç, and waits (200 ms by default)
//! for what to do with it:
//!
//! | verdict | answer |
//! | --- | --- |
//! | approve | `{}`: Coral goes on with its own phases |
//! | review | `SYSTEM_WITHHELD` with a `FLAG` action (`COMMENT_DETECTED_TOXIC`): into the queue |
//! | reject | `REJECTED`, with a rejection reason for the author: the policy's message and the fix |
//!
//! Rejection codes, from the most serious reason that rejects: attacks on groups and beliefs
//! `HATE_SPEECH`; threats to a person `HARASSMENT_BULLYING`; insults `ABUSIVE`; swearing and other
//! offensive content `OFFENSIVE`; the form rules (`spelling`, `no_turkish_chars`, `all_caps`)
//! `OTHER`. Nothing of the comment is stored but the audit's entry: the text's SHA-256, Coral's ids
//! and the decision.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use suzgec_core::{Aspect, Decision, Language, Reason, RuleId, Verdict};
use suzgec_store::NewExternalCheck;

use crate::auth::{hmac_sha256_hex, secrets_equal, sha256_hex};
use crate::error::AppError;
use crate::state::AppState;

/// The header Coral signs its requests with.
const SIGNATURE_HEADER: &str = "x-coral-signature";

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CoralComment {
    #[serde(default)]
    body: String,
}

#[derive(Debug, Default, Deserialize)]
struct Identified {
    #[serde(default)]
    id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CoralRequest {
    #[serde(default)]
    action: Option<String>,
    comment: CoralComment,
    #[serde(default)]
    author: Identified,
    #[serde(default)]
    story: Identified,
    #[serde(default)]
    site: Identified,
    #[serde(default, rename = "tenantID")]
    tenant_id: Option<String>,
}

/// Whether one of the signatures in the header is the body's HMAC under one of the secrets.
fn signed(secrets: &[String], header: &str, body: &[u8]) -> bool {
    let offered: Vec<&str> = header
        .split(',')
        .filter_map(|part| part.trim().strip_prefix("sha256="))
        .collect();
    // Every pair is compared, so the time taken does not tell which secret or signature matched.
    let mut any = false;
    for secret in secrets {
        let expected = hmac_sha256_hex(secret.as_bytes(), &[body]);
        for signature in &offered {
            any |= secrets_equal(&expected, &signature.to_ascii_lowercase());
        }
    }
    any
}

/// Coral's rejection code for a reason.
fn rejection_code(reason: &Reason) -> &'static str {
    match reason.rule {
        RuleId::BeliefAttack => "HATE_SPEECH",
        RuleId::Offensive if reason.aspects.contains(&Aspect::Group) => "HATE_SPEECH",
        RuleId::Offensive if reason.aspects.contains(&Aspect::Threat) => "HARASSMENT_BULLYING",
        RuleId::Insult => "ABUSIVE",
        RuleId::Swearing | RuleId::Offensive => "OFFENSIVE",
        RuleId::Spelling | RuleId::NoTurkishChars | RuleId::AllCaps => "OTHER",
    }
}

/// How serious a code is, to pick one for a comment with several reasons.
fn seriousness(code: &str) -> u8 {
    match code {
        "HATE_SPEECH" => 4,
        "HARASSMENT_BULLYING" => 3,
        "ABUSIVE" => 2,
        "OFFENSIVE" => 1,
        _ => 0,
    }
}

/// What to tell the author, in the comment's language: every reason's message and the fix.
fn explanation(verdict: &Verdict) -> String {
    let english = verdict.language == Language::En;
    let mut lines: Vec<&str> = verdict
        .reasons
        .iter()
        .map(|r| {
            if english {
                r.message.en.as_str()
            } else {
                r.message.tr.as_str()
            }
        })
        .collect();
    let fix;
    if let Some(suggested) = &verdict.suggested_text {
        fix = if english {
            format!("Suggested text: {suggested}")
        } else {
            format!("Önerilen metin: {suggested}")
        };
        lines.push(&fix);
    }
    lines.join("\n")
}

/// Coral's answer for a verdict.
fn answer(verdict: &Verdict) -> Value {
    match verdict.decision {
        Decision::Approve => json!({}),
        Decision::Review => json!({
            "status": "SYSTEM_WITHHELD",
            "actions": [{"actionType": "FLAG", "reason": "COMMENT_DETECTED_TOXIC"}],
        }),
        Decision::Reject => {
            let code = verdict
                .reasons
                .iter()
                .map(rejection_code)
                .max_by_key(|code| seriousness(code))
                .unwrap_or("OTHER");
            json!({
                "status": "REJECTED",
                "moderationAction": {
                    "status": "REJECTED",
                    "rejectionReason": {
                        "code": code,
                        "detailedExplanation": explanation(verdict),
                    },
                },
            })
        }
    }
}

/// `POST /api/v1/integrations/coral`.
pub async fn moderate(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Value>, AppError> {
    let Some(header) = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok()) else {
        return Err(AppError::unauthorized(
            "Coral signs its requests: X-Coral-Signature is missing",
        ));
    };
    let secrets = &state.config.integrations.coral.signing_secrets;
    if secrets.is_empty() {
        return Err(AppError::not_found(
            "the Coral integration (set [integrations.coral] signing_secrets to turn it on)",
        ));
    }
    if !signed(secrets, header, &body) {
        return Err(AppError::unauthorized(
            "X-Coral-Signature does not match the body under any configured signing secret",
        ));
    }
    let request: CoralRequest = serde_json::from_slice(&body).map_err(|error| {
        AppError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("not a Coral external moderation request: {error}"),
        )
    })?;
    let text = super::html_to_text(&request.comment.body);
    let verdict = match state.check(&text, None, None).await {
        Ok(verdict) => verdict,
        // Nothing visible to judge (an image-only comment, say): Coral's other phases decide.
        Err(error) if error.code == "empty_text" => return Ok(Json(json!({}))),
        Err(error) => return Err(error),
    };
    let id = |part: &Identified| part.id.clone().unwrap_or_default();
    let reference = format!(
        "tenant={} site={} story={} author={} action={}",
        request.tenant_id.unwrap_or_default(),
        id(&request.site),
        id(&request.story),
        id(&request.author),
        request.action.unwrap_or_default(),
    );
    let rules: Vec<&str> = verdict.reasons.iter().map(|r| r.rule.as_str()).collect();
    state
        .store
        .log_external_check(&NewExternalCheck {
            source: "coral".into(),
            reference: reference.chars().take(500).collect(),
            text_sha256: sha256_hex(text.as_bytes()),
            decision: verdict.decision.as_str().into(),
            rules: rules.join(","),
        })
        .await?;
    Ok(Json(answer(&verdict)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_configured_secret_and_any_offered_signature_may_match() {
        let body = br#"{"comment":{"body":"Merhaba"}}"#;
        let secrets = vec!["old".to_owned(), "new".to_owned()];
        let good = hmac_sha256_hex(b"new", &[body]);
        assert!(signed(&secrets, &format!("sha256={good}"), body));
        assert!(signed(
            &secrets,
            &format!("sha256=deadbeef, sha256={}", good.to_uppercase()),
            body
        ));
        assert!(!signed(&secrets, &format!("sha256={good}"), b"{}"));
        assert!(
            !signed(&secrets, &good, body),
            "the sha256= prefix is required"
        );
        assert!(!signed(&secrets, "", body));
        assert!(!signed(&[], &format!("sha256={good}"), body));
    }

    #[test]
    fn each_decision_has_coral_s_answer() {
        let moderator = suzgec_core::Moderator::new(suzgec_core::Policy::default()).unwrap();
        let check = |text: &str| answer(&moderator.check(text, None).unwrap());
        assert_eq!(
            check("Haber için teşekkürler, çok faydalı oldu."),
            json!({})
        );
        let hate = check("Göçmenler bu şehrin mikrobu, hepsi defolsun");
        assert_eq!(hate["status"], "REJECTED");
        assert_eq!(
            hate["moderationAction"]["rejectionReason"]["code"],
            "HATE_SPEECH"
        );
        let caps = check("BU HABER COK GUZEL OLMUS TESEKKURLER");
        let reason = &caps["moderationAction"]["rejectionReason"];
        assert_eq!(reason["code"], "OTHER");
        let explained = reason["detailedExplanation"].as_str().unwrap();
        assert!(explained.contains("Önerilen metin: "), "{explained}");
    }
}
