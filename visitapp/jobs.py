"""Scheduled jobs, runnable by hand or from cron: `python -m visitapp.jobs purge`."""

from __future__ import annotations

import argparse
import sys

from sqlmodel import Session

from visitapp.db import session_scope
from visitapp.services import audit, policy_settings


def retention_purge(session: Session, *, actor_id: int | None = None) -> audit.PurgeResult:
    """Remove audit, ledger and login records older than the configured retention."""
    years = policy_settings.load(session).retention_years
    return audit.purge(session, actor_id=actor_id, retention_years=years)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m visitapp.jobs")
    parser.add_argument("job", choices=["purge"])
    args = parser.parse_args(argv)
    if args.job == "purge":
        with session_scope() as s:
            r = retention_purge(s)
        print(f"purged records before {r.cutoff:%Y-%m-%d}: audit_log={r.audit_log} "
              f"contact_ledger={r.contact_ledger} login_attempt={r.login_attempt}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
