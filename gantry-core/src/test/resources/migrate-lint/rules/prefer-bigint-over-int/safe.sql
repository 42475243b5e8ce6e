create table users (id bigint, n int8, s smallint);
