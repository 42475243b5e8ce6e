drop index i; -- expect
