create table users (ids int[]); -- expect
