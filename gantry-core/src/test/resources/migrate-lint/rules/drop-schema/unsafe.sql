DROP SCHEMA reporting CASCADE; -- expect
