"""Addresses that leave the app (the SMS link, the QR code of the badge): always built from the settings,
never from a request's headers, so a forged Origin or Host cannot point a debtor at another site."""

from __future__ import annotations

from visitapp.core.settings import get_settings


def public_base() -> str:
    """The public address of the app: VISITAPP_PUBLIC_URL, else the deploy URL."""
    s = get_settings()
    return (s.public_url or s.deploy_url).rstrip("/")
