BEGIN; -- expect
CREATE TABLE users (id bigint);
