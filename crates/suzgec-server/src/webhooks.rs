//! Webhook delivery. Events wait in the store's outbox (written with the change that caused them);
//! this task sends the due ones, signed, and records every attempt. A failed attempt is retried
//! with a doubling delay (from `limits.webhook_first_retry_seconds`, at most an hour apart) until a
//! day after the event; an instance that stops mid-attempt leaves the delivery to be taken again
//! when its lease ends, so an endpoint may see an event twice (the `id` tells) but never miss one.
//!
//! Each request: `POST` with the body `{"id","type","created_at","data":{"comment","verdict",…}}`
//! and `X-Suzgec-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. A 2xx
//! answer delivers; anything else (a redirect too: none is followed) is a failure.

use std::time::Duration;

use suzgec_store::{EVENT_KINDS, PendingDelivery, Store, Subscription};
use tokio::task::JoinSet;

use crate::auth::hmac_sha256_hex;
use crate::config::{Config, WebhookSettings};
use crate::time::rfc3339;

/// How long an instance holds the deliveries it took before another may take them.
const LEASE_MS: i64 = 60_000;
/// Deliveries taken at once.
const BATCH: i64 = 16;
/// Retries stop this long after the event.
const GIVE_UP_AFTER_MS: i64 = 24 * 3_600_000;
/// The longest wait between two attempts.
const MAX_DELAY_MS: i64 = 3_600_000;

/// Why the webhooks' configuration was refused.
#[derive(Debug, thiserror::Error)]
#[error("webhook {url:?}: {message}")]
pub struct WebhookConfigError {
    url: String,
    message: String,
}

/// The subscriptions of a valid `[[webhooks]]` configuration.
pub fn subscriptions(
    webhooks: &[WebhookSettings],
) -> Result<Vec<Subscription>, WebhookConfigError> {
    let mut out: Vec<Subscription> = Vec::new();
    for hook in webhooks {
        let refuse = |message: String| WebhookConfigError {
            url: hook.url.clone(),
            message,
        };
        if !(hook.url.starts_with("https://") || hook.url.starts_with("http://")) {
            return Err(refuse("the url must start with https:// or http://".into()));
        }
        if hook.secret.len() < 16 {
            return Err(refuse("the secret must have at least 16 characters".into()));
        }
        if hook.events.is_empty() {
            return Err(refuse(format!(
                "events is empty; choose among {}",
                EVENT_KINDS.join(", ")
            )));
        }
        if let Some(unknown) = hook
            .events
            .iter()
            .find(|e| !EVENT_KINDS.contains(&e.as_str()))
        {
            return Err(refuse(format!(
                "unknown event {unknown:?}; the events are {}",
                EVENT_KINDS.join(", ")
            )));
        }
        if out.iter().any(|s| s.url == hook.url) {
            return Err(refuse("two webhooks have this url".into()));
        }
        out.push(Subscription {
            url: hook.url.clone(),
            events: hook.events.clone(),
        });
    }
    Ok(out)
}

/// The body of a delivery, the same on every attempt.
pub fn body(delivery: &PendingDelivery) -> String {
    // The kind is one of EVENT_KINDS and the data is stored JSON: no escaping is needed.
    format!(
        "{{\"id\":\"evt_{}\",\"type\":\"{}\",\"created_at\":\"{}\",\"data\":{}}}",
        delivery.event_id,
        delivery.kind,
        rfc3339(delivery.created_at),
        delivery.data
    )
}

/// The `X-Suzgec-Signature` header of a body sent at `unix_seconds`.
pub fn signature(secret: &str, unix_seconds: i64, body: &str) -> String {
    let stamp = unix_seconds.to_string();
    let mac = hmac_sha256_hex(
        secret.as_bytes(),
        &[stamp.as_bytes(), b".", body.as_bytes()],
    );
    format!("t={stamp},v1={mac}")
}

/// When to try again after `attempts` failed attempts, or `None` to give up.
pub fn retry_at(now: i64, created_at: i64, attempts: i64, first_retry_ms: i64) -> Option<i64> {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
    let delay = first_retry_ms
        .max(1)
        .saturating_mul(1_i64 << doublings)
        .min(MAX_DELAY_MS);
    let at = now.saturating_add(delay);
    (at - created_at < GIVE_UP_AFTER_MS).then_some(at)
}

/// The sender: delivers due events until `stop` changes; attempts under way are finished first.
pub async fn run(
    store: Store,
    config: std::sync::Arc<Config>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let client = match reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("suzgec-webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "webhooks: cannot build the HTTP client; nothing is sent");
            return;
        }
    };
    let first_retry_ms = i64::try_from(config.limits.webhook_first_retry_seconds)
        .unwrap_or(i64::MAX / 1000)
        .saturating_mul(1000);
    // Without endpoints there is nothing to send, only deliveries of removed endpoints to give up
    // now and then.
    let every = if config.webhooks.is_empty() {
        Duration::from_secs(30)
    } else {
        Duration::from_millis(500)
    };
    let mut tick = tokio::time::interval(every);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => return,
        }
        let now = suzgec_store::now_millis();
        let due = match store.claim_due_deliveries(now, LEASE_MS, BATCH).await {
            Ok(due) => due,
            Err(error) => {
                tracing::warn!(%error, "webhooks: cannot read the outbox");
                continue;
            }
        };
        let mut sending = JoinSet::new();
        for delivery in due {
            let Some(hook) = config.webhooks.iter().find(|h| h.url == delivery.url) else {
                // An endpoint removed from the configuration: its deliveries are given up.
                let _ = store
                    .record_delivery_attempt(delivery.id, None, Some("no longer configured"), None)
                    .await;
                continue;
            };
            let (client, store, secret) = (client.clone(), store.clone(), hook.secret.clone());
            sending.spawn(async move {
                let outcome = send(&client, &secret, &delivery).await;
                let recorded = match outcome {
                    Ok(status) => {
                        store
                            .record_delivery_attempt(delivery.id, Some(status), None, None)
                            .await
                    }
                    Err((status, error)) => {
                        let retry = retry_at(
                            suzgec_store::now_millis(),
                            delivery.created_at,
                            delivery.attempts + 1,
                            first_retry_ms,
                        );
                        tracing::warn!(url = %delivery.url, %error, retry = retry.is_some(), "webhook not delivered");
                        store
                            .record_delivery_attempt(delivery.id, status, Some(&error), retry)
                            .await
                    }
                };
                if let Err(error) = recorded {
                    tracing::warn!(%error, "webhooks: cannot record an attempt");
                }
            });
        }
        while sending.join_next().await.is_some() {}
    }
}

/// One attempt: the status of a 2xx answer, or the status (when one came) and what went wrong.
async fn send(
    client: &reqwest::Client,
    secret: &str,
    delivery: &PendingDelivery,
) -> Result<u16, (Option<u16>, String)> {
    let body = body(delivery);
    let now = suzgec_store::now_millis() / 1000;
    let response = client
        .post(&delivery.url)
        .header("content-type", "application/json")
        .header("x-suzgec-signature", signature(secret, now, &body))
        .header("x-suzgec-event", &delivery.kind)
        .header("x-suzgec-delivery", delivery.id.to_string())
        .body(body)
        .send()
        .await
        .map_err(|error| (None, error.to_string()))?;
    let status = response.status().as_u16();
    if response.status().is_success() {
        Ok(status)
    } else {
        Err((Some(status), format!("the endpoint answered {status}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_up_to_an_hour_and_stop_after_a_day() {
        let minute = 60_000;
        assert_eq!(retry_at(0, 0, 1, 30_000), Some(30_000));
        assert_eq!(retry_at(0, 0, 2, 30_000), Some(60_000));
        assert_eq!(retry_at(0, 0, 4, 30_000), Some(4 * minute));
        assert_eq!(retry_at(0, 0, 20, 30_000), Some(60 * minute));
        assert_eq!(retry_at(23 * 60 * minute, 0, 20, 30_000), None);
    }

    #[test]
    fn the_signature_covers_the_time_and_the_body() {
        let a = signature("0123456789abcdef", 1_700_000_000, "{}");
        assert!(a.starts_with("t=1700000000,v1="), "{a}");
        assert_eq!(a.len(), "t=1700000000,v1=".len() + 64);
        assert_ne!(a, signature("0123456789abcdef", 1_700_000_001, "{}"));
        assert_ne!(a, signature("0123456789abcdef", 1_700_000_000, "{ }"));
    }

    #[test]
    fn a_bad_configuration_is_refused_with_the_reason() {
        let hook = |url: &str, secret: &str, events: &[&str]| WebhookSettings {
            url: url.into(),
            secret: secret.into(),
            events: events.iter().map(|e| (*e).to_owned()).collect(),
        };
        let good = hook(
            "https://cms.example/hook",
            "0123456789abcdef",
            &["comment.created"],
        );
        assert_eq!(subscriptions(std::slice::from_ref(&good)).unwrap().len(), 1);
        for bad in [
            hook("ftp://x", "0123456789abcdef", &["comment.created"]),
            hook("https://x", "short", &["comment.created"]),
            hook("https://x", "0123456789abcdef", &[]),
            hook("https://x", "0123456789abcdef", &["comment.deleted"]),
        ] {
            assert!(subscriptions(&[bad]).is_err());
        }
        assert!(subscriptions(&[good.clone(), good]).is_err());
    }
}
