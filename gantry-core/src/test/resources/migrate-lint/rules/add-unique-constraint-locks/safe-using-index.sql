CREATE UNIQUE INDEX CONCURRENTLY dist_id_temp_idx ON distributors (dist_id);
ALTER TABLE distributors ADD CONSTRAINT dist_id_key UNIQUE USING INDEX dist_id_temp_idx;
