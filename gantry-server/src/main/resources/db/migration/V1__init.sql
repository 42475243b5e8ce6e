-- One dialect for SQLite and PostgreSQL: TEXT and BIGINT columns, ids assigned by the
-- application, times as ISO-8601 UTC text (sorts like the instant it names).

CREATE TABLE api_tokens (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    scopes      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE environments (
    name              TEXT PRIMARY KEY,
    snapshot_version  BIGINT NOT NULL
);

INSERT INTO environments (name, snapshot_version) VALUES ('staging', 0);
INSERT INTO environments (name, snapshot_version) VALUES ('production', 0);

CREATE TABLE sdk_keys (
    id           TEXT PRIMARY KEY,
    environment  TEXT NOT NULL REFERENCES environments (name),
    key_hash     TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    revoked_at   TEXT
);

CREATE TABLE audit_log (
    seq           BIGINT PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    target        TEXT NOT NULL,
    before_state  TEXT NOT NULL,
    after_state   TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);

CREATE TABLE release_revisions (
    product       TEXT NOT NULL,
    version       TEXT NOT NULL,
    revision      BIGINT NOT NULL,
    content_hash  TEXT NOT NULL,
    source        TEXT NOT NULL,
    plan_text     TEXT NOT NULL,
    pushed_at     TEXT NOT NULL,
    pushed_by     TEXT NOT NULL,
    PRIMARY KEY (product, version, revision)
);

CREATE TABLE flags (
    environment  TEXT NOT NULL REFERENCES environments (name),
    flag_key     TEXT NOT NULL,
    version      BIGINT NOT NULL,
    definition   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    PRIMARY KEY (environment, flag_key)
);

CREATE TABLE flag_versions (
    environment  TEXT NOT NULL,
    flag_key     TEXT NOT NULL,
    version      BIGINT NOT NULL,
    action       TEXT NOT NULL,
    definition   TEXT NOT NULL,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL,
    PRIMARY KEY (environment, flag_key, version)
);

CREATE TABLE sdk_metric_batches (
    id           TEXT PRIMARY KEY,
    environment  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    batch        TEXT NOT NULL
);
CREATE INDEX sdk_metric_batches_env ON sdk_metric_batches (environment, received_at);
