-- a comment first
CREATE UNIQUE INDEX IF NOT EXISTS users_email ON public.users (lower(email)); -- expect
