-- Every connection of the build: notice a dead client within a second (PostgreSQL 14+ on Linux),
-- so a killed build's backend rolls back and releases its locks instead of finishing its
-- statement first. Platforms without the check (it must stay 0 there) simply keep the default.
DO $$
BEGIN
    PERFORM set_config('client_connection_check_interval', '1s', false);
EXCEPTION WHEN OTHERS THEN
    NULL;
END
$$;
