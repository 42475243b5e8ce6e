CREATE TABLE t (c bpchar); -- expect
