CREATE TABLE posts (id bigint);
ALTER TABLE posts RENAME COLUMN id TO uid;
