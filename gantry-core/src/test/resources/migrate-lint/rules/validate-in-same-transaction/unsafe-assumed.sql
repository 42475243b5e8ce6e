-- fixture: assume-in-transaction
ALTER TABLE email ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES app_user (id) NOT VALID;
ALTER TABLE email VALIDATE CONSTRAINT fk_user; -- expect
