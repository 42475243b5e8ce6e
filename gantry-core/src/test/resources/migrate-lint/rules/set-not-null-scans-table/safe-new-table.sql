CREATE TABLE users (email text);
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
