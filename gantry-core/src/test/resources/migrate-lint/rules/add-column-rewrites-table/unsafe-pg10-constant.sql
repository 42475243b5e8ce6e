-- fixture: pg-version=10
ALTER TABLE orders ADD COLUMN status text DEFAULT 'new'; -- expect
