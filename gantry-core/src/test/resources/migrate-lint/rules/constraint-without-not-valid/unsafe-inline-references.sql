ALTER TABLE emails ADD COLUMN user_id bigint REFERENCES users (id); -- expect
