VACUUM (VERBOSE, FULL) foo; -- expect
