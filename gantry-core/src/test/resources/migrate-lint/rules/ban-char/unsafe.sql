CREATE TABLE t (c character(100)[]); -- expect
