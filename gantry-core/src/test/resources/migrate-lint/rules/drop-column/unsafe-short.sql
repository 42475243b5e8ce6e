ALTER TABLE users ADD COLUMN u1 bigint, DROP u2; -- expect
