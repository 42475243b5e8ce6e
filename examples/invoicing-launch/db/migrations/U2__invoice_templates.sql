SET lock_timeout = '2s';
ALTER TABLE invoices DROP COLUMN IF EXISTS delivery_status;
ALTER TABLE invoices DROP COLUMN IF EXISTS template_id;
