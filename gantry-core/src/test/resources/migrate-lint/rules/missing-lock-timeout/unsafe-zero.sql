SET lock_timeout = 0;
COMMENT ON COLUMN t.c IS 'an id'; -- expect
