-- The notification outbox: one row per notification, delivered (and retried) by the delivery
-- worker. The channel is stored as the plan wrote it (variable references unresolved), never with a
-- resolved secret; last_error is written redacted.
CREATE TABLE notification_outbox (
    id               BIGINT PRIMARY KEY,
    idempotency_key  TEXT NOT NULL UNIQUE,
    channel_id       TEXT NOT NULL,
    channel_type     TEXT NOT NULL,
    channel          TEXT NOT NULL,
    kind             TEXT NOT NULL,
    dedup_key        TEXT NOT NULL,
    title            TEXT NOT NULL,
    payload          TEXT NOT NULL,
    state            TEXT NOT NULL,
    attempts         BIGINT NOT NULL,
    next_attempt_at  TEXT NOT NULL,
    window_start     TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    delivered_at     TEXT
);
CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_at);
CREATE INDEX notification_outbox_group ON notification_outbox (channel_id, dedup_key, state);
