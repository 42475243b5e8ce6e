ALTER TABLE users MODIFY COLUMN a int NOT NULL; -- expect
