SET LOCAL lock_timeout TO '1s';
SET SESSION statement_timeout TO '5s';
VACUUM t;
