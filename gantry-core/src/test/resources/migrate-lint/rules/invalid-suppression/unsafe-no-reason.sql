-- gantry:allow drop-column -- expect
ALTER TABLE t DROP COLUMN c;
