SELECT 1;
CREATE INDEX CONCURRENTLY ON table_name (field_name);
