-- Segments per environment, versioned like flags (they share the environment's snapshot
-- version), and who created an environment through the API.
CREATE TABLE segments (
    environment  TEXT NOT NULL REFERENCES environments (name),
    segment_key  TEXT NOT NULL,
    version      BIGINT NOT NULL,
    definition   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    PRIMARY KEY (environment, segment_key)
);

CREATE TABLE segment_versions (
    environment  TEXT NOT NULL,
    segment_key  TEXT NOT NULL,
    version      BIGINT NOT NULL,
    action       TEXT NOT NULL,
    definition   TEXT NOT NULL,
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL,
    PRIMARY KEY (environment, segment_key, version)
);

ALTER TABLE environments ADD COLUMN created_at TEXT;
ALTER TABLE environments ADD COLUMN created_by TEXT;

-- Revoked sign-offs and waivers stay on record but no longer count.
ALTER TABLE signoffs ADD COLUMN revoked_at TEXT;
ALTER TABLE signoffs ADD COLUMN revoked_by TEXT;
ALTER TABLE signoffs ADD COLUMN revoke_reason TEXT;
ALTER TABLE waivers ADD COLUMN revoked_at TEXT;
ALTER TABLE waivers ADD COLUMN revoked_by TEXT;
ALTER TABLE waivers ADD COLUMN revoke_reason TEXT;
