//! What every handler shares: the store, the moderators (one per policy), the server secret, rate
//! limits, metrics and the configuration.

use std::collections::BTreeMap;
use std::sync::Arc;

use suzgec_core::{Language, Moderator, Verdict};
use suzgec_store::Store;

use crate::config::Config;
use crate::error::AppError;
use crate::limits::RateLimits;
use crate::metrics::Metrics;
use crate::network::AddressList;

/// The name of the policy used when a request names none.
pub const DEFAULT_POLICY: &str = "default";

/// Shared state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// One moderator per named policy; `default` is always there.
    pub moderators: Arc<BTreeMap<String, Arc<Moderator>>>,
    /// The default policy with only its abuse rules on, for the endpoints that score abuse alone
    /// (Perspective's attributes).
    pub abuse_only: Arc<Moderator>,
    /// The secret shared by every instance on the database (CSRF tokens, client keys).
    pub secret: Arc<[u8]>,
    /// Per-address rate limits.
    pub limits: Arc<RateLimits>,
    /// Prometheus metrics.
    pub metrics: Arc<Metrics>,
    /// The proxies whose `X-Forwarded-For` is believed (`trusted_proxies`).
    pub trusted_proxies: Arc<AddressList>,
    /// The addresses that may read the metrics (`[metrics] allow_from`).
    pub metrics_readers: Arc<AddressList>,
    /// The configuration the server started with.
    pub config: Arc<Config>,
    /// The OpenAPI document served at `/api/v1/openapi.json`, with this server's policy names.
    pub openapi: Arc<str>,
    /// Learning from the moderators' decisions (`POST /api/v1/moderation/learn`), one at a time.
    pub learning: Arc<crate::site_models::Learning>,
}

/// Texts longer than this are checked on the blocking thread pool, so that one long comment does
/// not hold up the requests sharing its worker thread.
const BLOCKING_CHECK_CHARS: usize = 2_000;

impl AppState {
    /// The moderator for a policy name (`None`: the default policy).
    pub fn moderator(&self, policy: Option<&str>) -> Result<&Arc<Moderator>, AppError> {
        let name = policy.unwrap_or(DEFAULT_POLICY);
        self.moderators.get(name).ok_or_else(|| {
            AppError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "unknown_policy",
                format!(
                    "no policy named {name:?}; known: {}",
                    self.moderators
                        .keys()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
    }

    /// Checks a text under a policy and counts the verdict.
    pub async fn check(
        &self,
        text: &str,
        language: Option<&str>,
        policy: Option<&str>,
    ) -> Result<Verdict, AppError> {
        let language = language
            .filter(|l| !l.is_empty())
            .map(str::parse::<Language>)
            .transpose()?;
        let moderator = Arc::clone(self.moderator(policy)?);
        self.check_on(moderator, text, language).await
    }

    /// Checks a text under the default policy's abuse rules alone.
    pub async fn check_abuse(&self, text: &str) -> Result<Verdict, AppError> {
        self.check_on(Arc::clone(&self.abuse_only), text, None)
            .await
    }

    async fn check_on(
        &self,
        moderator: Arc<Moderator>,
        text: &str,
        language: Option<Language>,
    ) -> Result<Verdict, AppError> {
        // The abuse encoder takes tens of milliseconds of a core: never on an async worker.
        let slow =
            moderator.policy().classifier.encoder || text.chars().count() > BLOCKING_CHECK_CHARS;
        let verdict = if slow {
            let text = text.to_owned();
            tokio::task::spawn_blocking(move || {
                moderator.check(&text, language).map_err(AppError::from)
            })
            .await
            .map_err(AppError::internal)??
        } else {
            moderator.check(text, language)?
        };
        self.metrics.record_verdict(&verdict);
        Ok(verdict)
    }
}
