-- Site models learnt from the site's own moderators (`suzgec learn`): every version is kept, at most
-- one is in force, and every server on the database picks the one in force up without a restart.
CREATE TABLE site_models (
    id BIGSERIAL PRIMARY KEY,
    version TEXT NOT NULL UNIQUE,
    info TEXT NOT NULL,
    model BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    activated_at BIGINT,
    active BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX site_models_active ON site_models (active);
