"""A target database (TARGET_DATABASE_URL) that does not exist yet is created, as the reference's
copy to a target did: on the same server, by the target's own role, through a maintenance
database (``postgres``, else ``template1``). A role that may not create databases gets one line
saying what to do; a server where neither maintenance database answers is left to the target's
own connection to explain."""

from __future__ import annotations

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from discogs_cache_assets.cache.errors import BuildConflict
from discogs_cache_assets.resources import APPLICATION_NAME, TargetPostgresResource

MAINTENANCE_DATABASES = ("postgres", "template1")


def create_if_missing(target: TargetPostgresResource) -> bool:
    """True when this call created the target database."""
    try:
        params = conninfo_to_dict(target.dsn())
    except psycopg.ProgrammingError:
        return False  # the connection names the unparsable setting
    name = params.get("dbname") or params.get("user")
    if not name or name in MAINTENANCE_DATABASES:
        return False
    for maintenance in MAINTENANCE_DATABASES:
        try:
            conn = psycopg.connect(
                make_conninfo(target.dsn(), dbname=maintenance), autocommit=True, application_name=APPLICATION_NAME
            )
        except psycopg.OperationalError:
            continue
        with conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                return False
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            except (psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation):
                return False  # another build created it meanwhile
            except psycopg.errors.InsufficientPrivilege:
                role = conn.info.user
                raise BuildConflict(
                    f"{target.describe()} does not exist and role {role} may not create databases: "
                    f"create it (CREATE DATABASE {name} OWNER {role}) or grant the role CREATEDB"
                ) from None
            return True
    return False
