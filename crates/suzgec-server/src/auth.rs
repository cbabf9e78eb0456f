//! Secrets: API tokens, passwords, session cookies, CSRF tokens and the keyed hash that stands in
//! for a client's address. Only hashes of tokens and passwords are stored.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use suzgec_store::Role;

use crate::error::AppError;
use crate::state::AppState;

/// The cookie that carries a moderator's session.
pub const SESSION_COOKIE: &str = "suzgec_session";
/// The cookie that anonymous forms' CSRF tokens are bound to.
pub const CSRF_COOKIE: &str = "suzgec_csrf";
/// How long a moderator session lasts.
pub const SESSION_HOURS: i64 = 12;

/// A new random secret, URL-safe, 256 bits.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A new API token as shown to its owner once (`szg_…`).
pub fn new_api_token() -> String {
    format!("szg_{}", new_secret())
}

/// The stored form of a token or session cookie: its SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// SHA-256, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The argon2id hash of a password (PHC string).
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(AppError::internal)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(AppError::internal)
}

/// Whether a password matches a stored hash.
fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// The hash an unknown login name is checked against: a password no one knows, hashed once.
static UNKNOWN_USER_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password(&new_secret()).unwrap_or_default());

/// Whether a login's password matches the account's stored hash; for an unknown name (`None`) it
/// checks a stand-in hash and says no, so that the time taken does not tell which names exist.
pub fn verify_login(password: &str, stored: Option<&str>) -> bool {
    match stored {
        Some(stored) => verify_password(password, stored),
        None => {
            verify_password(password, &UNKNOWN_USER_HASH);
            false
        }
    }
}

/// A keyed hash, URL-safe: CSRF tokens and client keys are made with the server's secret, which
/// every instance on the database shares.
pub fn keyed_hash(secret: &[u8], purpose: &str, value: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        unreachable!("HMAC takes keys of any length");
    };
    mac.update(purpose.as_bytes());
    mac.update(&[0]);
    mac.update(value.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// HMAC-SHA256 of the concatenated parts under a secret, lower-case hex: the signatures of
/// Coral's requests and of Süzgeç's webhooks.
pub fn hmac_sha256_hex(secret: &[u8], parts: &[&[u8]]) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        unreachable!("HMAC takes keys of any length");
    };
    for part in parts {
        mac.update(part);
    }
    hex::encode(mac.finalize().into_bytes())
}

/// Compares two secrets in constant time.
pub fn secrets_equal(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// A caller of the JSON API, authenticated by `Authorization: Bearer TOKEN`.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    /// The token's name.
    pub name: String,
    /// What the token may do.
    pub role: Role,
}

impl ApiCaller {
    /// Refuses the call unless the token's role allows `needed`.
    pub fn require(&self, needed: Role) -> Result<(), AppError> {
        if self.role.allows(needed) {
            Ok(())
        } else {
            Err(AppError::forbidden(format!(
                "this token's role ({}) may not do this; it needs {}",
                self.role.as_str(),
                needed.as_str()
            )))
        }
    }

    /// The caller a token names, `None` when no token has this value.
    pub async fn from_token(state: &AppState, token: &str) -> Result<Option<ApiCaller>, AppError> {
        let found = state.store.token(&token_hash(token)).await?;
        Ok(found.map(|token| ApiCaller {
            name: token.name,
            role: token.role,
        }))
    }
}

/// The token of an `Authorization: Bearer TOKEN` header, when it has that form.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|token| !token.is_empty())
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if !parts.headers.contains_key(header::AUTHORIZATION) {
            return Err(AppError::unauthorized(
                "an API token is needed: Authorization: Bearer TOKEN",
            ));
        }
        let token = bearer_token(&parts.headers).ok_or_else(|| {
            AppError::unauthorized("the Authorization header must be: Bearer TOKEN")
        })?;
        ApiCaller::from_token(state, token)
            .await?
            .ok_or_else(|| AppError::unauthorized("unknown API token"))
    }
}
