-- fixture: assume-in-transaction
-- gantry:no-transaction
CREATE INDEX CONCURRENTLY field_name_idx ON table_name (field_name);
