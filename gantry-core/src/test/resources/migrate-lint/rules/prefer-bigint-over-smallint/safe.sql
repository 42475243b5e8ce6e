create table users (id bigint, n integer);
