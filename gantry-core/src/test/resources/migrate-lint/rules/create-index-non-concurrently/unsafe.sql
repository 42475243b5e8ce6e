CREATE INDEX i ON t (c); -- expect
