//! Site models in the database: learning one from the moderators' decisions (`POST
//! /api/v1/moderation/learn`, the same learning as `suzgec learn --database-url`), and following the
//! one in force: every instance on the database polls its version and puts a new one in force on
//! the default policy, without a restart. With none in force there, the policy file's `[site]
//! model` (if any) applies.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use suzgec_core::Moderator;
use suzgec_core::site::SiteModel;
use suzgec_learn::{Decision, LearnOptions};
use suzgec_store::{NewSiteModel, Role, Store};

use crate::auth::ApiCaller;
use crate::error::AppError;
use crate::state::AppState;

/// Whether this instance is learning, and how its last learning ended.
#[derive(Debug, Default)]
pub struct Learning {
    running: AtomicBool,
    last: Mutex<Option<String>>,
}

/// The decisions stored in the database, ready to learn from.
pub async fn decisions(store: &Store) -> Result<Vec<Decision>, suzgec_store::Error> {
    Ok(store
        .moderator_decisions()
        .await?
        .into_iter()
        .map(|d| Decision::at_millis(d.text, d.refused, d.decided_at))
        .collect())
}

/// A learnt model as the database stores it.
pub fn to_store(model: &SiteModel, activate: bool) -> NewSiteModel {
    NewSiteModel {
        version: model.info().version.clone(),
        // Plain data with string keys: serialising cannot fail.
        info: serde_json::to_string(model.info()).unwrap_or_default(),
        model: model.encode(),
        activate,
    }
}

/// Options of `POST /api/v1/moderation/learn`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearnRequest {
    /// Put the model in force even when it does not agree better with the held-out decisions.
    #[serde(default)]
    force: bool,
}

/// What `GET /api/v1/moderation/site-models` answers.
#[derive(Debug, Serialize)]
pub struct SiteModels {
    /// Whether this instance is learning now.
    learning: bool,
    /// How this instance's last learning ended.
    last_learning: Option<String>,
    /// The version in force, if any.
    in_force: Option<String>,
    /// Every stored version, newest first, with what it was learnt from (JSON).
    versions: Vec<serde_json::Value>,
}

/// `POST /api/v1/moderation/learn`: learns from the decisions in the database in the background
/// (202); the model is stored, and put in force when it agrees better (or `force`).
pub async fn learn(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<serde_json::Value>), AppError> {
    caller.require(Role::Moderator)?;
    // The body is optional: none, or `{"force": true}`.
    let force = if body.trim_ascii().is_empty() {
        false
    } else {
        serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&body)
            .and_then(|fields| serde_json::from_value::<LearnRequest>(fields.into()))
            .map_err(|error| {
                let status = if error.is_data() {
                    StatusCode::UNPROCESSABLE_ENTITY
                } else {
                    StatusCode::BAD_REQUEST
                };
                AppError::new(status, "invalid_json", error.to_string())
            })?
            .force
    };
    start_learning(&state, force, caller.name)?;
    Ok((
        StatusCode::ACCEPTED,
        Json(serde_json::json!({ "learning": true })),
    ))
}

/// Starts learning in the background for `by` (a token or a moderator), unless this server is
/// already learning.
pub fn start_learning(state: &AppState, force: bool, by: String) -> Result<(), AppError> {
    if state.learning.running.swap(true, Ordering::SeqCst) {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "already_learning",
            "this server is already learning the site's line",
        ));
    }
    let state = state.clone();
    tokio::spawn(async move {
        let outcome = learn_now(&state, force).await;
        let summary = match &outcome {
            Ok(summary) => summary.clone(),
            Err(error) => format!("failed: {error}"),
        };
        tracing::info!(%by, %summary, "learning the site's line");
        *state
            .learning
            .last
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(summary);
        state.learning.running.store(false, Ordering::SeqCst);
    });
    Ok(())
}

impl Learning {
    /// Whether this server is learning now.
    pub fn running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }

    /// How this server's last learning ended.
    pub fn last(&self) -> Option<String> {
        self.last
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Learns and stores; says what happened.
async fn learn_now(
    state: &AppState,
    force: bool,
) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let decisions = decisions(&state.store).await?;
    let policy = state
        .moderator(None)
        .map_err(|_| "no default policy")?
        .policy()
        .clone();
    let learnt = tokio::task::spawn_blocking(move || {
        suzgec_learn::learn(&policy, &decisions, &LearnOptions::default())
    })
    .await??;
    let in_force = learnt.report.better() || force;
    state
        .store
        .add_site_model(&to_store(&learnt.model, in_force))
        .await?;
    let info = learnt.model.info();
    Ok(format!(
        "version {} from {} decisions: macro-F1 {:.3} against the shipped {:.3} on the newest {}; {}",
        info.version,
        info.decisions,
        info.site.macro_f1,
        info.shipped.macro_f1,
        info.held_out,
        if in_force { "in force" } else { "not in force" }
    ))
}

/// `GET /api/v1/moderation/site-models`: the stored versions and whether learning runs.
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<SiteModels>, AppError> {
    caller.require(Role::Moderator)?;
    let stored = state.store.site_models().await?;
    let in_force = stored.iter().find(|m| m.active).map(|m| m.version.clone());
    let versions = stored
        .into_iter()
        .map(|m| {
            serde_json::json!({
                "version": m.version,
                "active": m.active,
                "created_at": m.created_at,
                "info": serde_json::from_str::<serde_json::Value>(&m.info).unwrap_or_default(),
            })
        })
        .collect();
    Ok(Json(SiteModels {
        learning: state.learning.running(),
        last_learning: state.learning.last(),
        in_force,
        versions,
    }))
}

/// Polls the database every `limits.site_model_poll_seconds` until the server stops.
pub async fn follow(state: AppState) {
    let Ok(default) = state.moderator(None).map(Arc::clone) else {
        return;
    };
    let from_file = default.site_model();
    let mut in_force: Option<String> = None;
    let seconds = state.config.limits.site_model_poll_seconds.max(1);
    let mut every = tokio::time::interval(Duration::from_secs(seconds));
    loop {
        every.tick().await;
        if let Err(error) = sync(&state, &default, from_file.as_ref(), &mut in_force).await {
            tracing::warn!(%error, "could not follow the site model in force");
        }
    }
}

/// Puts the database's site model in force when it changed since the last poll.
async fn sync(
    state: &AppState,
    default: &Moderator,
    from_file: Option<&Arc<SiteModel>>,
    in_force: &mut Option<String>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let version = state.store.active_site_model_version().await?;
    if version == *in_force {
        return Ok(());
    }
    let model = match &version {
        Some(version) => {
            let bytes = state.store.site_model_bytes(version).await?;
            Some(Arc::new(SiteModel::decode(&bytes)?))
        }
        None => from_file.cloned(),
    };
    default.set_site_model(model.clone());
    state.abuse_only.set_site_model(model);
    tracing::info!(
        version = version.as_deref().unwrap_or("none"),
        "site model from the database in force"
    );
    *in_force = version;
    Ok(())
}
