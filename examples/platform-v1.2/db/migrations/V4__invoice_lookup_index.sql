-- flyway:executeInTransaction=false
-- 1.2: webhook handlers look invoices up by Stripe id on every event.
CREATE INDEX CONCURRENTLY IF NOT EXISTS invoices_stripe_invoice_id ON invoices (stripe_invoice_id);
