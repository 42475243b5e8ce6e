-- 1.2: webhook handlers look invoices up by Stripe id on every event.
-- Runs outside a transaction (V4__invoice_lookup_index.sql.conf), as CONCURRENTLY requires.
SET lock_timeout = '2s';
SET statement_timeout = '30min';
CREATE INDEX CONCURRENTLY IF NOT EXISTS invoices_stripe_invoice_id ON invoices (stripe_invoice_id);
