CREATE TABLE users (id bigint);
ALTER TABLE users ADD COLUMN email text;
