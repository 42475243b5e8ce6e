-- gantry:allow ban-drop-column because unused since 1.0
ALTER TABLE t DROP COLUMN c;
