SET lock_timeout = '1s';
VACUUM (FULL false) t; -- expect
