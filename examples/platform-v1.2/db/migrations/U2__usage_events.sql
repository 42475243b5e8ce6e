SET lock_timeout = '2s';
SET statement_timeout = '15s';
-- gantry:allow drop-table because this undoes V2, whose table no 1.0 code reads
DROP TABLE IF EXISTS usage_events;
