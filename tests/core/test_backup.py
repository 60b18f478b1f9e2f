"""The backup documented in docs/operations.md works: pg_dump of a live database, pg_restore into an empty
one, and the restored copy holds the same rows and answers a directory search."""

import subprocess
import uuid

import psycopg
import pytest
from django.db import connection

from quartierwerk.core import demo

pytestmark = pytest.mark.postgres

TABLES = (
    "core_quarter",
    "core_user",
    "reports_report",
    "fund_application",
    "actors_organisation",
    "events_event",
)


def _conninfo(dbname: str) -> dict:
    s = connection.settings_dict
    return {
        "host": s["HOST"] or "127.0.0.1",
        "port": str(s["PORT"] or 5432),
        "user": s["USER"] or "postgres",
        "dbname": dbname,
    }


def _counts(conninfo: dict) -> dict:
    with psycopg.connect(**conninfo) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608


def test_pg_dump_and_pg_restore_give_the_same_data(transactional_db, tmp_path):
    demo.load()
    source = _conninfo(connection.settings_dict["NAME"])
    target = {**source, "dbname": f"qw_restore_{uuid.uuid4().hex[:8]}"}
    args = ["-h", source["host"], "-p", source["port"], "-U", source["user"]]
    dump = tmp_path / "quartierwerk.dump"
    subprocess.run(["pg_dump", *args, "-Fc", "-f", str(dump), source["dbname"]], check=True)
    subprocess.run(["createdb", *args, target["dbname"]], check=True)
    try:
        subprocess.run(
            ["pg_restore", *args, "--exit-on-error", "-d", target["dbname"], str(dump)], check=True
        )
        before, after = _counts(source), _counts(target)
        assert after == before and before["reports_report"] > 0 and before["actors_organisation"] > 0
        # The restored search column is filled and indexed like the original.
        with psycopg.connect(**target) as conn:
            found = conn.execute(
                "SELECT name FROM actors_organisation WHERE search_vector @@ to_tsquery('simple', 'jugendclub:*')"
            ).fetchall()
        assert ("Jugendclub Kirschberg",) in found
    finally:
        subprocess.run(["dropdb", *args, "--if-exists", target["dbname"]], check=True)
