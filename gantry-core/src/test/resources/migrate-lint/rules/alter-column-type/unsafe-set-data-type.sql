ALTER TABLE orders ALTER COLUMN amount SET DATA TYPE numeric(12,2); -- expect
