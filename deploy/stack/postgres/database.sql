-- Nobody but the service roles (service-role.sql) may connect, create schemas or use the public schema
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
REVOKE ALL ON SCHEMA public FROM PUBLIC;
