SET lock_timeout = '2s';
SET statement_timeout = '15s';
-- gantry:allow drop-column because this undoes V3, whose column no 1.0 code reads
ALTER TABLE invoices DROP COLUMN IF EXISTS stripe_api_version;
