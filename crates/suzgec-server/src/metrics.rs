//! Prometheus metrics: requests, latency, verdicts by decision and by rule, comments by status.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry, TextEncoder,
};
use suzgec_core::Verdict;

use crate::state::AppState;

/// The server's metrics, registered in a registry of their own.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    verdicts: IntCounterVec,
    reasons: IntCounterVec,
    comments: IntCounterVec,
}

impl Metrics {
    /// Creates and registers every metric.
    pub fn new() -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "suzgec_http_requests_total",
                "HTTP requests by route and status",
            ),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "suzgec_http_request_duration_seconds",
                "Time to answer an HTTP request, by route",
            )
            .buckets(vec![
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            ]),
            &["method", "route"],
        )?;
        let verdicts = IntCounterVec::new(
            Opts::new("suzgec_verdicts_total", "Verdicts given, by decision"),
            &["decision"],
        )?;
        let reasons = IntCounterVec::new(
            Opts::new(
                "suzgec_verdict_reasons_total",
                "Reasons given in verdicts, by rule",
            ),
            &["rule"],
        )?;
        let comments = IntCounterVec::new(
            Opts::new(
                "suzgec_comments_total",
                "Comments stored, by status on arrival",
            ),
            &["status"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(verdicts.clone()))?;
        registry.register(Box::new(reasons.clone()))?;
        registry.register(Box::new(comments.clone()))?;
        Ok(Metrics {
            registry,
            requests,
            latency,
            verdicts,
            reasons,
            comments,
        })
    }

    /// Counts a verdict and its reasons.
    pub fn record_verdict(&self, verdict: &Verdict) {
        self.verdicts
            .with_label_values(&[verdict.decision.as_str()])
            .inc();
        for reason in &verdict.reasons {
            self.reasons
                .with_label_values(&[reason.rule.as_str()])
                .inc();
        }
    }

    /// Counts a stored comment by its status on arrival.
    pub fn record_comment(&self, status: suzgec_store::Status) {
        self.comments.with_label_values(&[status.as_str()]).inc();
    }

    /// The metrics in Prometheus' text format.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        if let Err(error) = TextEncoder::new().encode(&self.registry.gather(), &mut out) {
            tracing::error!(%error, "encoding metrics");
        }
        String::from_utf8(out).unwrap_or_default()
    }
}

/// A request method as a label: the standard ones by name, anything else as `other`, so a client
/// that makes methods up cannot add labels.
fn method_label(method: &Method) -> &'static str {
    const KNOWN: [(Method, &str); 7] = [
        (Method::GET, "GET"),
        (Method::HEAD, "HEAD"),
        (Method::POST, "POST"),
        (Method::PUT, "PUT"),
        (Method::PATCH, "PATCH"),
        (Method::DELETE, "DELETE"),
        (Method::OPTIONS, "OPTIONS"),
    ];
    KNOWN
        .iter()
        .find(|(known, _)| known == method)
        .map_or("other", |(_, label)| label)
}

/// Middleware: counts each request and times it, labelled by its route pattern (never by the raw
/// path, which would make a label per article) or `unmatched`, and by [`method_label`].
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let response = next.run(request).await;
    let metrics = &state.metrics;
    metrics
        .latency
        .with_label_values(&[method, &route])
        .observe(start.elapsed().as_secs_f64());
    metrics
        .requests
        .with_label_values(&[method, &route, response.status().as_str()])
        .inc();
    response
}
