create table app.users (a timestamptz, b timestamp with time zone, c timestamp(3) with time zone);
