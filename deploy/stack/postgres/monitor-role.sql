-- The monitoring profile's exporter role: log in, read statistics (pg_monitor), own and write nothing (psql
-- variables: role, dbname, pwfile). Run at every start, like service-role.sql, so a rotated secret takes effect.
\ir password.sql
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password'
    CONNECTION LIMIT 3;
\unset password
GRANT CONNECT ON DATABASE :"dbname" TO :"role";
GRANT pg_monitor TO :"role";
