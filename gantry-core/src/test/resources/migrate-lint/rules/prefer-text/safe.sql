CREATE TABLE t (c text, d varchar);
