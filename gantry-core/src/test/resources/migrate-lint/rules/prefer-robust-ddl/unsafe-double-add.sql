ALTER TABLE app_email DROP CONSTRAINT IF EXISTS email_uniq;
ALTER TABLE app_email ADD CONSTRAINT email_uniq UNIQUE USING INDEX email_idx;
ALTER TABLE app_email ADD CONSTRAINT email_uniq UNIQUE USING INDEX email_idx; -- expect
