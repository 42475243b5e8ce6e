CREATE TABLE t (c character varying(40)[]); -- expect
