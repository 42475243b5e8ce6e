VACUUM FULL foo; -- expect
