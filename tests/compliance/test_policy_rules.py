"""Table-driven tests of the compliance policy, rule by rule, for both profiles (CN-2026 and US-RegF)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from visitapp.compliance.rules.policy import (
    DebtorState,
    PastContact,
    PolicyConfig,
    Proposed,
    decide,
    default_config,
    validate_config,
)
from visitapp.core.enums import Channel
from visitapp.i18n import reason_text, t

UTC = UTC
SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
LA = ZoneInfo("America/Los_Angeles")

CN = default_config()
US = default_config("US-RegF")
CN_DEBTOR = DebtorState()  # Asia/Shanghai
NY_DEBTOR = DebtorState(timezone="America/New_York")
LA_DEBTOR = DebtorState(timezone="America/Los_Angeles")

SMS, CALL, VISIT, LETTER, LINK_VIEW = Channel.SMS, Channel.CALL, Channel.VISIT, Channel.LETTER, Channel.LINK_VIEW


def sh(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=SH)


def ny(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=NY)


def la(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=LA)


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


def visit(at: datetime, cfg: PolicyConfig = CN, **kw) -> Proposed:
    """A properly staffed visit to the debtor."""
    kw.setdefault("agents", cfg.agents_per_visit)
    return Proposed(VISIT, at, **kw)


def past(channel: str, at: datetime, result: str = "", **kw) -> PastContact:
    return PastContact(str(channel), at, result, **kw)


def same_instant(a: datetime | None, b: datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.astimezone(UTC) == b.astimezone(UTC)


def assert_decision(dec, allowed: bool, codes: set[str] | None = None, next_at: datetime | str | None = "skip"):
    assert dec.allowed is allowed, dec
    if codes is not None:
        assert set(dec.codes) == codes, dec
    if next_at != "skip":
        assert same_instant(dec.next_allowed_at, next_at), (dec.next_allowed_at, next_at)


# --- quiet hours ---

# A Monday, 2026-11-23: a workday in both countries, no DST change around it.
QUIET_CN = [
    # (channel, local time, allowed, next allowed (local, Shanghai))
    (SMS, sh(2026, 11, 23, 7, 59), False, sh(2026, 11, 23, 8)),
    (SMS, sh(2026, 11, 23, 8, 0), True, None),
    (SMS, sh(2026, 11, 23, 21, 59), True, None),
    (SMS, sh(2026, 11, 23, 22, 0), False, sh(2026, 11, 24, 8)),
    (SMS, sh(2026, 11, 23, 23, 30), False, sh(2026, 11, 24, 8)),
    (SMS, sh(2026, 11, 24, 3, 0), False, sh(2026, 11, 24, 8)),
    (CALL, sh(2026, 11, 23, 7, 59), False, sh(2026, 11, 23, 8)),
    (CALL, sh(2026, 11, 23, 8, 0), True, None),
    (CALL, sh(2026, 11, 23, 21, 59), True, None),
    (CALL, sh(2026, 11, 23, 22, 0), False, sh(2026, 11, 24, 8)),
    # a visit at 07:59 is also outside the slots: next allowed is the first slot
    (VISIT, sh(2026, 11, 23, 7, 59), False, sh(2026, 11, 23, 9)),
    (VISIT, sh(2026, 11, 23, 22, 0), False, sh(2026, 11, 24, 9)),
]


@pytest.mark.parametrize(
    ("channel", "at", "allowed", "next_at"),
    QUIET_CN,
    ids=[f"cn-{c}-{at:%H%M}" + ("-allowed" if ok else "-blocked") for c, at, ok, _ in QUIET_CN],
)
def test_quiet_hours_cn(channel, at, allowed, next_at):
    p = visit(at) if channel == VISIT else Proposed(channel, at, target_ref="+8613800000001")
    dec = decide(p, CN, CN_DEBTOR)
    assert dec.allowed is allowed
    assert ("time.quiet_hours" in dec.codes) is (not allowed)
    assert same_instant(dec.next_allowed_at, next_at), dec
    if not allowed:
        quiet = next(r for r in dec.reasons if r.code == "time.quiet_hours")
        assert quiet.kw == {"start": "08:00", "end": "22:00"}


@pytest.mark.parametrize("channel", [SMS, CALL, VISIT], ids=str)
@pytest.mark.parametrize("at", [sh(2026, 11, 23, 22, 30), sh(2026, 11, 24, 6, 0)], ids=["2230", "0600"])
def test_quiet_hours_cn_allowed_when_agreed(channel, at):
    p = visit(at, agreed_time=True) if channel == VISIT else Proposed(channel, at, agreed_time=True)
    assert decide(p, CN, CN_DEBTOR).allowed


QUIET_US = [
    # (id, debtor, proposed at, allowed, next allowed)
    ("ny-0759", NY_DEBTOR, ny(2026, 11, 23, 7, 59), False, ny(2026, 11, 23, 8)),
    ("ny-0800", NY_DEBTOR, ny(2026, 11, 23, 8, 0), True, None),
    ("ny-2059", NY_DEBTOR, ny(2026, 11, 23, 20, 59), True, None),
    ("ny-2100", NY_DEBTOR, ny(2026, 11, 23, 21, 0), False, ny(2026, 11, 24, 8)),
    ("ny-2159-utc-given", NY_DEBTOR, utc(2026, 11, 24, 2, 59), False, utc(2026, 11, 24, 13)),
    # the same instants, for a debtor in Los Angeles: their own clock decides
    ("la-same-instant-1859", LA_DEBTOR, utc(2026, 11, 24, 2, 59), True, None),
    ("la-0530-while-ny-0830", LA_DEBTOR, utc(2026, 11, 23, 13, 30), False, la(2026, 11, 23, 8)),
    ("la-0800", LA_DEBTOR, utc(2026, 11, 23, 16, 0), True, None),
    ("la-2059", LA_DEBTOR, la(2026, 11, 23, 20, 59), True, None),
    ("la-2100", LA_DEBTOR, utc(2026, 11, 24, 5, 0), False, utc(2026, 11, 24, 16)),
    # CN hours do not apply under Reg F: 21:30 is quiet in the US profile
    ("ny-2130", NY_DEBTOR, ny(2026, 11, 23, 21, 30), False, ny(2026, 11, 24, 8)),
]


@pytest.mark.parametrize("channel", [SMS, CALL], ids=str)
@pytest.mark.parametrize(
    ("debtor", "at", "allowed", "next_at"), [c[1:] for c in QUIET_US], ids=[c[0] for c in QUIET_US]
)
def test_quiet_hours_us(channel, debtor, at, allowed, next_at):
    dec = decide(Proposed(channel, at), US, debtor)
    assert_decision(dec, allowed, set() if allowed else {"time.quiet_hours"}, next_at)


US_DST = [
    # spring forward, 2026-03-08: 02:00 EST -> 03:00 EDT
    ("spring-0130-est", utc(2026, 3, 8, 6, 30), False, utc(2026, 3, 8, 12)),
    ("spring-0759-edt", utc(2026, 3, 8, 11, 59), False, utc(2026, 3, 8, 12)),
    ("spring-0800-edt", utc(2026, 3, 8, 12, 0), True, None),
    ("spring-2059-edt", ny(2026, 3, 8, 20, 59), True, None),
    ("spring-2100-edt", ny(2026, 3, 8, 21, 0), False, utc(2026, 3, 9, 12)),
    ("spring-2100-edt-utc-given", utc(2026, 3, 9, 1, 0), False, utc(2026, 3, 9, 12)),
    # fall back, 2026-11-01: 02:00 EDT -> 01:00 EST
    ("fall-0130-edt", utc(2026, 11, 1, 5, 30), False, utc(2026, 11, 1, 13)),
    ("fall-0130-est", utc(2026, 11, 1, 6, 30), False, utc(2026, 11, 1, 13)),
    ("fall-0730-est", utc(2026, 11, 1, 12, 30), False, utc(2026, 11, 1, 13)),
    ("fall-0800-est", utc(2026, 11, 1, 13, 0), True, None),
    ("fall-2059-est", utc(2026, 11, 2, 1, 59), True, None),
    ("fall-2100-est", utc(2026, 11, 2, 2, 0), False, utc(2026, 11, 2, 13)),
    ("fall-2100-est-local-given", ny(2026, 11, 1, 21, 0), False, utc(2026, 11, 2, 13)),
]


@pytest.mark.parametrize(("at", "allowed", "next_at"), [c[1:] for c in US_DST], ids=[c[0] for c in US_DST])
def test_quiet_hours_us_dst(at, allowed, next_at):
    dec = decide(Proposed(CALL, at), US, NY_DEBTOR)
    assert_decision(dec, allowed, set() if allowed else {"time.quiet_hours"}, next_at)


# --- offered visit slots ---

SLOTS = [
    # (id, cfg, debtor, local at, extra Proposed fields, allowed, next allowed)
    ("cn-0859", CN, CN_DEBTOR, sh(2026, 11, 23, 8, 59), {}, False, sh(2026, 11, 23, 9)),
    ("cn-0900", CN, CN_DEBTOR, sh(2026, 11, 23, 9, 0), {}, True, None),
    ("cn-1059", CN, CN_DEBTOR, sh(2026, 11, 23, 10, 59), {}, True, None),
    ("cn-1100-end-exclusive", CN, CN_DEBTOR, sh(2026, 11, 23, 11, 0), {}, False, sh(2026, 11, 23, 14)),
    ("cn-1359", CN, CN_DEBTOR, sh(2026, 11, 23, 13, 59), {}, False, sh(2026, 11, 23, 14)),
    ("cn-1400", CN, CN_DEBTOR, sh(2026, 11, 23, 14, 0), {}, True, None),
    ("cn-1559", CN, CN_DEBTOR, sh(2026, 11, 23, 15, 59), {}, True, None),
    ("cn-1600-end-exclusive", CN, CN_DEBTOR, sh(2026, 11, 23, 16, 0), {}, False, sh(2026, 11, 24, 9)),
    ("cn-1930-not-requested", CN, CN_DEBTOR, sh(2026, 11, 23, 19, 30), {}, False, sh(2026, 11, 24, 9)),
    ("cn-1930-night-worker", CN, DebtorState(night_worker=True), sh(2026, 11, 23, 19, 30), {}, True, None),
    ("cn-1930-evening-requested", CN, CN_DEBTOR, sh(2026, 11, 23, 19, 30), {"evening_requested": True}, True, None),
    (
        "cn-1859-night-worker",
        CN,
        DebtorState(night_worker=True),
        sh(2026, 11, 23, 18, 59),
        {},
        False,
        sh(2026, 11, 23, 19),
    ),
    ("cn-2059-night-worker", CN, DebtorState(night_worker=True), sh(2026, 11, 23, 20, 59), {}, True, None),
    (
        "cn-2100-night-worker-end-exclusive",
        CN,
        DebtorState(night_worker=True),
        sh(2026, 11, 23, 21, 0),
        {},
        False,
        sh(2026, 11, 24, 9),
    ),
    ("us-0900", US, NY_DEBTOR, ny(2026, 11, 23, 9, 0), {}, True, None),
    ("us-1100", US, NY_DEBTOR, ny(2026, 11, 23, 11, 0), {}, False, ny(2026, 11, 23, 14)),
    ("us-1600", US, NY_DEBTOR, ny(2026, 11, 23, 16, 0), {}, False, ny(2026, 11, 24, 9)),
    (
        "us-2030-night-worker",
        US,
        DebtorState(timezone="America/New_York", night_worker=True),
        ny(2026, 11, 23, 20, 30),
        {},
        True,
        None,
    ),
    ("us-2030-evening-requested", US, NY_DEBTOR, ny(2026, 11, 23, 20, 30), {"evening_requested": True}, True, None),
    ("us-2030-not-requested", US, NY_DEBTOR, ny(2026, 11, 23, 20, 30), {}, False, ny(2026, 11, 24, 9)),
    ("la-0930-given-in-utc", US, LA_DEBTOR, utc(2026, 11, 23, 17, 30), {}, True, None),
]


@pytest.mark.parametrize(
    ("cfg", "debtor", "at", "extra", "allowed", "next_at"), [c[1:] for c in SLOTS], ids=[c[0] for c in SLOTS]
)
def test_visit_slots(cfg, debtor, at, extra, allowed, next_at):
    dec = decide(visit(at, cfg, **extra), cfg, debtor)
    assert dec.allowed is allowed, dec
    assert ("visit.outside_slots" in dec.codes) is (not allowed)
    assert same_instant(dec.next_allowed_at, next_at), dec


@pytest.mark.parametrize(("cfg", "debtor", "zone"), [(CN, CN_DEBTOR, SH), (US, NY_DEBTOR, NY)], ids=["cn", "us"])
def test_confirmed_appointment_outside_slots_is_allowed_but_counts_caps(cfg, debtor, zone):
    at = datetime(2026, 11, 23, 12, 30, tzinfo=zone)
    assert decide(visit(at, cfg, agreed_time=True), cfg, debtor).allowed
    assert decide(visit(at, cfg, agreed_time=True), cfg, debtor).reasons == ()
    # another visit the same day: the daily cap still applies to a confirmed appointment
    earlier = [past(VISIT, datetime(2026, 11, 23, 9, 30, tzinfo=zone), "met")]
    dec = decide(visit(at, cfg, agreed_time=True), cfg, debtor, earlier)
    assert_decision(dec, False, {"visit.daily_cap"}, datetime(2026, 11, 24, 0, 0, tzinfo=zone))
    # two visits earlier in the week: the weekly cap too
    week = [past(VISIT, datetime(2026, 11, d, 10, tzinfo=zone), "met") for d in (18, 20)]
    dec = decide(visit(at, cfg, agreed_time=True), cfg, debtor, week)
    assert_decision(dec, False, {"visit.weekly_cap"}, datetime(2026, 11, 25, 10, tzinfo=zone))


# --- public holidays and make-up workdays ---

HOLIDAYS = [
    # (id, cfg, debtor, local day, allowed, codes, next allowed)
    ("cn-2026-10-01-national-day", CN, CN_DEBTOR, sh(2026, 10, 1, 10), False, {"visit.holiday"}, sh(2026, 10, 8, 9)),
    ("cn-2026-10-10-makeup-saturday", CN, CN_DEBTOR, sh(2026, 10, 10, 10), True, set(), None),
    ("cn-2026-02-14-makeup-saturday", CN, CN_DEBTOR, sh(2026, 2, 14, 10), True, set(), None),
    ("cn-2026-02-28-makeup-saturday", CN, CN_DEBTOR, sh(2026, 2, 28, 10), True, set(), None),
    ("cn-2026-02-17-spring-festival", CN, CN_DEBTOR, sh(2026, 2, 17, 10), False, {"visit.holiday"}, sh(2026, 2, 24, 9)),
    (
        "cn-2026-11-28-ordinary-saturday",
        CN,
        CN_DEBTOR,
        sh(2026, 11, 28, 10),
        False,
        {"visit.weekend"},
        sh(2026, 11, 30, 9),
    ),
    ("cn-2026-11-29-sunday", CN, CN_DEBTOR, sh(2026, 11, 29, 10), False, {"visit.weekend"}, sh(2026, 11, 30, 9)),
    ("us-2026-11-26-thanksgiving", US, NY_DEBTOR, ny(2026, 11, 26, 10), False, {"visit.holiday"}, ny(2026, 11, 27, 9)),
    (
        "us-2026-07-03-independence-observed",
        US,
        NY_DEBTOR,
        ny(2026, 7, 3, 10),
        False,
        {"visit.holiday"},
        ny(2026, 7, 6, 9),
    ),
    (
        "us-2026-10-10-saturday-no-cn-makeup",
        US,
        NY_DEBTOR,
        ny(2026, 10, 10, 10),
        False,
        {"visit.weekend"},
        ny(2026, 10, 13, 9),
    ),  # Monday 10-12 is Columbus Day
    ("us-2026-10-01-ordinary-thursday", US, NY_DEBTOR, ny(2026, 10, 1, 10), True, set(), None),
]


@pytest.mark.parametrize(
    ("cfg", "debtor", "at", "allowed", "codes", "next_at"), [c[1:] for c in HOLIDAYS], ids=[c[0] for c in HOLIDAYS]
)
def test_visit_holidays_and_makeup_workdays(cfg, debtor, at, allowed, codes, next_at):
    dec = decide(visit(at, cfg), cfg, debtor)
    assert_decision(dec, allowed, codes, next_at)


@pytest.mark.parametrize(
    ("cfg", "debtor", "at"),
    [
        (CN, CN_DEBTOR, sh(2026, 10, 1, 10)),
        (CN, CN_DEBTOR, sh(2026, 11, 28, 10)),
        (US, NY_DEBTOR, ny(2026, 11, 26, 10)),
    ],
    ids=["cn-national-day", "cn-saturday", "us-thanksgiving"],
)
def test_holiday_or_weekend_visit_allowed_when_agreed_and_other_channels_unaffected(cfg, debtor, at):
    assert decide(visit(at, cfg, agreed_time=True), cfg, debtor).allowed
    assert decide(Proposed(SMS, at), cfg, debtor).allowed
    assert decide(Proposed(CALL, at), cfg, debtor).allowed


def test_national_day_reason_names_the_holiday_in_both_languages():
    dec = decide(visit(sh(2026, 10, 1, 10)), CN, CN_DEBTOR)
    (reason,) = dec.reasons
    assert reason.code == "visit.holiday"
    assert reason.kw["name"] == "National Day"
    assert reason.kw["name_zh"] == "国庆节"
    zh = reason_text(reason.code, reason.kw, "zh-CN")
    en = reason_text(reason.code, reason.kw, "en")
    assert "国庆节" in zh and "National Day" not in zh
    assert "National Day" in en and "国庆节" not in en


def test_spring_festival_reason_zh_name():
    (reason,) = decide(visit(sh(2026, 2, 17, 10)), CN, CN_DEBTOR).reasons
    assert "春节" in reason_text(reason.code, reason.kw, "zh-CN")


# --- SMS caps ---

MON = (2026, 11, 23)


def sms_days(zone, days, hour=10, **kw):
    return [past(SMS, datetime(2026, 11, d, hour, tzinfo=zone), **kw) for d in days]


SMS_CAPS = [
    # (id, cfg, debtor, history, proposed at, allowed, codes, next allowed)
    (
        "cn-two-today-daily-cap",
        CN,
        CN_DEBTOR,
        [past(SMS, sh(*MON, 9)), past(SMS, sh(*MON, 10))],
        sh(*MON, 12),
        False,
        {"sms.daily_cap"},
        sh(2026, 11, 24, 8),
    ),
    ("cn-one-today", CN, CN_DEBTOR, [past(SMS, sh(*MON, 9))], sh(*MON, 12), True, set(), None),
    (
        "cn-two-blocked-attempts-do-not-count",
        CN,
        CN_DEBTOR,
        [past(SMS, sh(*MON, 9), allowed=False), past(SMS, sh(*MON, 10), allowed=False)],
        sh(*MON, 12),
        True,
        set(),
        None,
    ),
    (
        "cn-two-yesterday",
        CN,
        CN_DEBTOR,
        [past(SMS, sh(2026, 11, 22, 9)), past(SMS, sh(2026, 11, 22, 21))],
        sh(*MON, 8),
        True,
        set(),
        None,
    ),
    (
        "us-ny-two-this-evening-daily-cap",
        US,
        NY_DEBTOR,
        [past(SMS, ny(*MON, 20)), past(SMS, ny(*MON, 20, 30))],
        ny(*MON, 20, 45),
        False,
        {"sms.daily_cap"},
        utc(2026, 11, 24, 13),
    ),
    # the two evening texts fall on 2026-11-24 in UTC, but on the 23rd in New York: the next local day is free
    (
        "us-ny-local-day-not-utc-day",
        US,
        NY_DEBTOR,
        [past(SMS, utc(2026, 11, 24, 1)), past(SMS, utc(2026, 11, 24, 1, 30))],
        utc(2026, 11, 24, 13, 30),
        True,
        set(),
        None,
    ),
    (
        "cn-five-in-week-weekly-cap",
        CN,
        CN_DEBTOR,
        sms_days(SH, range(16, 21)),
        sh(2026, 11, 21, 12),
        False,
        {"sms.weekly_cap"},
        sh(2026, 11, 23, 10),
    ),
    ("cn-four-in-week", CN, CN_DEBTOR, sms_days(SH, range(17, 21)), sh(2026, 11, 21, 12), True, set(), None),
    (
        "cn-five-in-week-one-blocked",
        CN,
        CN_DEBTOR,
        [*sms_days(SH, range(16, 20)), past(SMS, sh(2026, 11, 20, 10), allowed=False)],
        sh(2026, 11, 21, 12),
        True,
        set(),
        None,
    ),
    # the oldest expires at 06:00 (an agreed early text): the cap lifts in quiet hours, so 08:00 it is
    (
        "cn-weekly-expiry-in-quiet-hours",
        CN,
        CN_DEBTOR,
        [past(SMS, sh(2026, 11, 16, 6)), *sms_days(SH, range(17, 21))],
        sh(2026, 11, 21, 12),
        False,
        {"sms.weekly_cap"},
        sh(2026, 11, 23, 8),
    ),
    ("cn-weekly-at-exact-expiry", CN, CN_DEBTOR, sms_days(SH, range(16, 21)), sh(2026, 11, 23, 10), True, set(), None),
    (
        "cn-weekly-one-minute-before-expiry",
        CN,
        CN_DEBTOR,
        sms_days(SH, range(16, 21)),
        sh(2026, 11, 23, 9, 59),
        False,
        {"sms.weekly_cap"},
        sh(2026, 11, 23, 10),
    ),
    (
        "us-five-in-week-weekly-cap",
        US,
        NY_DEBTOR,
        sms_days(NY, range(16, 21), hour=15),
        ny(2026, 11, 21, 12),
        False,
        {"sms.weekly_cap"},
        ny(2026, 11, 23, 15),
    ),
    (
        "cn-daily-and-weekly",
        CN,
        CN_DEBTOR,
        sms_days(SH, range(18, 21)) + [past(SMS, sh(2026, 11, 21, 8, 30))] * 2,
        sh(2026, 11, 21, 12),
        False,
        {"sms.daily_cap", "sms.weekly_cap"},
        sh(2026, 11, 25, 10),
    ),
]


@pytest.mark.parametrize(
    ("cfg", "debtor", "history", "at", "allowed", "codes", "next_at"),
    [c[1:] for c in SMS_CAPS],
    ids=[c[0] for c in SMS_CAPS],
)
def test_sms_caps(cfg, debtor, history, at, allowed, codes, next_at):
    dec = decide(Proposed(SMS, at), cfg, debtor, history)
    assert_decision(dec, allowed, codes, next_at)
    if dec.next_allowed_at is not None:
        local = dec.next_allowed_at.astimezone(ZoneInfo(debtor.timezone)).time()
        assert cfg.contact_start <= local < cfg.contact_end
        assert decide(replace(Proposed(SMS, at), at=dec.next_allowed_at), cfg, debtor, history).allowed


# --- visit caps, fruitless streak, staffing ---


def visits(zone, days, result="met", hour=10, **kw):
    return [past(VISIT, datetime(2026, 11, d, hour, tzinfo=zone), result, **kw) for d in days]


VISIT_CASES = [
    # (id, cfg, debtor, history, proposed (zone, fields), allowed, codes, next allowed)
    (
        "cn-daily-cap",
        CN,
        CN_DEBTOR,
        [past(VISIT, sh(*MON, 9, 30), "met")],
        sh(*MON, 14, 30),
        {},
        False,
        {"visit.daily_cap"},
        sh(2026, 11, 24, 9),
    ),
    (
        "cn-daily-blocked-attempt-does-not-count",
        CN,
        CN_DEBTOR,
        [past(VISIT, sh(*MON, 9, 30), "met", allowed=False)],
        sh(*MON, 14, 30),
        {},
        True,
        set(),
        None,
    ),
    (
        "cn-weekly-cap",
        CN,
        CN_DEBTOR,
        visits(SH, (16, 18)),
        sh(2026, 11, 19, 10),
        {},
        False,
        {"visit.weekly_cap"},
        sh(2026, 11, 23, 10),
    ),
    ("cn-weekly-one-in-window", CN, CN_DEBTOR, visits(SH, (13, 18)), sh(2026, 11, 20, 10), {}, True, set(), None),
    (
        "us-daily-cap",
        US,
        NY_DEBTOR,
        [past(VISIT, ny(*MON, 9, 30), "met")],
        ny(*MON, 14, 30),
        {},
        False,
        {"visit.daily_cap"},
        ny(2026, 11, 24, 9),
    ),
    (
        "us-weekly-cap",
        US,
        NY_DEBTOR,
        visits(NY, (16, 18)),
        ny(2026, 11, 19, 10),
        {},
        False,
        {"visit.weekly_cap"},
        ny(2026, 11, 23, 10),
    ),
    (
        "cn-fruitless-3-needs-approval",
        CN,
        CN_DEBTOR,
        visits(SH, (5, 10, 16), "not_home"),
        sh(*MON, 10),
        {},
        False,
        {"visit.needs_approval"},
        None,
    ),
    (
        "cn-fruitless-mixed-results",
        CN,
        CN_DEBTOR,
        visits(SH, (5,), "refused") + visits(SH, (10,), "wrong_address") + visits(SH, (16,), "not_home"),
        sh(*MON, 10),
        {},
        False,
        {"visit.needs_approval"},
        None,
    ),
    ("cn-fruitless-2", CN, CN_DEBTOR, visits(SH, (10, 16), "not_home"), sh(*MON, 10), {}, True, set(), None),
    (
        "cn-fruitless-reset-by-met",
        CN,
        CN_DEBTOR,
        visits(SH, (2,), "not_home") + visits(SH, (5,)) + visits(SH, (10, 16), "not_home"),
        sh(*MON, 10),
        {},
        True,
        set(),
        None,
    ),
    (
        "cn-fruitless-met-before-streak",
        CN,
        CN_DEBTOR,
        visits(SH, (2,)) + visits(SH, (5, 10, 16), "not_home"),
        sh(*MON, 10),
        {},
        False,
        {"visit.needs_approval"},
        None,
    ),
    (
        "cn-fruitless-supervisor-approved",
        CN,
        CN_DEBTOR,
        visits(SH, (5, 10, 16), "not_home"),
        sh(*MON, 10),
        {"supervisor_approved": True},
        True,
        set(),
        None,
    ),
    (
        "cn-fruitless-blocked-attempt-not-counted",
        CN,
        CN_DEBTOR,
        visits(SH, (5, 10), "not_home") + visits(SH, (16,), "not_home", allowed=False),
        sh(*MON, 10),
        {},
        True,
        set(),
        None,
    ),
    (
        "us-fruitless-3-needs-approval",
        US,
        NY_DEBTOR,
        visits(NY, (5, 10, 16), "not_home"),
        ny(*MON, 10),
        {},
        False,
        {"visit.needs_approval"},
        None,
    ),
    (
        "cn-fruitless-and-outside-slots-no-next",
        CN,
        CN_DEBTOR,
        visits(SH, (5, 10, 16), "not_home"),
        sh(*MON, 12),
        {},
        False,
        {"visit.needs_approval", "visit.outside_slots"},
        None,
    ),
    ("cn-one-agent-staffing", CN, CN_DEBTOR, [], sh(*MON, 10), {"agents": 1}, False, {"visit.staffing"}, None),
    ("cn-two-agents", CN, CN_DEBTOR, [], sh(*MON, 10), {"agents": 2}, True, set(), None),
    ("us-one-agent", US, NY_DEBTOR, [], ny(*MON, 10), {"agents": 1}, True, set(), None),
]


@pytest.mark.parametrize(
    ("cfg", "debtor", "history", "at", "extra", "allowed", "codes", "next_at"),
    [c[1:] for c in VISIT_CASES],
    ids=[c[0] for c in VISIT_CASES],
)
def test_visit_caps_streak_and_staffing(cfg, debtor, history, at, extra, allowed, codes, next_at):
    dec = decide(visit(at, cfg, **extra), cfg, debtor, history)
    assert_decision(dec, allowed, codes, next_at)


def test_staffing_reason_params():
    dec = decide(visit(sh(*MON, 10), agents=1), CN, CN_DEBTOR)
    assert dec.reasons[0].kw == {"required": 2, "present": 1}
    assert dec.next_allowed_at is None
    streak = decide(visit(sh(*MON, 10)), CN, CN_DEBTOR, visits(SH, (5, 10, 16), "not_home"))
    assert streak.reasons[0].kw == {"fruitless": 3}


# --- calls ---

NUM1, NUM2 = "+8613800000001", "+8613800000002"


def calls(at_list, result, ref=NUM1):
    return [past(CALL, at, result, target_ref=ref) for at in at_list]


CALL_CASES = [
    # (id, cfg, debtor, history, proposed at, target_ref, allowed, codes, next allowed)
    (
        "cn-3-connected-today",
        CN,
        CN_DEBTOR,
        calls([sh(*MON, h) for h in (9, 10, 11)], "connected"),
        sh(*MON, 15),
        NUM1,
        False,
        {"call.connected_cap"},
        sh(2026, 11, 24, 8),
    ),
    (
        "cn-3-connected-today-other-number-too",
        CN,
        CN_DEBTOR,
        calls([sh(*MON, h) for h in (9, 10, 11)], "connected"),
        sh(*MON, 15),
        NUM2,
        False,
        {"call.connected_cap"},
        sh(2026, 11, 24, 8),
    ),
    (
        "cn-2-connected-today",
        CN,
        CN_DEBTOR,
        calls([sh(*MON, h) for h in (9, 10)], "connected"),
        sh(*MON, 15),
        NUM1,
        True,
        set(),
        None,
    ),
    (
        "cn-3-connected-yesterday",
        CN,
        CN_DEBTOR,
        calls([sh(2026, 11, 22, h) for h in (9, 10, 11)], "connected"),
        sh(*MON, 8),
        NUM1,
        True,
        set(),
        None,
    ),
    (
        "cn-6-unanswered-same-number",
        CN,
        CN_DEBTOR,
        calls([sh(*MON, 9, m) for m in range(0, 60, 10)], "unanswered"),
        sh(*MON, 15),
        NUM1,
        False,
        {"call.unanswered_cap"},
        sh(2026, 11, 24, 8),
    ),
    (
        "cn-6-unanswered-other-number-allowed",
        CN,
        CN_DEBTOR,
        calls([sh(*MON, 9, m) for m in range(0, 60, 10)], "unanswered"),
        sh(*MON, 15),
        NUM2,
        True,
        set(),
        None,
    ),
    (
        "cn-5-unanswered-same-number",
        CN,
        CN_DEBTOR,
        calls([sh(*MON, 9, m) for m in range(0, 50, 10)], "unanswered"),
        sh(*MON, 15),
        NUM1,
        True,
        set(),
        None,
    ),
    (
        "cn-6-unanswered-blocked-attempts",
        CN,
        CN_DEBTOR,
        [replace(c, allowed=False) for c in calls([sh(*MON, 9, m) for m in range(0, 60, 10)], "unanswered")],
        sh(*MON, 15),
        NUM1,
        True,
        set(),
        None,
    ),
    (
        "cn-no-weekly-call-cap",
        CN,
        CN_DEBTOR,
        calls([sh(2026, 11, d, h) for d in range(17, 23) for h in (9, 12)], "unanswered"),
        sh(*MON, 15),
        NUM1,
        True,
        set(),
        None,
    ),
    (
        "us-7-calls-in-7-days",
        US,
        NY_DEBTOR,
        calls([ny(2026, 11, d, 10) for d in range(16, 23)], "unanswered"),
        ny(*MON, 9),
        NUM1,
        False,
        {"call.weekly_cap"},
        ny(*MON, 10),
    ),
    (
        "us-7-calls-other-number-too",
        US,
        NY_DEBTOR,
        calls([ny(2026, 11, d, 10) for d in range(16, 23)], "unanswered"),
        ny(*MON, 9),
        NUM2,
        False,
        {"call.weekly_cap"},
        ny(*MON, 10),
    ),
    (
        "us-6-calls-in-7-days",
        US,
        NY_DEBTOR,
        calls([ny(2026, 11, d, 10) for d in range(17, 23)], "unanswered"),
        ny(*MON, 9),
        NUM1,
        True,
        set(),
        None,
    ),
    (
        "us-after-conversation",
        US,
        NY_DEBTOR,
        calls([ny(2026, 11, 20, 10, 15)], "connected"),
        ny(*MON, 10),
        NUM1,
        False,
        {"call.after_conversation"},
        ny(2026, 11, 27, 10, 15),
    ),
    (
        "us-after-conversation-evening",
        US,
        NY_DEBTOR,
        calls([ny(2026, 11, 20, 20, 30)], "connected"),
        ny(*MON, 10),
        NUM1,
        False,
        {"call.after_conversation"},
        ny(2026, 11, 27, 20, 30),
    ),
    # conversation at 21:30 (agreed): seven days later is quiet hours, so 08:00 the day after
    (
        "us-after-conversation-expiry-in-quiet-hours",
        US,
        NY_DEBTOR,
        calls([ny(2026, 11, 20, 21, 30)], "connected"),
        ny(*MON, 10),
        NUM1,
        False,
        {"call.after_conversation"},
        ny(2026, 11, 28, 8),
    ),
    (
        "us-exactly-7-days-after-conversation",
        US,
        NY_DEBTOR,
        calls([ny(2026, 11, 16, 10)], "connected"),
        ny(*MON, 10),
        NUM1,
        True,
        set(),
        None,
    ),
    (
        "us-unanswered-is-no-conversation",
        US,
        NY_DEBTOR,
        calls([ny(2026, 11, 20, 10)], "unanswered"),
        ny(*MON, 10),
        NUM1,
        True,
        set(),
        None,
    ),
    (
        "us-blocked-conversation-not-counted",
        US,
        NY_DEBTOR,
        [replace(c, allowed=False) for c in calls([ny(2026, 11, 20, 10)], "connected")],
        ny(*MON, 10),
        NUM1,
        True,
        set(),
        None,
    ),
    (
        "us-no-cn-daily-caps",
        US,
        NY_DEBTOR,
        calls([ny(*MON, 8, m) for m in range(0, 60, 10)], "unanswered"),
        ny(*MON, 15),
        NUM1,
        True,
        set(),
        None,
    ),
]


@pytest.mark.parametrize(
    ("cfg", "debtor", "history", "at", "ref", "allowed", "codes", "next_at"),
    [c[1:] for c in CALL_CASES],
    ids=[c[0] for c in CALL_CASES],
)
def test_calls(cfg, debtor, history, at, ref, allowed, codes, next_at):
    dec = decide(Proposed(CALL, at, target_ref=ref), cfg, debtor, history)
    assert_decision(dec, allowed, codes, next_at)
    if dec.next_allowed_at is not None:
        again = Proposed(CALL, dec.next_allowed_at, target_ref=ref)
        assert decide(again, cfg, debtor, history).allowed


def test_us_after_conversation_across_dst_is_seven_real_days():
    """A conversation on 2026-03-05 10:00 EST (15:00Z): calls resume 168 hours later, 11:00 EDT on 03-12."""
    history = calls([ny(2026, 3, 5, 10)], "connected")
    for at in (ny(2026, 3, 9, 10), utc(2026, 3, 9, 14)):  # the same instant, written two ways
        dec = decide(Proposed(CALL, at), US, NY_DEBTOR, history)
        assert_decision(dec, False, {"call.after_conversation"}, utc(2026, 3, 12, 15))
    assert not decide(Proposed(CALL, ny(2026, 3, 12, 10, 59)), US, NY_DEBTOR, history).allowed
    assert decide(Proposed(CALL, ny(2026, 3, 12, 11, 0)), US, NY_DEBTOR, history).allowed


def test_quiet_days_shorter_than_a_week_end_at_the_conversation_plus_those_days():
    """With three quiet days after a conversation at 10:17, calls resume at 10:17 three days later, not at
    the next slot or midnight after it (the search once only knew the seven-day window's ends)."""
    cfg = replace(US, days_after_conversation=3, calls_per_week=None)
    history = calls([ny(2026, 3, 2, 10, 17)], "connected")
    dec = decide(Proposed(CALL, ny(2026, 3, 3, 12)), cfg, NY_DEBTOR, history)
    assert_decision(dec, False, {"call.after_conversation"}, ny(2026, 3, 5, 10, 17))


def test_a_weekly_cap_lifts_when_enough_contacts_have_left_the_week():
    """Nine texts in the week against a cap of five (two more than the cap, say after a policy change):
    the next text is allowed when the fifth oldest leaves the window, not when the first does."""
    cfg = replace(CN, sms_per_week=5, sms_per_day=9)
    sent = [sh(2026, 11, 16, 9) + timedelta(hours=i) for i in range(9)]  # Monday 09:00 .. 17:00
    history = [PastContact("sms", at, "delivered") for at in sent]
    dec = decide(Proposed(SMS, sh(2026, 11, 20, 10)), cfg, CN_DEBTOR, history)
    assert_decision(dec, False, {"sms.weekly_cap"}, sent[4] + timedelta(days=7))


def test_same_instant_same_decision_whatever_the_zone_it_is_written_in():
    history = calls([ny(2026, 3, 7, 10) + timedelta(days=i) for i in range(7)], "unanswered")
    local = ny(2026, 3, 14, 10, 30)
    a = decide(Proposed(CALL, local), US, NY_DEBTOR, history)
    b = decide(Proposed(CALL, local.astimezone(UTC)), US, NY_DEBTOR, history)
    c = decide(Proposed(CALL, local.astimezone(SH)), US, NY_DEBTOR, history)
    assert a.allowed is b.allowed is c.allowed is False
    assert a.codes == b.codes == c.codes == ["call.weekly_cap"]
    assert same_instant(a.next_allowed_at, ny(2026, 3, 14, 11))  # 10:00 EST + 168 h = 11:00 EDT
    assert same_instant(b.next_allowed_at, a.next_allowed_at) and same_instant(c.next_allowed_at, a.next_allowed_at)


# --- stop conditions ---

STOP_FLAGS = ["deceased", "lawyer", "disputed", "complaint_open", "paused", "cease_communication"]
OUTBOUND = [SMS, CALL, VISIT, LETTER]


def good_proposal(channel, cfg, zone):
    """A proposal every other rule allows (a workday, inside a slot)."""
    at = datetime(2026, 11, 23, 10, tzinfo=zone)
    return visit(at, cfg) if channel == VISIT else Proposed(channel, at)


@pytest.mark.parametrize(("cfg", "debtor", "zone"), [(CN, CN_DEBTOR, SH), (US, NY_DEBTOR, NY)], ids=["cn", "us"])
@pytest.mark.parametrize("channel", OUTBOUND, ids=str)
@pytest.mark.parametrize("flag", STOP_FLAGS)
def test_stop_conditions_block_every_outbound_channel(flag, channel, cfg, debtor, zone):
    stopped = replace(debtor, **{flag: True})
    p = good_proposal(channel, cfg, zone)
    assert decide(p, cfg, debtor).allowed
    dec = decide(p, cfg, stopped)
    assert_decision(dec, False, {f"stop.{flag}"}, None)
    # even combined with a time reason, waiting does not help
    late = replace(p, at=datetime(2026, 11, 23, 23, 30, tzinfo=zone))
    dec = decide(late, cfg, stopped)
    assert not dec.allowed and f"stop.{flag}" in dec.codes and dec.next_allowed_at is None


@pytest.mark.parametrize(("cfg", "debtor", "zone"), [(CN, CN_DEBTOR, SH), (US, NY_DEBTOR, NY)], ids=["cn", "us"])
@pytest.mark.parametrize("flag", [*STOP_FLAGS, "do_not_visit"])
def test_link_view_is_inbound_and_never_blocked(flag, cfg, debtor, zone):
    stopped = replace(debtor, **{flag: True})
    for hour in (3, 10, 23):
        assert decide(Proposed(LINK_VIEW, datetime(2026, 11, 28, hour, tzinfo=zone)), cfg, stopped).allowed


@pytest.mark.parametrize(("cfg", "debtor", "zone"), [(CN, CN_DEBTOR, SH), (US, NY_DEBTOR, NY)], ids=["cn", "us"])
@pytest.mark.parametrize(
    ("channel", "allowed"),
    [(VISIT, False), (SMS, True), (CALL, True), (LETTER, True)],
    ids=["visit-blocked", "sms-allowed", "call-allowed", "letter-allowed"],
)
def test_do_not_visit_blocks_visits_only(channel, allowed, cfg, debtor, zone):
    dec = decide(good_proposal(channel, cfg, zone), cfg, replace(debtor, do_not_visit=True))
    assert_decision(dec, allowed, set() if allowed else {"stop.do_not_visit"}, None)


# --- third parties ---

THIRD = [
    # (id, debtor, history, proposed fields, allowed, codes)
    ("debtor-reachable", CN_DEBTOR, [], {}, False, {"third_party.debtor_reachable"}),
    ("debtor-unreachable", DebtorState(unreachable=True), [], {}, True, set()),
    (
        "already-contacted",
        DebtorState(unreachable=True),
        [past(CALL, sh(2026, 10, 5, 10), target="third_party", target_ref="tp-1")],
        {},
        False,
        {"third_party.already_contacted"},
    ),
    (
        "other-person-contacted",
        DebtorState(unreachable=True),
        [past(CALL, sh(2026, 10, 5, 10), target="third_party", target_ref="tp-2")],
        {},
        True,
        set(),
    ),
    (
        "blocked-attempt-not-a-contact",
        DebtorState(unreachable=True),
        [past(CALL, sh(2026, 10, 5, 10), target="third_party", target_ref="tp-1", allowed=False)],
        {},
        True,
        set(),
    ),
    (
        "debtor-contact-same-ref-is-not-third-party",
        DebtorState(unreachable=True),
        [past(SMS, sh(2026, 10, 5, 10), target_ref="tp-1")],
        {},
        True,
        set(),
    ),
    (
        "mentions-debt",
        DebtorState(unreachable=True),
        [],
        {"mentions_debt": True},
        False,
        {"third_party.discloses_debt"},
    ),
    (
        "all-three",
        CN_DEBTOR,
        [past(SMS, sh(2026, 10, 5, 10), target="third_party", target_ref="tp-1")],
        {"mentions_debt": True},
        False,
        {"third_party.debtor_reachable", "third_party.discloses_debt", "third_party.already_contacted"},
    ),
]


@pytest.mark.parametrize("channel", [SMS, CALL], ids=str)
@pytest.mark.parametrize(
    ("debtor", "history", "extra", "allowed", "codes"), [c[1:] for c in THIRD], ids=[c[0] for c in THIRD]
)
def test_third_parties(channel, debtor, history, extra, allowed, codes):
    p = Proposed(channel, sh(*MON, 10), target="third_party", target_ref="tp-1", **extra)
    dec = decide(p, CN, debtor, history)
    assert_decision(dec, allowed, codes, None)


def test_third_party_under_us_profile_once_per_person():
    debtor = replace(NY_DEBTOR, unreachable=True)
    history = [past(CALL, ny(2026, 1, 5, 10), target="third_party", target_ref="tp-1")]
    p = Proposed(CALL, ny(*MON, 10), target="third_party", target_ref="tp-1")
    assert_decision(decide(p, US, debtor, history), False, {"third_party.already_contacted"}, None)
    assert decide(replace(p, target_ref="tp-9"), US, debtor, history).allowed


# --- letters ---

BUSY_HISTORY = (
    sms_days(SH, range(16, 24), hour=9)
    + visits(SH, (20, 21, 22, 23), "not_home")
    + calls([sh(*MON, 9, m) for m in range(0, 60, 5)], "connected")
)


@pytest.mark.parametrize(("cfg", "debtor"), [(CN, CN_DEBTOR), (US, NY_DEBTOR)], ids=["cn", "us"])
@pytest.mark.parametrize(
    "at",
    [sh(2026, 10, 1, 3), sh(2026, 11, 28, 23, 30), sh(*MON, 10)],
    ids=["national-day-0300", "saturday-2330", "monday-1000"],
)
def test_letters_only_stop_conditions_apply(cfg, debtor, at):
    assert decide(Proposed(LETTER, at), cfg, debtor, BUSY_HISTORY).allowed
    assert decide(Proposed(LETTER, at), cfg, replace(debtor, do_not_visit=True), BUSY_HISTORY).allowed
    dec = decide(Proposed(LETTER, at), cfg, replace(debtor, lawyer=True), BUSY_HISTORY)
    assert_decision(dec, False, {"stop.lawyer"}, None)


# --- configuration ---


@pytest.mark.parametrize("cfg", [CN, US], ids=["cn", "us"])
def test_default_profiles_are_valid(cfg):
    assert validate_config(cfg) == []


BAD_CONFIGS = [
    (
        "hours-order",
        {"contact_start": time(22), "contact_end": time(8)},
        ("contact_start", "policy.config.hours_order"),
    ),
    ("hours-equal", {"contact_start": time(9), "contact_end": time(9)}, ("contact_start", "policy.config.hours_order")),
    (
        "slot-before-hours",
        {"visit_slots": ((time(7), time(9)), (time(14), time(16)))},
        ("visit_slots.0", "policy.config.slot_outside_hours"),
    ),
    (
        "slot-after-hours",
        {"visit_slots": ((time(9), time(11)), (time(20), time(23)))},
        ("visit_slots.1", "policy.config.slot_outside_hours"),
    ),
    ("slot-order", {"visit_slots": ((time(11), time(9)),)}, ("visit_slots.0", "policy.config.slot_order")),
    ("no-slots", {"visit_slots": ()}, ("visit_slots", "policy.config.no_slots")),
    ("evening-order", {"evening_slot": (time(21), time(19))}, ("evening_slot", "policy.config.slot_order")),
    ("sms-day-over-week", {"sms_per_day": 6}, ("sms_per_day", "policy.config.day_over_week")),
    ("visits-day-over-week", {"visits_per_day": 3}, ("visits_per_day", "policy.config.day_over_week")),
    ("negative-count", {"sms_per_day": -1}, ("sms_per_day", "policy.config.bad_count")),
    ("count-over-100", {"sms_per_week": 101}, ("sms_per_week", "policy.config.bad_count")),
    ("count-float", {"visits_per_week": 2.5}, ("visits_per_week", "policy.config.bad_count")),
    ("count-string", {"visits_per_day": "1"}, ("visits_per_day", "policy.config.bad_count")),
    ("count-bool", {"fruitless_visits_limit": True}, ("fruitless_visits_limit", "policy.config.bad_count")),
    ("optional-count-negative", {"calls_per_week": -7}, ("calls_per_week", "policy.config.bad_count")),
    ("agents-zero", {"agents_per_visit": 0}, ("agents_per_visit", "policy.config.bad_agents")),
    ("agents-five", {"agents_per_visit": 5}, ("agents_per_visit", "policy.config.bad_agents")),
    ("retention-one-year", {"retention_years": 1}, ("retention_years", "policy.config.bad_retention")),
    ("country", {"holiday_country": "DE"}, ("holiday_country", "policy.config.bad_country")),
    ("profile", {"profile": "EU-2030"}, ("profile", "policy.config.bad_profile")),
]


@pytest.mark.parametrize("base", [CN, US], ids=["cn", "us"])
@pytest.mark.parametrize(("changes", "problem"), [c[1:] for c in BAD_CONFIGS], ids=[c[0] for c in BAD_CONFIGS])
def test_validate_config_rejects(base, changes, problem):
    problems = validate_config(replace(base, **changes))
    assert problem in problems
    _field_name, key = problem
    for locale in ("zh-CN", "en"):
        assert t(key, locale) != key  # the message exists in both languages


def test_validate_config_accepts_none_for_optional_call_rules():
    assert (
        validate_config(replace(US, calls_connected_per_day=None, calls_per_week=None, days_after_conversation=None))
        == []
    )


@pytest.mark.parametrize("cfg", [CN, US], ids=["cn", "us"])
def test_config_json_round_trip(cfg):
    data = cfg.to_json()
    assert json.loads(json.dumps(data)) == data  # plain JSON
    assert PolicyConfig.from_json(json.loads(json.dumps(data))) == cfg
    changed = replace(
        cfg,
        sms_per_day=1,
        visit_slots=((time(9, 30), time(11)),),
        evening_slot=(time(18), time(20)),
        contact_start=time(8, 30),
    )
    assert PolicyConfig.from_json(json.loads(json.dumps(changed.to_json()))) == changed


def test_config_from_partial_json_uses_profile_defaults():
    cfg = PolicyConfig.from_json({"profile": "US-RegF", "sms_per_day": 1, "unknown_key": 5})
    assert cfg == replace(US, sms_per_day=1)
    assert PolicyConfig.from_json({}) == CN
    assert PolicyConfig.from_json({"contact_end": "21:30"}).contact_end == time(21, 30)


# --- every reason decide produces has words in both languages ---


@dataclass
class Scenario:
    name: str
    proposed: Proposed
    cfg: PolicyConfig = CN
    debtor: DebtorState = CN_DEBTOR
    history: list = field(default_factory=list)


def _scenarios() -> list[Scenario]:
    out = []
    for flag in [*STOP_FLAGS, "do_not_visit"]:
        out.append(Scenario(f"stop-{flag}", visit(sh(*MON, 10)), debtor=replace(CN_DEBTOR, **{flag: True})))
    for name, cfg, debtor, at, allowed, _, _ in HOLIDAYS:
        if not allowed:
            out.append(Scenario(f"holiday-{name}", visit(at, cfg), cfg, debtor))
    out += [
        Scenario("quiet-cn", Proposed(SMS, sh(*MON, 23))),
        Scenario("quiet-us", Proposed(CALL, ny(*MON, 21, 30)), US, NY_DEBTOR),
        Scenario("outside-slots", visit(sh(*MON, 12))),
        Scenario("staffing", visit(sh(*MON, 10), agents=1)),
        Scenario(
            "third-party-all",
            Proposed(SMS, sh(*MON, 10), target="third_party", target_ref="tp-1", mentions_debt=True),
            history=[past(SMS, sh(2026, 10, 5, 10), target="third_party", target_ref="tp-1")],
        ),
    ]
    for name, cfg, debtor, history, at, allowed, _, _ in SMS_CAPS:
        if not allowed:
            out.append(Scenario(f"sms-{name}", Proposed(SMS, at), cfg, debtor, history))
    for name, cfg, debtor, history, at, extra, allowed, _, _ in VISIT_CASES:
        if not allowed:
            out.append(Scenario(f"visit-{name}", visit(at, cfg, **extra), cfg, debtor, history))
    for name, cfg, debtor, history, at, ref, allowed, _, _ in CALL_CASES:
        if not allowed:
            out.append(Scenario(f"call-{name}", Proposed(CALL, at, target_ref=ref), cfg, debtor, history))
    return out


SCENARIOS = _scenarios()

ALL_CODES = {
    "stop.deceased",
    "stop.lawyer",
    "stop.disputed",
    "stop.complaint_open",
    "stop.paused",
    "stop.cease_communication",
    "stop.do_not_visit",
    "time.quiet_hours",
    "visit.outside_slots",
    "visit.holiday",
    "visit.weekend",
    "visit.daily_cap",
    "visit.weekly_cap",
    "visit.needs_approval",
    "visit.staffing",
    "sms.daily_cap",
    "sms.weekly_cap",
    "call.connected_cap",
    "call.unanswered_cap",
    "call.weekly_cap",
    "call.after_conversation",
    "third_party.debtor_reachable",
    "third_party.already_contacted",
    "third_party.discloses_debt",
}


def test_scenarios_cover_every_reason_code():
    produced = {code for s in SCENARIOS for code in decide(s.proposed, s.cfg, s.debtor, s.history).codes}
    assert produced == ALL_CODES


@pytest.mark.parametrize("locale", ["zh-CN", "en"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_every_produced_reason_has_text(scenario, locale):
    dec = decide(scenario.proposed, scenario.cfg, scenario.debtor, scenario.history)
    assert not dec.allowed and dec.reasons
    for reason in dec.reasons:
        text = reason_text(reason.code, reason.kw, locale)
        assert not text.startswith("policy."), (reason, locale)
        assert "{" not in text and "}" not in text, (reason, text)
    for key in ("policy.next_allowed", "policy.never_by_time"):
        assert t(key, locale) != key
