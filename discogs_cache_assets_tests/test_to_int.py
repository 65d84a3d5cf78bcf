"""to_int, the import's text-to-integer conversion, against its definition: exactly the texts
matching '^\\s*-?[0-9]{1,9}\\s*$' convert, everything else is NULL. Its fast path must never
convert anything the definition does not, nor to a different value."""

from __future__ import annotations

import psycopg

from discogs_cache_assets.cache import build

TEXTS = [
    "0", "7", "12", "123456789", "999999999", "-5", "-0", "-123456789", "-12345678",
    "012", "000000000", "0000000001", " 12", "12 ", "\t12\n", " -7 ",
    "1234567890", "2147483647", "-1234567890", "-", "", " ", "+12", "1_000", "0x1A", "1e3", "12.0",
    "١٢", "１２", "12a", "a12", "--1", "- 1", "99999999999999999999", None,
]


def test_to_int_converts_exactly_what_its_definition_admits(pg_url) -> None:  # noqa: ANN001
    with psycopg.connect(pg_url) as conn:
        for name in ("extensions", "build_schema"):
            build.run_sql_file(conn, name)
        rows = conn.execute(
            "SELECT t, discogs_build.to_int(t),"
            " CASE WHEN t ~ '^\\s*-?[0-9]{1,9}\\s*$' THEN btrim(t)::integer END"
            " FROM unnest(%s::text[]) AS t",
            (TEXTS,),
        ).fetchall()
        # A constant argument is folded at plan time: the cast must not be reached for junk.
        constants = conn.execute("SELECT discogs_build.to_int('abc'), discogs_build.to_int('1234567890')").fetchone()
    assert [(t, got) for t, got, want in rows if got != want or (got is None) != (want is None)] == []
    assert dict((t, got) for t, got, _ in rows)["012"] == 12
    assert constants == (None, None)


def test_to_id_is_a_positive_integer_or_null(pg_url) -> None:  # noqa: ANN001
    """0 is how dumps and the reference converter write "no master" / "no id"."""
    ids = ["0", "-0", "000", "", " ", None, "-3", "abc", " 77 ", "1", "123456789"]
    with psycopg.connect(pg_url) as conn:
        for name in ("extensions", "build_schema"):
            build.run_sql_file(conn, name)
        got = conn.execute("SELECT discogs_build.to_id(t) FROM unnest(%s::text[]) AS t", (ids,)).fetchall()
        plan = conn.execute(
            "EXPLAIN (VERBOSE) SELECT discogs_build.to_id(t) FROM unnest(%s::text[]) AS t", (ids,)
        ).fetchall()
    assert [g for (g,) in got] == [None] * 8 + [77, 1, 123456789]
    # Inlined like to_int (one call per credit row of the import): no function call in the plan.
    assert "to_id" not in str(plan) and "to_int" not in str(plan)
