-- squawk-ignore ban-drop-column -- expect
ALTER TABLE t DROP COLUMN c;
