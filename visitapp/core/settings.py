"""Configuration from the environment, read in one place.

Every setting has a default that runs the app on SQLite with nothing else configured.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import overload

from visitapp.core.geo import Tiles, tiles_from

ROOT = Path(__file__).resolve().parents[2]  # the checkout: visitapp/core/settings.py


MIN_SECRET_LENGTH = 32
# keys that were ever defaults or examples: anyone could sign with them
KNOWN_SECRETS = frozenset({"dev-only-not-secret", "change-me", "secret", "test-secret", "e2e-secret", "bench-secret"})
SECRET_FILE = "secret.key"


class SecretKeyError(RuntimeError):
    pass


def _secret(private_dir: Path) -> str | None:
    given = _env("VISITAPP_SECRET_KEY")
    if given is not None:
        return given
    path = private_dir / SECRET_FILE
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


@dataclass(frozen=True)
class Settings:
    database_url: str
    redis_url: str | None
    timezone: str
    company_name: str
    company_name_en: str
    company_phone: str  # the number debtors call for help (locked or replaced links, questions)
    session_hours: int
    now: str | None
    clock_mode: str
    secret: str | None  # see `secret_key`
    public_url: str | None
    deploy_url: str
    sms_provider: str
    sms_url: str | None
    sms_token: str | None
    private_dir: Path
    link_days: int
    sms_webhook_secret: str | None = None
    clock_origin: float | None = None  # offset clock: the real Unix time at which VISITAPP_NOW applies
    solver_searches: int = 1  # parallel route searches of one planning day (a core each), the best kept
    pg_parallel_workers: int = 0  # PostgreSQL's max_parallel_workers_per_gather on the app's connections
    api_url: str = "http://localhost:8000"  # the backend's address: private files (photos) are served there
    sms_max_attempts: int = 5
    sms_retry_base_seconds: int = 60
    tiles: Tiles | None = None  # the street map's tile server (core.geo); None: the offline sketch

    @property
    def secret_key(self) -> str:
        """The key that signs private-file URLs and keys the debtor-verifier hashes. There is no default:
        VISITAPP_SECRET_KEY, else the installation's own random key in <private dir>/secret.key, which
        `python -m visitapp.core.secret` (run by `make run`) creates. A short or published key is refused."""
        if self.secret is None:
            raise SecretKeyError(
                "no secret key: set VISITAPP_SECRET_KEY or run `python -m visitapp.core.secret` (make run does)"
            )
        if len(self.secret) < MIN_SECRET_LENGTH or self.secret in KNOWN_SECRETS:
            raise SecretKeyError("VISITAPP_SECRET_KEY is too short or a published value: use a random one")
        return self.secret


@overload
def _env(name: str, default: str) -> str: ...
@overload
def _env(name: str, default: None = None) -> str | None: ...
def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _clock_origin(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"VISITAPP_CLOCK_ORIGIN is Unix seconds (e.g. `date +%s`), not {text!r}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    private_dir = Path(_env("VISITAPP_PRIVATE_DIR", str(ROOT / ".private")) or ROOT / ".private")
    return Settings(
        database_url=_env("VISITAPP_DATABASE_URL", f"sqlite:///{ROOT / 'visitapp.db'}"),
        redis_url=_env("VISITAPP_REDIS_URL"),
        timezone=_env("VISITAPP_TIMEZONE", "Asia/Shanghai"),
        company_name=_env("VISITAPP_COMPANY", "安信资产管理有限公司"),
        company_name_en=_env("VISITAPP_COMPANY_EN", "Anxin Asset Management Co., Ltd."),
        company_phone=_env("VISITAPP_COMPANY_PHONE", "400-123-4567"),  # the demo company's service line
        session_hours=int(_env("VISITAPP_SESSION_HOURS", "12")),
        now=_env("VISITAPP_NOW"),
        clock_mode=_env("VISITAPP_CLOCK_MODE", "fixed"),
        clock_origin=_clock_origin(_env("VISITAPP_CLOCK_ORIGIN")),
        solver_searches=max(1, int(_env("VISITAPP_SOLVER_SEARCHES", str(min(4, os.cpu_count() or 1))))),
        pg_parallel_workers=max(0, int(_env("VISITAPP_PG_PARALLEL_WORKERS", "0"))),
        secret=_secret(private_dir),
        public_url=_env("VISITAPP_PUBLIC_URL"),  # the address printed in QR codes and SMS links
        deploy_url=_env("VISITAPP_DEPLOY_URL", "http://localhost:3000"),  # where the app is served
        sms_provider=_env("VISITAPP_SMS_PROVIDER", "outbox"),  # outbox | http
        sms_url=_env("VISITAPP_SMS_URL"),
        sms_token=_env("VISITAPP_SMS_TOKEN"),
        private_dir=private_dir,  # photos, uploads, the secret key: never served
        link_days=int(_env("VISITAPP_LINK_DAYS", "7")),  # a debtor link lives until this long after the visit
        api_url=_env("VISITAPP_API_URL", "http://localhost:8000"),
        # delivery reports (POST /api/sms/status) must carry it in X-Visitapp-Secret; unset: the route answers 503
        sms_webhook_secret=_env("VISITAPP_SMS_WEBHOOK_SECRET"),
        sms_max_attempts=max(1, int(_env("VISITAPP_SMS_MAX_ATTEMPTS", "5"))),  # then the message is "failed"
        sms_retry_base_seconds=max(1, int(_env("VISITAPP_SMS_RETRY_BASE_SECONDS", "60"))),  # 1, 2, 4, 8 min...
        tiles=tiles_from(  # the street map's tile server (core.geo); none: the offline sketch
            _env("VISITAPP_MAP_TILES"),
            attribution=_env("VISITAPP_MAP_ATTRIBUTION", ""),
            subdomains=_env("VISITAPP_MAP_SUBDOMAINS", "abc"),
            gcj02=_env("VISITAPP_MAP_GCJ02", "").strip().lower() in ("1", "true", "yes"),
        ),
    )


def reset_settings_cache() -> None:
    """Tests change the environment and call this."""
    get_settings.cache_clear()
