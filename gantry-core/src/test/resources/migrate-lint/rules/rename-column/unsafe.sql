ALTER TABLE "table_name" RENAME COLUMN "column_name" TO "new_column_name"; -- expect
