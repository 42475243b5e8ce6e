ALTER TABLE orders ADD CONSTRAINT positive CHECK (amount > 0); -- expect
