ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();
ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT current_timestamp;
