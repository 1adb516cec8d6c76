"""Shared fixtures: fresh migrated databases (SQLite and PostgreSQL) and the test clock."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlmodel import Session

os.environ.setdefault("VISITAPP_SECRET_KEY", "tests-only-key-not-for-production-0123456789")
os.environ.pop("VISITAPP_NOW", None)
# one route search per planning day (the default is one per core): the suite plans hundreds of small days
# on 2 cores, and a child process per plan would double its CPU; test_routing runs two searches on purpose
os.environ.setdefault("VISITAPP_SOLVER_SEARCHES", "1")

from visitapp.core import clock, db
from visitapp.core.settings import reset_settings_cache

reset_settings_cache()

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Monday morning in Shanghai: a workday, inside the offered visit slots.
DEFAULT_NOW = datetime(2026, 11, 23, 9, 30, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[datetime]:
    clock.set_now(DEFAULT_NOW)
    yield DEFAULT_NOW
    clock.set_now(None)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db.upgrade(f"sqlite:///{path}")
    db.get_engine.cache_clear()
    return path


def pg_admin_url() -> str | None:
    url = os.environ.get("VISITAPP_TEST_PG_URL")
    if not url:
        if os.environ.get("VISITAPP_REQUIRE_PG") or os.environ.get("CI"):
            pytest.fail("VISITAPP_TEST_PG_URL is not set: run the tests with `make test`")
        pytest.skip("PostgreSQL not configured (VISITAPP_TEST_PG_URL); `make test` sets it")
    return url


def _pg_admin_engine(url: str) -> sa.Engine:
    return sa.create_engine(url, isolation_level="AUTOCOMMIT")


def _drop_database(admin: sa.Engine, name: str) -> None:
    """DROP DATABASE ... WITH (FORCE), retried while an autovacuum worker is inside it.

    FORCE terminates the other sessions, but a non-superuser may not terminate an autovacuum worker
    (it runs as the bootstrap superuser); the worker finishes within moments on these tiny databases.
    """
    deadline = time.monotonic() + 30
    while True:
        try:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except sa.exc.DBAPIError as exc:
            if time.monotonic() > deadline or "pg_signal_backend" not in str(exc.orig):
                raise
            time.sleep(0.2)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated PostgreSQL database used as CREATE DATABASE ... TEMPLATE for each test."""
    admin_url = pg_admin_url()
    name = f"vt_tpl_{uuid.uuid4().hex[:8]}"
    admin = _pg_admin_engine(admin_url)
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    db.upgrade(url)
    sa.create_engine(url).dispose()
    db.get_engine.cache_clear()
    with admin.connect() as conn:
        # No connections to the template: autovacuum skips it, so CREATE ... TEMPLATE never finds it busy.
        conn.execute(sa.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
    yield name
    _drop_database(admin, name)
    admin.dispose()


def fresh_pg_url(template: str | None = None) -> tuple[str, str]:
    admin_url = pg_admin_url()
    name = f"vt_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin_engine(admin_url)
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    admin.dispose()
    return sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False), name


def drop_pg(name: str) -> None:
    admin = _pg_admin_engine(pg_admin_url())
    _drop_database(admin, name)
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A freshly migrated, empty database of each kind, made the app's configured database."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url, name = f"sqlite:///{path}", None
    else:
        url, name = fresh_pg_url(request.getfixturevalue("pg_template"))
    old = os.environ.get("VISITAPP_DATABASE_URL")
    os.environ["VISITAPP_DATABASE_URL"] = url
    reset_settings_cache()
    db.get_engine.cache_clear()
    try:
        yield url
    finally:
        db.get_engine(url).dispose()
        db.get_engine.cache_clear()
        if old is None:
            os.environ.pop("VISITAPP_DATABASE_URL", None)
        else:
            os.environ["VISITAPP_DATABASE_URL"] = old
        reset_settings_cache()
        if name:
            drop_pg(name)


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    with db.session_scope(db_url) as s:
        yield s
