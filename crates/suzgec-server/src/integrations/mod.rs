//! Endpoints in other services' shapes, so that what newsrooms already run points at Süzgeç by
//! changing a URL and a key: Perspective's Comment Analyzer, OpenAI's moderations, and Coral's
//! external moderation phase. Each maps the verdict onto its client's vocabulary
//! ([`scores`]); `/api/v1/moderate` stays the full contract.

mod coral;
mod openai;
mod perspective;
pub mod scores;

use axum::Router;
use axum::routing::post;

use crate::state::AppState;

/// The compatible endpoints, at the paths their clients call.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1alpha1/comments:analyze", post(perspective::analyze))
        .route(
            "/v1alpha1/comments:suggestscore",
            post(perspective::suggest_score),
        )
        .route("/v1/moderations", post(openai::moderations))
        .route("/api/v1/integrations/coral", post(coral::moderate))
}

/// The text of an HTML fragment (Coral's comment bodies, Perspective's `HTML` comments): tags
/// dropped, entities decoded.
pub fn html_to_text(html: &str) -> String {
    nanohtml2text::html2text(html)
}
