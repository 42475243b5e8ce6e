create table users (id SERIAL2); -- expect
