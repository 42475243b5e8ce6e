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
