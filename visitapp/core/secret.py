"""The installation's own secret key: `python -m visitapp.core.secret` creates <private dir>/secret.key (random,
readable by this user only, never committed) unless VISITAPP_SECRET_KEY is set, and refuses to go on with a
short or published key. `make run` and the production profile call it before the app starts."""

from __future__ import annotations

import os
import secrets
import sys

from visitapp.core.settings import SECRET_FILE, SecretKeyError, get_settings, reset_settings_cache


def ensure() -> str:
    """The key in force, creating the installation's key file when there is none. Raises SecretKeyError
    for a key that must not be used."""
    settings = get_settings()
    if settings.secret is None:
        folder = settings.private_dir
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / SECRET_FILE
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never overwrite a key
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(secrets.token_urlsafe(48) + "\n")
        reset_settings_cache()
        settings = get_settings()
    return settings.secret_key


if __name__ == "__main__":
    try:
        ensure()
    except (SecretKeyError, FileExistsError) as exc:
        print(f"visitapp: {exc}", file=sys.stderr)
        sys.exit(1)
    source = (
        "VISITAPP_SECRET_KEY"
        if os.environ.get("VISITAPP_SECRET_KEY")
        else str(get_settings().private_dir / SECRET_FILE)
    )
    print(f"secret key: {source}")
