-- gantry:allow drop-column because unused since 1.0 and backed up
ALTER TABLE t DROP COLUMN c;
