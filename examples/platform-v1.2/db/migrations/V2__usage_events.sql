-- 1.2: metered billing records usage events per account (expand: new table, old code ignores it).
CREATE TABLE IF NOT EXISTS usage_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    meter text NOT NULL,
    quantity bigint NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS usage_events_account_recorded ON usage_events (account_id, recorded_at);
