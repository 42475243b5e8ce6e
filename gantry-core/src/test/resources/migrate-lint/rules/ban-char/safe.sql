CREATE TABLE t (c text, d character varying, e varchar);
