truncate a, b, c cascade; -- expect
