-- fixture: pg-version=11
ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';
