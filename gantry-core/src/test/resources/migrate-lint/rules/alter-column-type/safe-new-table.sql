CREATE TABLE orders (amount int);
ALTER TABLE orders ALTER COLUMN amount TYPE bigint;
