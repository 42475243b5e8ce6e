insert into t (a, "a") -- expect
values (1, 2);
