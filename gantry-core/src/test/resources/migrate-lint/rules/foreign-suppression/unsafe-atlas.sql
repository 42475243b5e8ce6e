-- atlas:nolint destructive -- expect
ALTER TABLE t DROP COLUMN c;
