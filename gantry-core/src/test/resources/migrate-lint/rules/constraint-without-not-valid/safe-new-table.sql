BEGIN;
CREATE TABLE emails (id uuid NOT NULL, user_id uuid NOT NULL);
ALTER TABLE emails ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);
COMMIT;
