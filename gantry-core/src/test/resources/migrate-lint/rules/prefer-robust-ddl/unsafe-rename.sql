SELECT 1;
ALTER TABLE users RENAME COLUMN email TO mail; -- expect
