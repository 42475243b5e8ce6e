-- 1.2: remember which Stripe API version produced each invoice (expand: nullable column).
SET lock_timeout = '2s';
SET statement_timeout = '15s';
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS stripe_api_version text;
