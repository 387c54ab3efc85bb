-- One service's login role, owning only its own schema (psql variables: role, schema, dbname, pwfile).
-- Run at every start: a new service gets its role, a rotated secret file its new password.
\ir password.sql
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
