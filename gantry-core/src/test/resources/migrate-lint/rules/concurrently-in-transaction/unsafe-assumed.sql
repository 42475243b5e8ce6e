-- fixture: assume-in-transaction
DROP INDEX CONCURRENTLY IF EXISTS field_name_idx; -- expect
