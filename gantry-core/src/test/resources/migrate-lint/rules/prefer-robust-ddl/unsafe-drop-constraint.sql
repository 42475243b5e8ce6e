SELECT 1;
ALTER TABLE users DROP CONSTRAINT pk_users; -- expect
