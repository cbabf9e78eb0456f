//! Moderator and admin accounts, their sessions, API tokens and shared settings. Passwords and
//! tokens arrive already hashed: the store never sees a secret.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{ApiToken, Error, Result, Role, Session, Store, User, conflict_on_unique, now_millis};

fn role_from_row(row: &AnyRow) -> Result<Role> {
    let name: String = row.try_get("role")?;
    Role::parse(&name).ok_or_else(|| Error::Corrupt(format!("unknown role {name:?}")))
}

fn user_from_row(row: &AnyRow) -> Result<User> {
    Ok(User {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        role: role_from_row(row)?,
        password_hash: row.try_get("password_hash")?,
    })
}

impl Store {
    /// Creates an account. A name already in use is a [`Error::Conflict`].
    pub async fn add_user(&self, name: &str, role: Role, password_hash: &str) -> Result<User> {
        let row = sqlx::query(
            "INSERT INTO users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4) \
             RETURNING id, name, role, password_hash",
        )
        .bind(name)
        .bind(role.as_str())
        .bind(password_hash)
        .bind(now_millis())
        .fetch_one(&self.pool)
        .await
        .map_err(|e| conflict_on_unique(e, || format!("a user {name:?} exists")))?;
        user_from_row(&row)
    }

    /// The account with this login name.
    pub async fn user_by_name(&self, name: &str) -> Result<Option<User>> {
        let row = sqlx::query("SELECT id, name, role, password_hash FROM users WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Opens a session for a user, keyed by the hash of its cookie token.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        csrf_token: &str,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf_token)
        .bind(now_millis())
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The live session with this token hash, if it has not expired.
    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        let row = sqlx::query(
            "SELECT u.id, u.name, u.role, u.password_hash, s.csrf_token, s.expires_at \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now_millis())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(Session {
                user: user_from_row(&row)?,
                csrf_token: row.try_get("csrf_token")?,
                expires_at: row.try_get("expires_at")?,
            })
        })
        .transpose()
    }

    /// Ends a session (logout) and clears expired ones.
    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1 OR expires_at <= $2")
            .bind(token_hash)
            .bind(now_millis())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores a new API token by its hash.
    pub async fn create_token(&self, name: &str, role: Role, token_hash: &str) -> Result<ApiToken> {
        let row = sqlx::query(
            "INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES ($1, $2, $3, $4) \
             RETURNING id, name, role",
        )
        .bind(name)
        .bind(role.as_str())
        .bind(token_hash)
        .bind(now_millis())
        .fetch_one(&self.pool)
        .await?;
        Ok(ApiToken {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            role: role_from_row(&row)?,
        })
    }

    /// The API token with this hash.
    pub async fn token(&self, token_hash: &str) -> Result<Option<ApiToken>> {
        let row = sqlx::query("SELECT id, name, role FROM api_tokens WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(ApiToken {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                role: role_from_row(&row)?,
            })
        })
        .transpose()
    }

    /// The value of a shared setting, storing `value` first when the key has none. Every instance
    /// on the database gets the same answer (the first writer wins).
    pub async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("value")?)
    }
}
