REINDEX INDEX foo_idx; -- expect
