SELECT 1;
CREATE INDEX CONCURRENTLY idx2 ON users (email); -- expect
