-- Included by service-role.sql and monitor-role.sql (psql variable pwfile): reads the role's password from its secret
-- file into :password, and stops (ON_ERROR_STOP) before any role is touched if it did not read as one
\set password `cat :'pwfile'`
SELECT length(:'password') >= 16 AS password_ok \gset
\if :password_ok
\else
  \echo 'mockfactory-db: the password file' :'pwfile' 'did not read as a password of 16 characters or more'
  SELECT 1 / 0 AS password_too_short;
\endif
