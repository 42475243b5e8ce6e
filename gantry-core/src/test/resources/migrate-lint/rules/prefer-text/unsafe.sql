CREATE TABLE t (c VarChar(255)); -- expect
