SELECT 1;
FROBNICATE the database; -- expect
