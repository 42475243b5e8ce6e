SET lock_timeout = '2s';
ALTER TABLE invoices DROP COLUMN IF EXISTS stripe_api_version;
