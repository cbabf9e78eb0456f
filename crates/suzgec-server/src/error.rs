//! One error type for every handler: a status, a stable snake_case code and a message. Client
//! errors keep their message; server errors are logged and answered with a generic one.

use axum::Json;
use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error a handler answers with.
#[derive(Debug)]
pub struct AppError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The stable error code (`{"error": {"code": …}}`).
    pub code: &'static str,
    /// What went wrong, for the client.
    pub message: String,
    /// Seconds to wait, for `429 Too Many Requests`.
    pub retry_after: Option<u64>,
}

impl AppError {
    /// A client error with a status, code and message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> AppError {
        AppError {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// `404 not_found` for a named thing.
    pub fn not_found(what: &str) -> AppError {
        AppError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} not found"),
        )
    }

    /// `401 unauthorized`.
    pub fn unauthorized(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// `403 forbidden`.
    pub fn forbidden(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// `429 rate_limited` with the seconds to wait.
    pub fn rate_limited(retry_after: u64) -> AppError {
        AppError {
            retry_after: Some(retry_after.max(1)),
            ..AppError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "too many requests; try again later",
            )
        }
    }

    /// `500 internal`: logs the cause and tells the client nothing more.
    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        tracing::error!(%cause, "internal error");
        AppError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal server error",
        )
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"code": self.code, "message": self.message}});
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<suzgec_core::Error> for AppError {
    fn from(error: suzgec_core::Error) -> AppError {
        use suzgec_core::Error as E;
        let status = match &error {
            E::EmptyText | E::TextTooLong { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            E::UnknownLanguage(_) | E::UnknownRule(_) => StatusCode::BAD_REQUEST,
            E::Policy(_)
            | E::PolicySetting(_)
            | E::RuleSettings { .. }
            | E::Lexicon(_)
            | E::Truecase(_)
            | E::SiteModel(_) => {
                return AppError::internal(error);
            }
        };
        AppError::new(status, error.code(), error.to_string())
    }
}

impl From<suzgec_store::Error> for AppError {
    fn from(error: suzgec_store::Error) -> AppError {
        use suzgec_store::{Error as E, LimitHit};
        match error {
            E::NotFound(what) => AppError::not_found(what),
            E::Conflict(message) => AppError::new(StatusCode::CONFLICT, "conflict", message),
            E::Limited(LimitHit::Client) => AppError::rate_limited(60),
            E::Limited(LimitHit::Author) => AppError::rate_limited(600),
            E::Limited(LimitHit::Duplicate) => AppError::new(
                StatusCode::CONFLICT,
                "duplicate_comment",
                "this comment was already sent",
            ),
            E::NulCharacter(_) => AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "nul_character",
                error.to_string(),
            ),
            other => AppError::internal(other),
        }
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> AppError {
        let status = rejection.status();
        let code = match status {
            StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
            _ => "invalid_json",
        };
        AppError::new(status, code, rejection.body_text())
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> AppError {
        AppError::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            rejection.body_text(),
        )
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> AppError {
        if rejection.status().is_server_error() {
            return AppError::internal(rejection.body_text());
        }
        AppError::new(
            StatusCode::BAD_REQUEST,
            "invalid_path",
            rejection.body_text(),
        )
    }
}

impl From<FormRejection> for AppError {
    fn from(rejection: FormRejection) -> AppError {
        let status = rejection.status();
        let code = match status {
            StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
            _ => "invalid_form",
        };
        AppError::new(status, code, rejection.body_text())
    }
}
