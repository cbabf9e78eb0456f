//! Articles: create, update, list, read.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{
    Article, ArticleUpdate, Error, NewArticle, Result, Store, conflict_on_unique, now_millis,
    refuse_nul,
};

const ARTICLE_COLUMNS: &str = "id, slug, language, title, summary, body, source, translation_slug, \
                               canonical_url, published_at, updated_at";

fn article_from_row(row: &AnyRow) -> Result<Article> {
    Ok(Article {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        language: row.try_get("language")?,
        title: row.try_get("title")?,
        summary: row.try_get("summary")?,
        body: row.try_get("body")?,
        source: row.try_get("source")?,
        translation_slug: row.try_get("translation_slug")?,
        canonical_url: row.try_get("canonical_url")?,
        published_at: row.try_get("published_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

impl Store {
    /// Publishes an article now. A slug already in use is a [`Error::Conflict`].
    pub async fn create_article(&self, new: &NewArticle) -> Result<Article> {
        for (field, text) in [
            ("slug", new.slug.as_str()),
            ("language", &new.language),
            ("title", &new.title),
            ("summary", &new.summary),
            ("body", &new.body),
            ("source", &new.source),
            (
                "translation_slug",
                new.translation_slug.as_deref().unwrap_or_default(),
            ),
            (
                "canonical_url",
                new.canonical_url.as_deref().unwrap_or_default(),
            ),
        ] {
            refuse_nul(field, text)?;
        }
        let now = now_millis();
        let row = sqlx::query(&format!(
            "INSERT INTO articles (slug, language, title, summary, body, source, translation_slug, \
             canonical_url, published_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
             RETURNING {ARTICLE_COLUMNS}"
        ))
        .bind(&new.slug)
        .bind(&new.language)
        .bind(&new.title)
        .bind(&new.summary)
        .bind(&new.body)
        .bind(&new.source)
        .bind(&new.translation_slug)
        .bind(&new.canonical_url)
        .bind(now)
        .fetch_one(&self.pool)
        .await
        .map_err(|e| conflict_on_unique(e, || format!("an article {:?} exists", new.slug)))?;
        article_from_row(&row)
    }

    /// The article of the page at `url`, created from `new` when there is none yet. Several
    /// instances may ask at once: one creates it and all get the same article.
    pub async fn article_for_url(&self, url: &str, new: NewArticle) -> Result<Article> {
        if let Some(article) = self.article_by_url(url).await? {
            return Ok(article);
        }
        let new = NewArticle {
            canonical_url: Some(url.to_owned()),
            ..new
        };
        match self.create_article(&new).await {
            Ok(article) => Ok(article),
            // Another request created it between the two statements.
            Err(Error::Conflict(_)) => self
                .article_by_url(url)
                .await?
                .ok_or(Error::NotFound("article")),
            Err(other) => Err(other),
        }
    }

    /// The article whose comments are embedded in the page at `url`.
    pub async fn article_by_url(&self, url: &str) -> Result<Option<Article>> {
        let row = sqlx::query(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE canonical_url = $1"
        ))
        .bind(url)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(article_from_row).transpose()
    }

    /// Changes an article and sets its last-update time.
    pub async fn update_article(&self, slug: &str, update: &ArticleUpdate) -> Result<Article> {
        for (field, text) in [
            ("title", &update.title),
            ("summary", &update.summary),
            ("body", &update.body),
            ("source", &update.source),
        ] {
            refuse_nul(field, text.as_deref().unwrap_or_default())?;
        }
        let row = sqlx::query(&format!(
            "UPDATE articles SET title = COALESCE($2, title), summary = COALESCE($3, summary), \
             body = COALESCE($4, body), source = COALESCE($5, source), updated_at = $6 \
             WHERE slug = $1 RETURNING {ARTICLE_COLUMNS}"
        ))
        .bind(slug)
        .bind(&update.title)
        .bind(&update.summary)
        .bind(&update.body)
        .bind(&update.source)
        .bind(now_millis())
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(row) => article_from_row(&row),
            None => Err(Error::NotFound("article")),
        }
    }

    /// All articles, newest first.
    pub async fn articles(&self) -> Result<Vec<Article>> {
        let rows = sqlx::query(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY published_at DESC, id DESC"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(article_from_row).collect()
    }

    /// The article with this slug.
    pub async fn article(&self, slug: &str) -> Result<Option<Article>> {
        let row = sqlx::query(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE slug = $1"
        ))
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(article_from_row).transpose()
    }

    /// The article with this row id.
    pub async fn article_by_id(&self, id: i64) -> Result<Option<Article>> {
        let row = sqlx::query(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(article_from_row).transpose()
    }
}
