-- What other platforms tell Süzgeç and what it answers them.

-- Moderators' decisions reported by another comment platform (Perspective's comments:suggestscore):
-- the text with the label its moderators gave it, kept to learn the site's line.
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    client_token TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    approved BIGINT NOT NULL,
    actor TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX feedback_by_time ON feedback (created_at);

-- Verdicts given to another platform's comments (Coral's external moderation phase), for the audit:
-- no text, only its SHA-256, the platform's own ids and what Süzgeç answered.
CREATE TABLE external_checks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    reference TEXT NOT NULL DEFAULT '',
    text_sha256 TEXT NOT NULL,
    decision TEXT NOT NULL,
    rules TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX external_checks_by_time ON external_checks (created_at);

-- Paged threads: an article's replies to a page of top-level comments.
CREATE INDEX comments_by_parent ON comments (article_id, parent_id);

-- Webhooks' durable outbox: an event is written in the transaction that causes it, with one
-- delivery per subscribed endpoint, kept until delivered or given up (the delivery log).
CREATE TABLE webhook_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    comment_id BIGINT NOT NULL REFERENCES comments (id),
    data TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id BIGINT NOT NULL REFERENCES webhook_events (id),
    url TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_status BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    delivered_at BIGINT,
    failed_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE delivered_at IS NULL AND failed_at IS NULL;
