ALTER TABLE users ADD COLUMN n integer; -- expect
