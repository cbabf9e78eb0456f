//! Following the site model in force in the database (`suzgec learn --database-url`): every
//! instance on the database polls its version and puts a new one in force on the default policy,
//! without a restart. With none in force there, the policy file's `[site] model` (if any) applies.

use std::sync::Arc;
use std::time::Duration;

use suzgec_core::Moderator;
use suzgec_core::site::SiteModel;

use crate::state::AppState;

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
