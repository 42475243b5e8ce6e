BEGIN;
CREATE TABLE core_bar (id bigint);
ALTER TABLE core_bar ADD COLUMN bravo text;
COMMIT;
