//! Süzgeç's HTTP server: the moderation gateway (`POST /api/v1/moderate`), the comment platform
//! (article pages with their comment sections, the JSON API behind them) and the moderator area.
//!
//! [`Server::bind`] builds everything from a [`Config`] and returns the bound address, so tests
//! and the `suzgec serve` command start it the same way; [`app`] is the router alone.

/// A script of `static/` as the server serves it: the verdict view it shares (`verdict_view.js`)
/// in front, both in one function scope so that neither adds a global to the page.
macro_rules! with_verdict_view {
    ($script:literal) => {
        concat!(
            "(function () {\n\"use strict\";\n",
            include_str!("../static/verdict_view.js"),
            include_str!($script),
            "})();\n"
        )
    };
}

mod api;
pub mod auth;
mod comments;
pub mod config;
mod demo;
pub mod embed;
mod error;
mod i18n;
pub mod integrations;
mod limits;
mod metrics;
mod network;
mod pages;
pub mod site_models;
mod state;
mod time;
pub mod webhooks;

use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Router, middleware};
use suzgec_core::Moderator;
use suzgec_store::Store;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::network::AddressList;

pub use api::OPENAPI;
pub use config::{
    Config, CoralSettings, EmbedSettings, Integrations, Limits, MetricsSettings, WebhookSettings,
};
pub use demo::{DEMO_SLUG_EN, DEMO_SLUG_TR};
pub use error::AppError;
pub use state::AppState;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database could not be opened or migrated.
    #[error("database {url}: {source}")]
    Open {
        /// The database's URL, its password redacted.
        url: String,
        /// Why.
        source: suzgec_store::Error,
    },
    /// The database failed a query while the server started.
    #[error(transparent)]
    Store(#[from] suzgec_store::Error),
    /// A policy file could not be read or is invalid.
    #[error("policy {name:?} ({path}): {message}")]
    Policy {
        /// The policy's name.
        name: String,
        /// Its file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The address is taken or invalid.
    #[error("cannot listen on {address}: {source}")]
    Listen {
        /// The address asked for.
        address: String,
        /// The operating system's answer.
        source: std::io::Error,
    },
    /// The server stopped on an I/O error.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
    /// Metrics could not be registered.
    #[error("metrics: {0}")]
    Metrics(#[from] prometheus::Error),
    /// A `[[webhooks]]` entry is invalid.
    #[error(transparent)]
    Webhook(#[from] webhooks::WebhookConfigError),
    /// `[embed] allowed_origins` holds something that is not an origin.
    #[error(transparent)]
    Embed(#[from] embed::EmbedConfigError),
    /// `trusted_proxies` or `[metrics] allow_from` holds something that is not an address.
    #[error(transparent)]
    Addresses(#[from] network::AddressListError),
    /// `[metrics] token` is too short to be a secret.
    #[error("[metrics] token: use at least {MIN_METRICS_TOKEN} characters")]
    MetricsToken,
}

/// The shortest `[metrics] token` accepted.
const MIN_METRICS_TOKEN: usize = 16;

/// The moderator of a configured policy, with the site model its `[site] model` names.
fn load_policy(name: &str, path: Option<&Path>) -> Result<Moderator, Error> {
    suzgec_learn::load_policy_file(path, None).map_err(|e| Error::Policy {
        name: name.to_owned(),
        path: path.map_or("built-in".into(), |p| p.display().to_string()),
        message: e.to_string(),
    })
}

/// Opens the database (migrating it), loads the policies, publishes the demo articles into an
/// empty database, and returns the state the handlers share.
pub async fn build_state(config: Config) -> Result<AppState, Error> {
    suzgec_encoder::limit_parallel_runs(config.limits.encoder_runs);
    let subscriptions = webhooks::subscriptions(&config.webhooks)?;
    embed::check_settings(&config.embed)?;
    let trusted_proxies = AddressList::parse("trusted_proxies", &config.trusted_proxies)?;
    let metrics_readers = AddressList::parse("[metrics] allow_from", &config.metrics.allow_from)?;
    if config
        .metrics
        .token
        .as_ref()
        .is_some_and(|token| token.chars().count() < MIN_METRICS_TOKEN)
    {
        return Err(Error::MetricsToken);
    }
    let store = Store::connect_with_webhooks(&config.database_url, subscriptions)
        .await
        .map_err(|source| Error::Open {
            url: suzgec_store::redact_url(&config.database_url),
            source,
        })?;
    let default = load_policy(state::DEFAULT_POLICY, config.policy_file.as_deref())?;
    let abuse_only = Moderator::new(default.policy().abuse_only())
        .map_err(|e| Error::Policy {
            name: state::DEFAULT_POLICY.to_owned(),
            path: "its abuse rules alone".into(),
            message: e.to_string(),
        })?
        .with_site_model(default.site_model());
    let mut moderators = BTreeMap::new();
    moderators.insert(state::DEFAULT_POLICY.to_owned(), Arc::new(default));
    for (name, path) in &config.policies {
        moderators.insert(name.clone(), Arc::new(load_policy(name, Some(path))?));
    }
    let secret = store
        .setting_or_insert("server_secret", &auth::new_secret())
        .await?;
    if config.demo_content {
        demo::publish_if_empty(&store).await?;
    }
    Ok(AppState {
        store,
        openapi: Arc::from(api::served_openapi(moderators.keys().map(String::as_str))),
        moderators: Arc::new(moderators),
        abuse_only: Arc::new(abuse_only),
        secret: Arc::from(secret.into_bytes()),
        limits: Arc::new(limits::RateLimits::new(&config.limits)),
        metrics: Arc::new(metrics::Metrics::new()?),
        trusted_proxies: Arc::new(trusted_proxies),
        metrics_readers: Arc::new(metrics_readers),
        config: Arc::new(config),
        learning: Arc::default(),
    })
}

/// The content security policy: scripts and styles only from this server, no inline code.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Every route of the server, with its limits, security headers, metrics and tracing.
pub fn app(state: AppState) -> Router {
    let max_body = state.config.limits.max_body_bytes;
    let pages = Router::new()
        .route("/", get(pages::article::front))
        .route("/articles/{slug}", get(pages::article::article))
        .route(
            "/articles/{slug}/comments",
            post(pages::article::post_comment),
        )
        .route("/articles/{slug}/preview", post(pages::article::preview))
        .route("/comments/{id}/report", post(pages::article::report))
        .route("/moderation", get(pages::moderation::queue))
        .route(
            "/moderation/login",
            get(pages::moderation::login_page).post(pages::moderation::login),
        )
        .route("/moderation/logout", post(pages::moderation::logout))
        .route("/moderation/comments/{id}", post(pages::moderation::decide))
        .route("/moderation/audit", get(pages::moderation::audit))
        .route("/moderation/stats", get(pages::moderation::stats))
        .route("/moderation/webhooks", get(pages::moderation::webhooks))
        .route("/moderation/site-model", get(pages::moderation::site_model))
        .route(
            "/moderation/site-model/learn",
            post(pages::moderation::learn_site_model),
        )
        .route("/static/{file}", get(static_file))
        .route("/embed.js", get(embed::script))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text));
    Router::new()
        .merge(pages)
        .nest("/api/v1", api::routes(&state.config.embed))
        .merge(integrations::routes())
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(CatchPanicLayer::custom(|_| {
            AppError::internal("a handler panicked").into_response()
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn not_found() -> AppError {
    AppError::not_found("page")
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n").into_response()
        }
    }
}

/// The metrics, for the addresses `[metrics] allow_from` lists and for the bearer of its token.
async fn metrics_text(
    State(state): State<AppState>,
    client: limits::Client,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    let token_matches = match (&state.config.metrics.token, auth::bearer_token(&headers)) {
        (Some(token), Some(given)) => auth::secrets_equal(token, given),
        _ => false,
    };
    if !token_matches && !state.metrics_readers.contains(client.ip) {
        return Err(AppError::forbidden(
            "the metrics are for the addresses in [metrics] allow_from and the bearer of its token",
        ));
    }
    Ok((
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response())
}

/// The article page's script.
const COMMENTS_SCRIPT: &str = with_verdict_view!("../static/comments.js");

/// The content type of the scripts.
const JAVASCRIPT: &str = "text/javascript; charset=utf-8";

/// The stylesheets and scripts, embedded in the binary.
async fn static_file(axum::extract::Path(file): axum::extract::Path<String>) -> Response {
    let (body, content_type) = match file.as_str() {
        "style.css" => (
            include_str!("../static/style.css"),
            "text/css; charset=utf-8",
        ),
        "comments.js" => (COMMENTS_SCRIPT, JAVASCRIPT),
        "embed.css" => (
            include_str!("../static/embed.css"),
            "text/css; charset=utf-8",
        ),
        "moderation.js" => (include_str!("../static/moderation.js"), JAVASCRIPT),
        _ => return AppError::not_found("file").into_response(),
    };
    asset(body, content_type)
}

/// A file embedded in the binary, which browsers may keep for an hour.
fn asset(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// A server bound to its address, ready to run.
pub struct Server {
    listener: TcpListener,
    state: AppState,
}

impl Server {
    /// Builds the state and binds the configured address (`127.0.0.1:0` picks a free port).
    pub async fn bind(config: Config) -> Result<Server, Error> {
        let address = config.listen.clone();
        let listener = TcpListener::bind(&address)
            .await
            .map_err(|source| Error::Listen { address, source })?;
        let state = build_state(config).await?;
        Ok(Server { listener, state })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> Result<SocketAddr, Error> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight (every accepted
    /// comment is already stored) and closes the database.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), Error> {
        let Server { listener, state } = self;
        let limits = state.limits.clone();
        let cleaner = tokio::spawn(async move {
            let mut every_minute = tokio::time::interval(Duration::from_secs(60));
            loop {
                every_minute.tick().await;
                limits.shrink();
            }
        });
        let store = state.store.clone();
        let (stop_sender, stop) = tokio::sync::watch::channel(false);
        let sender = tokio::spawn(webhooks::run(store.clone(), state.config.clone(), stop));
        let site_models = tokio::spawn(site_models::follow(state.clone()));
        let router = app(state);
        let served = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        cleaner.abort();
        site_models.abort();
        let _ = stop_sender.send(true);
        let _ = sender.await;
        store.close().await;
        served?;
        Ok(())
    }
}

/// A future that completes on Ctrl-C or SIGTERM: the signals that ask `suzgec serve` to stop.
/// The handlers are installed when this is called, so a signal that arrives before the future is
/// first polled is not lost.
pub fn shutdown_signal() -> Result<impl Future<Output = ()> + Send + 'static, Error> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {},
                _ = terminate.recv() => {},
            }
            tracing::info!("shutting down: finishing requests in flight");
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async move {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("shutting down: finishing requests in flight");
        })
    }
}
