-- One service's login role, owning only its own schema (psql variables: role, schema, dbname, pwfile).
-- Run at every start: a new service gets its role, a rotated secret file its new password.
\set password `cat :'pwfile'`
-- A password that did not read (the entrypoint checked the file; this is the last line of defence) stops here
SELECT length(:'password') >= 16 AS password_ok \gset
\if :password_ok
\else
  \echo 'mockfactory-db: the password file' :'pwfile' 'did not read as a password of 16 characters or more'
  -- ON_ERROR_STOP: the error ends psql, and the entrypoint, before the role is touched
  SELECT 1 / 0 AS password_too_short;
\endif
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
\unset password
GRANT CONNECT ON DATABASE :"dbname" TO :"role";
CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"role";
ALTER SCHEMA :"schema" OWNER TO :"role";
-- Another service's role gets "permission denied for schema": no USAGE, so not even the table names
REVOKE ALL ON SCHEMA :"schema" FROM PUBLIC;
-- Searching its own schema first, so unqualified names never resolve elsewhere
ALTER ROLE :"role" SET search_path = :"schema";
