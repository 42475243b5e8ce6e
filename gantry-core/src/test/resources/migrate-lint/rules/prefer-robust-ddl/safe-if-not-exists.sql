SELECT 1;
CREATE INDEX CONCURRENTLY IF NOT EXISTS core_foo_idx ON core_foo (answer_id);
