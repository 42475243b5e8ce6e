create table users (id BIGSERIAL); -- expect
