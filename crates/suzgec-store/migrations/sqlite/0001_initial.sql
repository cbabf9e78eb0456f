-- Süzgeç's schema (SQLite). Times are Unix milliseconds. Comments are never updated: every change
-- of status is a row appended to comment_events, and a comment's state is its latest event.

CREATE TABLE articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    translation_slug TEXT,
    published_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id BIGINT NOT NULL REFERENCES articles (id),
    parent_id BIGINT REFERENCES comments (id),
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    language TEXT NOT NULL,
    machine_decision TEXT NOT NULL,
    verdict TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    client_key TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX comments_by_article ON comments (article_id, id);
CREATE INDEX comments_by_client ON comments (client_key, created_at);
CREATE INDEX comments_by_author ON comments (author, created_at);

CREATE TABLE comment_reasons (
    comment_id BIGINT NOT NULL REFERENCES comments (id),
    rule TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX comment_reasons_by_time ON comment_reasons (created_at);

CREATE TABLE comment_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id BIGINT NOT NULL REFERENCES comments (id),
    status TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    edited_text TEXT,
    overrides_machine BIGINT NOT NULL DEFAULT 0,
    at BIGINT NOT NULL
);
CREATE INDEX comment_events_by_comment ON comment_events (comment_id, id);

CREATE TABLE comment_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id BIGINT NOT NULL REFERENCES comments (id),
    reason TEXT NOT NULL DEFAULT '',
    client_key TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE INDEX comment_reports_by_comment ON comment_reports (comment_id, at);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
