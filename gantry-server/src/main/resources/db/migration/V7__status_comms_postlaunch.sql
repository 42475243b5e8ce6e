-- Status page, communications and post-launch review (issue 8). Same dialect rules as V1:
-- TEXT and BIGINT columns, ids assigned by the application, ISO-8601 UTC text times.

-- Status page components: one per product (the application) and one per infrastructure
-- component the product's plans list; status as set by operators.
CREATE TABLE status_components (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    group_name   TEXT NOT NULL,
    position     BIGINT NOT NULL,
    status       TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL
);

CREATE TABLE status_incidents (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    status       TEXT NOT NULL,
    impact       TEXT NOT NULL,
    components   TEXT NOT NULL,
    source_key   TEXT UNIQUE,
    product      TEXT NOT NULL,
    version      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    resolved_at  TEXT
);

CREATE TABLE status_incident_updates (
    id           TEXT PRIMARY KEY,
    incident_id  TEXT NOT NULL REFERENCES status_incidents (id),
    seq          BIGINT NOT NULL,
    status       TEXT NOT NULL,
    body         TEXT NOT NULL,
    at           TEXT NOT NULL,
    by_actor     TEXT NOT NULL,
    UNIQUE (incident_id, seq)
);

CREATE TABLE status_maintenances (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    body         TEXT NOT NULL,
    components   TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL,
    source_key   TEXT UNIQUE,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);

-- Files a push attached to a revision: the communication templates the plan references.
CREATE TABLE release_files (
    product    TEXT NOT NULL,
    version    TEXT NOT NULL,
    revision   BIGINT NOT NULL,
    path       TEXT NOT NULL,
    content    TEXT NOT NULL,
    PRIMARY KEY (product, version, revision, path)
);

-- Approvals of communication drafts, bound to the draft's content hash.
CREATE TABLE comm_approvals (
    id            TEXT PRIMARY KEY,
    product       TEXT NOT NULL,
    version       TEXT NOT NULL,
    comm_id       TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    role          TEXT NOT NULL,
    approved_by   TEXT NOT NULL,
    approved_at   TEXT NOT NULL
);
CREATE INDEX comm_approvals_release ON comm_approvals (product, version);

-- The sent log: one row per intended delivery, whatever the revision; the key makes it once-only.
CREATE TABLE comm_sent (
    send_key         TEXT PRIMARY KEY,
    product          TEXT NOT NULL,
    version          TEXT NOT NULL,
    comm_id          TEXT NOT NULL,
    trigger_kind     TEXT NOT NULL,
    revision         BIGINT NOT NULL,
    content_hash     TEXT NOT NULL,
    delivery         TEXT NOT NULL,
    state            TEXT NOT NULL,
    detail           TEXT NOT NULL,
    attempted_at     TEXT NOT NULL,
    attempted_by     TEXT NOT NULL
);
CREATE INDEX comm_sent_release ON comm_sent (product, version);

-- Post-launch: success-metric snapshots (scheduled slots and manual entries), reported bugs,
-- and the rollbacks of each release.
CREATE TABLE metric_snapshots (
    id          TEXT PRIMARY KEY,
    product     TEXT NOT NULL,
    version     TEXT NOT NULL,
    metric_id   TEXT NOT NULL,
    slot        TEXT NOT NULL,
    value       TEXT,
    error       TEXT NOT NULL,
    source      TEXT NOT NULL,
    taken_at    TEXT NOT NULL,
    taken_by    TEXT NOT NULL,
    UNIQUE (product, version, metric_id, slot)
);

CREATE TABLE release_bugs (
    id           TEXT PRIMARY KEY,
    product      TEXT NOT NULL,
    version      TEXT NOT NULL,
    title        TEXT NOT NULL,
    severity     TEXT NOT NULL,
    reported_at  TEXT NOT NULL,
    reported_by  TEXT NOT NULL,
    resolved_at  TEXT
);
CREATE INDEX release_bugs_release ON release_bugs (product, version);

CREATE TABLE release_rollbacks (
    product     TEXT NOT NULL,
    version     TEXT NOT NULL,
    revision    BIGINT NOT NULL,
    at          TEXT NOT NULL,
    cause       TEXT NOT NULL,
    automatic   BOOLEAN NOT NULL,
    PRIMARY KEY (product, version, revision, at)
);
