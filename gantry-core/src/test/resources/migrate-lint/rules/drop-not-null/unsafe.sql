ALTER TABLE "bar_tbl" ALTER COLUMN "foo_col" DROP NOT NULL; -- expect
