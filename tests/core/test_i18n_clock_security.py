import re
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

import pytest
from argon2 import PasswordHasher

from visitapp import i18n
from visitapp.core import access, clock, security
from visitapp.core.enums import Confirmation, Role, VisitStatus
from visitapp.core.errors import Forbidden
from visitapp.core.identity import Identity
from visitapp.core.security import (
    hash_password,
    hash_token,
    hash_verifier,
    new_token,
    password_needs_rehash,
    verifier_matches,
    verify_password,
)
from visitapp.core.settings import get_settings, reset_settings_cache
from visitapp.i18n.messages import MESSAGES


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, texts in MESSAGES.items():
        assert set(texts) == {"zh-CN", "en"}, key
        assert all(texts.values()), key
        # "{count|case|cases}" (a plural choice) names a placeholder too
        ph = {lang: set(re.findall(r"{(\w+)(?:\|[^{}]*)?}", text)) for lang, text in texts.items()}
        assert ph["zh-CN"] == ph["en"], key
        assert not i18n.PLURAL.search(texts["zh-CN"]), key  # Chinese has one form


def test_every_contact_result_has_a_label():
    from visitapp.compliance.services.contact import BLOCKED, PENDING, RESULTS

    for code in {PENDING, BLOCKED, *(r for results in RESULTS.values() for r in results)}:
        assert f"result.{code}" in MESSAGES, code


def test_every_status_and_role_has_a_label():
    for prefix, values in (("confirmation", Confirmation), ("visit.status", VisitStatus), ("role", Role)):
        for v in values:
            assert f"{prefix}.{v.value}" in MESSAGES


def test_translate_defaults_to_chinese_and_formats():
    assert i18n.t("agent.today.progress", None, done=3, total=9) == "已完成 3 / 9"
    assert i18n.t("agent.today.progress", "en", done=3, total=9) == "3 of 9 done"
    assert i18n.t("no.such.key", "en") == "no.such.key"


def test_a_count_picks_the_plural_form_of_the_language():
    assert [i18n.t("audit.exported", "en", rows=n) for n in (0, 1, 2)] == [
        "Exported 0 entries",
        "Exported 1 entry",
        "Exported 2 entries",
    ]
    assert i18n.t("audit.exported", "zh-CN", rows=1) == "已导出 1 条记录"
    assert i18n.t("dispatch.assigned_n", "en", count=1) == "1 case assigned."
    assert i18n.t("dispatch.assigned_n", "en", count=3) == "3 cases assigned."
    assert i18n.t("assign.auto_skipped", "en", count=1).startswith("1 case has no map position and was not")
    assert i18n.plurals("{n|one|other}", "en", {"n": "1"}) == "other"  # only a number is counted


def test_money_is_exact_and_localised():
    assert i18n.money(123456789, "en") == "CN¥1,234,567.89"
    assert i18n.money(5, "zh-CN") == "¥0.05"


def test_clock_can_be_fixed_by_setting(monkeypatch):
    clock.set_now(None)
    monkeypatch.setenv("VISITAPP_NOW", "2026-02-17T08:00:00+08:00")
    reset_settings_cache()
    try:
        assert clock.now() == datetime(2026, 2, 17, 0, 0, tzinfo=UTC)
        assert clock.today().isoformat() == "2026-02-17"
        monkeypatch.setenv("VISITAPP_NOW", "2026-02-17T08:00:00")
        reset_settings_cache()
        with pytest.raises(clock.ClockError, match="time zone"):
            clock.now()
    finally:
        monkeypatch.delenv("VISITAPP_NOW")
        reset_settings_cache()


def test_an_offset_clock_ticks_from_its_origin_so_that_workers_started_apart_agree(monkeypatch):
    """Two workers started 40 s apart with the same VISITAPP_CLOCK_ORIGIN tell the same time; without it
    each counts from its own start (and a second process would run 40 s behind)."""
    clock.set_now(None)
    monkeypatch.setenv("VISITAPP_NOW", "2026-11-23T16:30:00+08:00")
    monkeypatch.setenv("VISITAPP_CLOCK_MODE", "offset")
    monkeypatch.setenv("VISITAPP_CLOCK_ORIGIN", str(time.time() - 40))
    reset_settings_cache()
    try:
        elapsed = (clock.now() - datetime(2026, 11, 23, 8, 30, tzinfo=UTC)).total_seconds()
        assert 40 <= elapsed < 45
        monkeypatch.setenv("VISITAPP_CLOCK_ORIGIN", "tomorrow")
        reset_settings_cache()
        with pytest.raises(ValueError, match="VISITAPP_CLOCK_ORIGIN is Unix seconds"):
            get_settings()
    finally:
        for name in ("VISITAPP_NOW", "VISITAPP_CLOCK_MODE", "VISITAPP_CLOCK_ORIGIN"):
            monkeypatch.delenv(name)
        reset_settings_cache()


def test_clock_without_setting_is_the_real_time():
    clock.set_now(None)
    assert abs((clock.now() - datetime.now(UTC)).total_seconds()) < 5


def test_passwords_are_hashed_with_argon2id():
    h = hash_password("s3cret!")
    assert h.startswith("$argon2id$") and "s3cret" not in h
    assert verify_password(h, "s3cret!")
    assert not verify_password(h, "s3cret")
    assert not verify_password("garbage", "s3cret!")


def test_password_hashes_use_owasps_minimum_and_older_ones_are_marked_for_rehash():
    assert "$m=19456,t=2,p=1$" in hash_password("s3cret!")
    older = PasswordHasher().hash("s3cret!")  # the library's default, as hashes made before were
    assert verify_password(older, "s3cret!") and password_needs_rehash(older)
    assert not password_needs_rehash(hash_password("s3cret!"))


def test_a_hash_waits_for_a_slot_that_another_process_holds(monkeypatch):
    """The limit on concurrent password hashes holds across worker processes (a flock'ed file per slot)."""
    monkeypatch.setattr(security, "HASHING_SLOTS", 1)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from visitapp.core import security as s; s.HASHING_SLOTS = 1\n"
            "with s.hashing_slot():\n print('held', flush=True); sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        got = threading.Event()

        def hash_one():
            with security.hashing_slot():
                got.set()

        waiter = threading.Thread(target=hash_one)
        waiter.start()
        assert not got.wait(0.5), "the slot was taken while another process held it"
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert got.wait(10), "the slot was not handed over when the other process let it go"
        waiter.join()
    finally:
        holder.kill()
        holder.wait()


def test_tokens_are_long_random_and_stored_hashed():
    a, b = new_token(), new_token()
    assert a != b and len(a) >= 43  # 256 bits in base64url
    assert hash_token(a) != a and len(hash_token(a)) == 64


def test_verifier_hash_needs_the_key():
    stored = hash_verifier("k1", "7", "birth_year", "1985")
    assert verifier_matches("k1", "7", "birth_year", "1985", stored)
    assert not verifier_matches("k2", "7", "birth_year", "1985", stored)
    assert not verifier_matches("k1", "8", "birth_year", "1985", stored)
    assert not verifier_matches("k1", "7", "birth_year", "1985", None)


def test_require_role():
    agent = Identity(1, "a", "A", Role.AGENT, None, "zh-CN")
    assert access.require(agent, access.FIELD) is agent
    with pytest.raises(Forbidden):
        access.require(agent, {Role.DISPATCHER})
    with pytest.raises(Forbidden):
        access.require(None, access.FIELD)
    from visitapp.core.routes import home_path

    assert home_path(Role.AGENT) == "/agent"
    assert home_path(Role.SUPERVISOR) == "/dispatch"
    assert home_path(Role.ADMIN) == "/admin/audit"  # compliance lands on an admin page, not the case list


def test_no_message_key_is_defined_in_two_catalogs():
    from visitapp.i18n.messages import DUPLICATES

    assert DUPLICATES == []
