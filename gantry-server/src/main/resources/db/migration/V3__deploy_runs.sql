-- Deploy and rollback runs reported by the CLI (gantry deploy|rollback --report), with their logs.
CREATE TABLE deploy_runs (
    product      TEXT NOT NULL,
    version      TEXT NOT NULL,
    run          BIGINT NOT NULL,
    revision     BIGINT NOT NULL,
    plan_hash    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    succeeded    BOOLEAN NOT NULL,
    summary      TEXT NOT NULL,
    log          TEXT NOT NULL,
    reported_at  TEXT NOT NULL,
    reported_by  TEXT NOT NULL,
    PRIMARY KEY (product, version, run)
);
