"""No known key signs anything: without VISITAPP_SECRET_KEY the installation makes its own random key, and a
URL signed with the old published default (or any other key) is refused."""

import os
import stat

import pytest

from visitapp.core import secret, signed_urls
from visitapp.core.security import sign
from visitapp.core.settings import SecretKeyError, get_settings, reset_settings_cache


@pytest.fixture
def no_key(tmp_path, monkeypatch):
    monkeypatch.delenv("VISITAPP_SECRET_KEY", raising=False)
    monkeypatch.setenv("VISITAPP_PRIVATE_DIR", str(tmp_path))
    reset_settings_cache()
    yield tmp_path
    reset_settings_cache()


def test_there_is_no_default_key(no_key):
    with pytest.raises(SecretKeyError):
        _ = get_settings().secret_key
    with pytest.raises(SecretKeyError):
        signed_urls.query("photo:1", 60)


def test_the_installation_makes_its_own_private_random_key_once(no_key):
    key = secret.ensure()
    path = no_key / "secret.key"
    assert len(key) >= 48 and path.read_text().strip() == key
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    reset_settings_cache()
    assert secret.ensure() == key  # a second run keeps it (signed URLs and verifier hashes stay valid)


def test_a_url_signed_with_the_old_default_key_is_refused(no_key):
    secret.ensure()
    expires = "9999999999"
    forged = sign("dev-only-not-secret", f"photo:7:{expires}")
    assert not signed_urls.valid("photo:7", expires, forged)
    genuine = dict(pair.split("=") for pair in signed_urls.query("photo:7", 60).split("&"))
    assert signed_urls.valid("photo:7", genuine["e"], genuine["s"])


@pytest.mark.parametrize("weak", ["dev-only-not-secret", "short", "test-secret"])
def test_a_short_or_published_key_is_refused(weak, monkeypatch):
    monkeypatch.setenv("VISITAPP_SECRET_KEY", weak)
    reset_settings_cache()
    try:
        with pytest.raises(SecretKeyError):
            _ = get_settings().secret_key
        with pytest.raises(SecretKeyError):
            secret.ensure()
    finally:
        monkeypatch.undo()
        reset_settings_cache()
