-- fixture: assume-in-transaction
BEGIN; -- expect
SELECT 1;
COMMIT;
