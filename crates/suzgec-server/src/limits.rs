//! Per-address rate limits (token buckets, kept by each instance) and the client key that stands
//! in for an address in the database.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::auth::keyed_hash;
use crate::config::Limits;
use crate::error::AppError;
use crate::network;
use crate::state::AppState;

/// What a client is limited in.
#[derive(Debug, Clone, Copy)]
pub enum Action {
    /// A live check from the comment form.
    Check,
    /// A comment.
    Comment,
    /// A reader's report.
    Report,
    /// A login attempt.
    Login,
}

/// The token buckets, one per action, keyed by client address.
pub struct RateLimits {
    check: DefaultKeyedRateLimiter<IpAddr>,
    comment: DefaultKeyedRateLimiter<IpAddr>,
    report: DefaultKeyedRateLimiter<IpAddr>,
    login: DefaultKeyedRateLimiter<IpAddr>,
}

fn quota(per_period: u32, period: Duration) -> Quota {
    let n = NonZeroU32::new(per_period.max(1)).unwrap_or(NonZeroU32::MIN);
    let Some(quota) = Quota::with_period(period / n.get()) else {
        return Quota::per_second(n);
    };
    quota.allow_burst(n)
}

impl RateLimits {
    /// Buckets sized from the configuration.
    pub fn new(limits: &Limits) -> RateLimits {
        let minute = Duration::from_secs(60);
        RateLimits {
            check: RateLimiter::keyed(quota(limits.checks_per_minute, minute)),
            comment: RateLimiter::keyed(quota(limits.comments_per_minute, minute)),
            report: RateLimiter::keyed(quota(limits.reports_per_hour, minute * 60)),
            login: RateLimiter::keyed(quota(limits.logins_per_minute, minute)),
        }
    }

    /// Takes one token for `action` from the client's bucket, or says how long to wait.
    pub fn take(&self, action: Action, client: IpAddr) -> Result<(), AppError> {
        let limiter = match action {
            Action::Check => &self.check,
            Action::Comment => &self.comment,
            Action::Report => &self.report,
            Action::Login => &self.login,
        };
        limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            AppError::rate_limited(wait.as_secs_f64().ceil() as u64)
        })
    }

    /// Forgets buckets that are full again, so memory does not grow with every address seen.
    pub fn shrink(&self) {
        self.check.retain_recent();
        self.comment.retain_recent();
        self.report.retain_recent();
        self.login.retain_recent();
    }
}

/// The client of a request: its address (from the connection, or from `X-Forwarded-For` when the
/// connection comes from one of the `trusted_proxies`) and the keyed hash of it that the database
/// stores.
#[derive(Debug, Clone)]
pub struct Client {
    /// The address.
    pub ip: IpAddr,
    /// The keyed hash of the address.
    pub key: String,
}

impl FromRequestParts<AppState> for Client {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED), |info| {
                info.0.ip()
            });
        let forwarded_for = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok());
        let ip = network::client_address(peer, forwarded_for, &state.trusted_proxies);
        Ok(Client {
            ip,
            key: keyed_hash(&state.secret, "client", &ip.to_string()),
        })
    }
}
