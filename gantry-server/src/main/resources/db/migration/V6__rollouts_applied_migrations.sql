-- Migrations applied to production (gantry migrate mark-applied), with what the CLI's migration
-- analysis said about them: past the release's point of no return, Gantry refuses to roll the
-- deployment back automatically and pages the owner with the roll-forward guidance instead.
CREATE TABLE applied_migrations (
    product          TEXT NOT NULL,
    version          TEXT NOT NULL,
    migration        TEXT NOT NULL,
    file             TEXT NOT NULL,
    classification   TEXT NOT NULL,
    past_no_return   BOOLEAN NOT NULL,
    analysis         TEXT NOT NULL,
    applied_at       TEXT NOT NULL,
    applied_by       TEXT NOT NULL,
    PRIMARY KEY (product, version, migration)
);

-- A rollout of a release's plan revision. The append-only rollout_events are the truth; status
-- here is a cache of the replayed state for listing.
CREATE TABLE rollouts (
    id           TEXT PRIMARY KEY,
    product      TEXT NOT NULL,
    version      TEXT NOT NULL,
    revision     BIGINT NOT NULL,
    environment  TEXT NOT NULL,
    status       TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    started_by   TEXT NOT NULL
);
CREATE INDEX rollouts_release ON rollouts (product, version, started_at);

CREATE TABLE rollout_events (
    rollout_id   TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    type         TEXT NOT NULL,
    event        TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (rollout_id, seq)
);

-- Side effects (flag changes, webhooks, notifications) done for a rollout, so that a controller
-- resuming after a crash does each at most once.
CREATE TABLE rollout_effects (
    rollout_id   TEXT NOT NULL,
    effect_key   TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    done_at      TEXT NOT NULL,
    PRIMARY KEY (rollout_id, effect_key)
);

-- The latest reading of each guard of a rollout, for status pages (readings are not events).
CREATE TABLE rollout_guard_readings (
    rollout_id   TEXT NOT NULL,
    guard        TEXT NOT NULL,
    reading      TEXT NOT NULL,
    read_at      TEXT NOT NULL,
    PRIMARY KEY (rollout_id, guard)
);
