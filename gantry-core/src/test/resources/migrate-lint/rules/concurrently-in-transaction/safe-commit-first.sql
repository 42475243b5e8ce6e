-- fixture: assume-in-transaction
COMMIT;
CREATE UNIQUE INDEX CONCURRENTLY field_name_idx ON table_name (field_name);
BEGIN;
ALTER TABLE table_name ADD CONSTRAINT field_name_id UNIQUE USING INDEX field_name_idx;
