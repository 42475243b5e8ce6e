SET lock_timeout = '2s';
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS template_id text;
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS delivery_status text;
