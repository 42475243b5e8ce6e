BEGIN;
ALTER TABLE "core_recipe" ALTER COLUMN "edits" TYPE text USING "edits"::text; -- expect
COMMIT;
