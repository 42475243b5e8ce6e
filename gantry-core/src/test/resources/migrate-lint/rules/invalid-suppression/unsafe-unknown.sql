-- gantry:allow no-such-rule because reasons -- expect
SELECT 1;
