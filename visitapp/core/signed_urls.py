"""Short-lived signed URLs for private files (photos, agreements): an <img> or a download link cannot send
the session token, so the server signs "what and until when" with its secret key instead."""

from __future__ import annotations

from visitapp.core import clock
from visitapp.core.security import sign, signature_matches
from visitapp.core.settings import get_settings


def query(message: str, seconds: int) -> str:
    """`e=<expiry>&s=<signature>` for a message such as "photo:12"."""
    expires = int(clock.now().timestamp()) + seconds
    return f"e={expires}&s={sign(get_settings().secret_key, f'{message}:{expires}')}"


def valid(message: str, expires: str, signature: str) -> bool:
    try:
        until = int(expires)
    except (TypeError, ValueError):
        return False
    if until < clock.now().timestamp():
        return False
    return signature_matches(get_settings().secret_key, f"{message}:{until}", signature)
