-- 1.2: Stripe 2024-06-20 bills by price, not plan. This renames the column the 1.0 code reads:
-- past this migration, platform 1.0 fails on every account query (the release's point of no return).
SET lock_timeout = '2s';
SET statement_timeout = '15s';
-- gantry:allow rename-column because downstream consumers move to price_id before launch (change plan-to-price-column) and the backup is taken before V5
ALTER TABLE accounts RENAME COLUMN plan TO price_id;
