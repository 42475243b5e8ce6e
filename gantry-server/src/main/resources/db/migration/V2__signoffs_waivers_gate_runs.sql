-- Sign-offs, waivers and gate runs of releases (issue 6). Same dialect rules as V1.

CREATE TABLE signoffs (
    id         TEXT PRIMARY KEY,
    product    TEXT NOT NULL,
    version    TEXT NOT NULL,
    revision   BIGINT NOT NULL,
    plan_hash  TEXT NOT NULL,
    role       TEXT NOT NULL,
    signed_by  TEXT NOT NULL,
    signed_at  TEXT NOT NULL
);
CREATE INDEX signoffs_release ON signoffs (product, version);

CREATE TABLE waivers (
    id          TEXT PRIMARY KEY,
    product     TEXT NOT NULL,
    version     TEXT NOT NULL,
    revision    BIGINT NOT NULL,
    item        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    granted_by  TEXT NOT NULL,
    granted_at  TEXT NOT NULL,
    expires     TEXT NOT NULL
);
CREATE INDEX waivers_release ON waivers (product, version);

CREATE TABLE gate_runs (
    product    TEXT NOT NULL,
    version    TEXT NOT NULL,
    run        BIGINT NOT NULL,
    revision   BIGINT NOT NULL,
    plan_hash  TEXT NOT NULL,
    origin     TEXT NOT NULL,
    verdict    TEXT NOT NULL,
    report     TEXT NOT NULL,
    ran_at     TEXT NOT NULL,
    ran_by     TEXT NOT NULL,
    PRIMARY KEY (product, version, run)
);
