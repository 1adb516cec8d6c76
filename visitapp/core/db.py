"""Engine, sessions and migrations. The only module that creates engines."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from visitapp.core.settings import ROOT, get_settings


def make_engine(url: str, *, for_migrations: bool = False) -> Engine:
    """`for_migrations` (SQLite): foreign keys off, since SQLite rebuilds a table to alter it, which would
    trip the keys of the tables that reference it (env.py checks them after the upgrade); and DDL inside
    real transactions, so that a failed migration leaves nothing half-done (pysqlite's default mode
    commits DDL as it goes).

    PostgreSQL: the app's connections run without parallel query (`pg_parallel_workers`, default 0). The app
    sends short queries from many sessions at once; a parallel plan starts worker processes for each (a few
    ms) and takes cores the other sessions need, and the planner picks parallel sequential scans where one
    index scan is faster alone (the supervisor's board at a million cases: 18 ms p50 parallel, 3 ms
    without). Migrations keep the server's setting (their one-off backfills over whole tables). Options the
    URL already gives (`?options=...`) are kept: connect_args would replace them."""
    kwargs: dict = {"pool_pre_ping": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    elif url.startswith("postgresql") and not for_migrations:
        given = sa.make_url(url).query.get("options") or ""
        workers = f"-c max_parallel_workers_per_gather={get_settings().pg_parallel_workers}"
        kwargs["connect_args"] = {"options": f"{given} {workers}".strip()}
    engine = sa.create_engine(url, **kwargs)
    if url.startswith("sqlite"):

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA foreign_keys={'OFF' if for_migrations else 'ON'}")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
            if for_migrations:
                dbapi_conn.isolation_level = None  # let SQLAlchemy's BEGIN below own the transaction

        if for_migrations:

            @sa.event.listens_for(engine, "begin")
            def _begin(conn):
                conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@lru_cache(maxsize=4)
def get_engine(url: str | None = None) -> Engine:
    return make_engine(url or get_settings().database_url)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A unit of work: commits on success, rolls back on error."""
    with Session(get_engine(url), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.attributes["database_url"] = url
    return cfg


def upgrade(url: str | None = None, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url or get_settings().database_url), revision)


def downgrade(url: str | None, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(url or get_settings().database_url), revision)
