//! The server's settings: read by the binary from a TOML file, `SUZGEC_*` environment variables and
//! command-line flags, in that order of precedence (flags win).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Everything `suzgec serve` can be told.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address and port to listen on.
    pub listen: String,
    /// `sqlite://FILE` (created on first start) or `postgres://…`.
    pub database_url: String,
    /// The policy file used when a request names none; the built-in policy when unset.
    pub policy_file: Option<PathBuf>,
    /// Further policies a request may name in its `policy` field, by name.
    pub policies: BTreeMap<String, PathBuf>,
    /// Publish the demo article when the database has no article.
    pub demo_content: bool,
    /// The proxies in front of the server (addresses or CIDR ranges): from them, the client's
    /// address is read from `X-Forwarded-For`, right to left past these proxies. Empty (the
    /// default): the header is ignored.
    pub trusted_proxies: Vec<String>,
    /// Mark cookies `Secure` (set it when the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Offset from UTC of the times shown on pages, in minutes (Turkey: 180).
    pub display_utc_offset_minutes: i32,
    /// Rate and size limits.
    pub limits: Limits,
    /// Other platforms' integrations.
    pub integrations: Integrations,
    /// Endpoints told about comments as they happen (`[[webhooks]]`).
    pub webhooks: Vec<WebhookSettings>,
    /// Comment threads shown in other sites' pages by `embed.js`.
    pub embed: EmbedSettings,
    /// Who may read `/metrics`.
    pub metrics: MetricsSettings,
}

/// Who may read the Prometheus metrics (`GET /metrics`): the listed addresses, and anyone with
/// the token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsSettings {
    /// Client addresses or CIDR ranges that may read them without a token; the loopback
    /// addresses by default.
    pub allow_from: Vec<String>,
    /// A token that lets any address read them (`Authorization: Bearer …`, at least 16
    /// characters); none by default.
    pub token: Option<String>,
}

impl Default for MetricsSettings {
    fn default() -> Self {
        MetricsSettings {
            allow_from: vec!["127.0.0.1".into(), "::1".into()],
            token: None,
        }
    }
}

/// Comment threads shown in other sites' pages (`<script src="…/embed.js">`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmbedSettings {
    /// The sites (`https://haber.example`, scheme, host and port) whose pages may show threads and
    /// whose readers' browsers may call the comment API; none by default.
    pub allowed_origins: Vec<String>,
}

/// An endpoint that receives events about comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// Where to `POST` them (`https://…`); no redirect is followed.
    pub url: String,
    /// The key of the `X-Suzgec-Signature` HMAC (at least 16 characters).
    pub secret: String,
    /// Which events: `comment.created`, `comment.approved`, `comment.rejected`,
    /// `comment.reported`, `comment.decided`.
    pub events: Vec<String>,
}

/// Settings of the endpoints that other platforms call.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Integrations {
    /// Coral's external moderation phase (`POST /api/v1/integrations/coral`).
    pub coral: CoralSettings,
}

/// Coral's external moderation phase.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CoralSettings {
    /// The secrets Coral signs its requests with (`X-Coral-Signature`); more than one while a
    /// secret is rotated. The endpoint is off while this is empty.
    pub signing_secrets: Vec<String>,
}

/// Rate and size limits. Per-address limits are kept by each instance; per-author and flood limits
/// are counted in the database, so every instance enforces them together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// Live checks (`POST /api/v1/check`) per client address per minute.
    pub checks_per_minute: u32,
    /// Comments per client address per minute.
    pub comments_per_minute: u32,
    /// Comments under one author name per hour.
    pub comments_per_author_per_hour: u32,
    /// Reports per client address per hour.
    pub reports_per_hour: u32,
    /// Login attempts per client address per minute.
    pub logins_per_minute: u32,
    /// The same text from the same author under the same article within this many seconds is a
    /// duplicate.
    pub duplicate_window_seconds: u32,
    /// Abuse-encoder runs at once (the policy's `[classifier]` second opinion, tens of
    /// milliseconds of a core each). A comment that finds them all busy is judged without it,
    /// so a burst cannot queue up behind the encoder. Default: half the cores, at least one.
    pub encoder_runs: usize,
    /// Seconds before a failed webhook delivery is first retried; each retry waits twice as long
    /// as the one before, at most an hour, for a day.
    pub webhook_first_retry_seconds: u64,
    /// Seconds between two looks at the site model in force in the database (`suzgec learn
    /// --database-url`): how soon every instance picks up a newly learnt one.
    pub site_model_poll_seconds: u64,
}

/// What a secret is shown as.
const REDACTED: &str = "<redacted>";

impl Config {
    /// The configuration as it may be shown (`suzgec serve --print-config`): signing secrets,
    /// webhook secrets and the metrics token replaced by `<redacted>`, the database password by `***`.
    pub fn redacted(&self) -> Config {
        let mut shown = self.clone();
        for secret in &mut shown.integrations.coral.signing_secrets {
            *secret = REDACTED.into();
        }
        for hook in &mut shown.webhooks {
            hook.secret = REDACTED.into();
        }
        if let Some(token) = &mut shown.metrics.token {
            *token = REDACTED.into();
        }
        shown.database_url = suzgec_store::redact_url(&self.database_url);
        shown
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:8080".into(),
            database_url: "sqlite://suzgec.db".into(),
            policy_file: None,
            policies: BTreeMap::new(),
            demo_content: true,
            trusted_proxies: Vec::new(),
            secure_cookies: false,
            display_utc_offset_minutes: 180,
            limits: Limits::default(),
            integrations: Integrations::default(),
            webhooks: Vec::new(),
            embed: EmbedSettings::default(),
            metrics: MetricsSettings::default(),
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 128 * 1024,
            checks_per_minute: 120,
            comments_per_minute: 10,
            comments_per_author_per_hour: 60,
            reports_per_hour: 30,
            logins_per_minute: 10,
            duplicate_window_seconds: 600,
            encoder_runs: std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1)),
            webhook_first_retry_seconds: 30,
            site_model_poll_seconds: 10,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_configurations_keep_no_secret() {
        let config = Config {
            database_url: "postgres://suzgec:pa:ss@db.example:5432/suzgec?sslmode=require".into(),
            integrations: Integrations {
                coral: CoralSettings {
                    signing_secrets: vec!["coral-secret".into()],
                },
            },
            webhooks: vec![WebhookSettings {
                url: "https://cms.example/hook".into(),
                secret: "webhook-secret-123".into(),
                events: vec!["comment.created".into()],
            }],
            ..Config::default()
        };
        let shown = config.redacted();
        let text = format!("{shown:?}");
        for secret in ["coral-secret", "webhook-secret-123", "pa:ss", "ss@"] {
            assert!(!text.contains(secret), "{secret} shown: {text}");
        }
        assert_eq!(
            shown.database_url,
            "postgres://suzgec:***@db.example:5432/suzgec?sslmode=require"
        );
        assert_eq!(shown.webhooks[0].url, "https://cms.example/hook");
        assert_eq!(
            suzgec_store::redact_url("sqlite://suzgec.db"),
            "sqlite://suzgec.db"
        );
        assert_eq!(
            suzgec_store::redact_url("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
    }
}
