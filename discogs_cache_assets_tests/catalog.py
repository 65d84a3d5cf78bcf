"""The published schema as the catalog states it, in a form a test can pin literally."""

from __future__ import annotations

import psycopg

from discogs_cache_assets.cache.tables import PUBLISHED_TABLES

# What the lookup service reads and writes: the swapped tables and the version record, which
# stays in place.
CONTRACT_TABLES = (*PUBLISHED_TABLES, "schema_version")


def published_schema(conn: psycopg.Connection) -> dict[str, list[str]]:
    """Per published table, one line each: the columns in order (type, NOT NULL, default), then
    the primary, unique, foreign-key and check constraints, then every index, each as
    PostgreSQL prints its definition (so an index expression is pinned exactly)."""
    out: dict[str, list[str]] = {}
    for table in CONTRACT_TABLES:
        rel = f"public.{table}"
        if not conn.execute("SELECT to_regclass(%s) IS NOT NULL", (rel,)).fetchone()[0]:
            continue  # absent: missing from the result
        columns = conn.execute(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid) "
            "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            (rel,),
        ).fetchall()
        constraints = conn.execute(
            # NOT NULL is pinned with the columns (PostgreSQL 18 also lists it as a constraint).
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype <> 'n' ORDER BY contype, conname",
            (rel,),
        ).fetchall()
        indexes = conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = %s "
            "ORDER BY indexname",
            (table,),
        ).fetchall()
        out[table] = [
            *(
                f"{name} {type_}" + (" NOT NULL" if not_null else "") + (f" DEFAULT {default}" if default else "")
                for name, type_, not_null, default in columns
            ),
            *(f"CONSTRAINT {name} {definition}" for name, definition in constraints),
            *(definition.replace(" ON public.", " ON ") for (definition,) in indexes),
        ]
    return out
