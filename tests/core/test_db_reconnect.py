"""The engine survives a PostgreSQL restart (bench/bench_faults.py restarts one under load): connections the
pool kept from before are found dead and replaced before use (`pool_pre_ping` in core.db.make_engine), so
the first request after a restart is served, not answered with "server closed the connection".

A restart is what the server does to every session: here they are terminated (pg_terminate_backend), which
the pool sees the same way, without restarting the shared test server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.conftest import drop_pg, fresh_pg_url, pg_admin_url
from visitapp.core import db


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    url, name = fresh_pg_url(pg_template)
    try:
        yield url
    finally:
        db.get_engine(url).dispose()
        db.get_engine.cache_clear()
        drop_pg(name)


def _end_every_session(url: str) -> int:
    """What a restart does to the database's sessions; returns how many were ended."""
    name = sa.make_url(url).database
    admin = sa.create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            return len(
                c.execute(
                    sa.text(
                        "select pg_terminate_backend(pid) from pg_stat_activity"
                        " where datname = :name and pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                ).all()
            )
    finally:
        admin.dispose()


def _select_one(engine: sa.Engine) -> int:
    with engine.connect() as c:
        return c.execute(sa.text("select 1")).scalar_one()


def test_the_first_request_after_a_restart_gets_a_live_connection(pg_url):
    engine = db.get_engine(pg_url)
    with db.session_scope(pg_url) as s:
        assert s.execute(sa.text("select 1")).scalar_one() == 1  # a connection now waits in the pool
    assert _end_every_session(pg_url) >= 1
    with db.session_scope(pg_url) as s:
        assert s.execute(sa.text("select 1")).scalar_one() == 1
    assert _select_one(engine) == 1


def test_without_the_ping_the_pooled_connection_fails_its_first_use(pg_url):
    """Why make_engine pings: a plain engine hands out the dead connection once."""
    plain = sa.create_engine(pg_url)
    try:
        assert _select_one(plain) == 1
        _end_every_session(pg_url)
        with pytest.raises(sa.exc.OperationalError):
            _select_one(plain)
        assert _select_one(plain) == 1  # the pool was invalidated by that failure
    finally:
        plain.dispose()


def _parallel_workers(engine: sa.Engine) -> str:
    with engine.connect() as c:
        return c.execute(sa.text("show max_parallel_workers_per_gather")).scalar_one()


def test_the_apps_connections_plan_without_parallel_workers_unless_told(pg_url, monkeypatch):
    """The server's default (2) starts worker processes for the app's short queries; the app's engine asks
    for none (`pg_parallel_workers`), a migration's engine keeps the server's, and the setting is read."""
    from visitapp.core.settings import get_settings

    assert _parallel_workers(db.get_engine(pg_url)) == "0"
    migrations = db.make_engine(pg_url, for_migrations=True)
    try:
        assert _parallel_workers(migrations) != "0"
    finally:
        migrations.dispose()
    monkeypatch.setenv("VISITAPP_PG_PARALLEL_WORKERS", "3")
    get_settings.cache_clear()
    told = db.make_engine(pg_url)
    try:
        assert _parallel_workers(told) == "3"
    finally:
        told.dispose()
        monkeypatch.delenv("VISITAPP_PG_PARALLEL_WORKERS")
        get_settings.cache_clear()


def test_options_the_url_gives_are_kept_beside_the_parallel_setting(pg_url):
    engine = db.make_engine(f"{pg_url}?options=-c%20work_mem%3D7MB")
    try:
        with engine.connect() as c:
            assert c.execute(sa.text("show work_mem")).scalar_one() == "7MB"
        assert _parallel_workers(engine) == "0"
    finally:
        engine.dispose()
