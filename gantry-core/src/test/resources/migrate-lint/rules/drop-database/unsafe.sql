DROP DATABASE IF EXISTS "table_name"; -- expect
