ALTER TABLE bar_tbl ADD COLUMN foo_col text;
