"""Property tests of the compliance policy: contact hours, next_allowed_at, and caps under a greedy sender."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from visitapp.compliance.rules.policy import (
    TIME_REASONS,
    DebtorState,
    PastContact,
    PolicyConfig,
    Proposed,
    day_kind,
    decide,
    default_config,
)
from visitapp.core.enums import Channel

UTC = UTC
ZONES = ["Asia/Shanghai", "America/New_York", "America/Los_Angeles", "Europe/Berlin"]
CONFIGS = {"CN-2026": default_config(), "US-RegF": default_config("US-RegF")}
OUTBOUND = [Channel.SMS, Channel.CALL, Channel.VISIT]
NUMBERS = ["+8613800000001", "+8613800000002"]
RESULTS = {
    Channel.SMS: ["sent", "delivered"],
    Channel.CALL: ["connected", "unanswered"],
    Channel.VISIT: ["met", "not_home", "refused", "wrong_address", "promise"],
}
WEEK = timedelta(days=7)
TICK = timedelta(microseconds=1)

moments_2026 = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31, 23, 59, 59), timezones=st.just(UTC)
)
profiles = st.sampled_from(sorted(CONFIGS))
zones = st.sampled_from(ZONES)


@st.composite
def debtors(draw) -> DebtorState:
    return DebtorState(timezone=draw(zones), night_worker=draw(st.booleans()))


@st.composite
def proposals(draw, at: datetime, agreed: bool | None = False) -> Proposed:
    channel = draw(st.sampled_from(OUTBOUND))
    return Proposed(
        channel,
        at,
        target_ref=draw(st.sampled_from(NUMBERS)),
        agents=draw(st.sampled_from([1, 2])),
        agreed_time=draw(st.booleans()) if agreed is None else agreed,
        evening_requested=draw(st.booleans()),
        supervisor_approved=draw(st.booleans()),
    )


@st.composite
def histories(draw, around: datetime) -> list[PastContact]:
    """Up to 25 ledger entries in the 10 days before `around` (a ledger holds what already happened)."""
    out = []
    for _ in range(draw(st.integers(0, 25))):
        channel = draw(st.sampled_from(OUTBOUND))
        offset = draw(st.integers(-10 * 24 * 60, -1))  # minutes
        out.append(
            PastContact(
                channel.value,
                around + timedelta(minutes=offset),
                result=draw(st.sampled_from(RESULTS[channel])),
                allowed=draw(st.booleans()) or draw(st.booleans()),  # mostly allowed
                target_ref=draw(st.sampled_from(NUMBERS)),
            )
        )
    return out


def in_hours(cfg: PolicyConfig, zone: str, at: datetime) -> bool:
    local = at.astimezone(ZoneInfo(zone)).time()
    return cfg.contact_start <= local < cfg.contact_end


@settings(max_examples=200, deadline=None)
@given(data=st.data(), profile=profiles, debtor=debtors(), at=moments_2026)
def test_no_allowed_contact_outside_contact_hours(data, profile, debtor, at):
    cfg = CONFIGS[profile]
    p = data.draw(proposals(at))
    history = data.draw(histories(at))
    dec = decide(p, cfg, debtor, history)
    if dec.allowed:
        assert in_hours(cfg, debtor.timezone, at), (at.astimezone(ZoneInfo(debtor.timezone)), dec)
        if p.channel == Channel.VISIT:
            local = at.astimezone(ZoneInfo(debtor.timezone))
            assert day_kind(local.date(), cfg.holiday_country)[0] == "workday"
            slots = list(cfg.visit_slots)
            if debtor.night_worker or p.evening_requested:
                slots.append(cfg.evening_slot)
            assert any(a <= local.time() < b for a, b in slots)
    else:
        assert dec.reasons
    # the same instant written in another zone gives the same decision
    other = decide(replace(p, at=at.astimezone(ZoneInfo(data.draw(zones)))), cfg, debtor, history)
    assert (other.allowed, other.codes) == (dec.allowed, dec.codes)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), profile=profiles, debtor=debtors(), at=moments_2026)
def test_next_allowed_at_is_allowed_and_earliest(data, profile, debtor, at):
    cfg = CONFIGS[profile]
    p = data.draw(proposals(at, agreed=None))
    history = data.draw(histories(at))
    dec = decide(p, cfg, debtor, history)
    if dec.allowed:
        assert dec.next_allowed_at is None
        return
    only_time = all(code in TIME_REASONS for code in dec.codes)
    if not only_time:
        assert dec.next_allowed_at is None  # waiting does not help
        return
    # blocked by time alone: there is a next moment within the horizon, it is allowed, and it is the first one
    assert dec.next_allowed_at is not None, dec
    nxt = dec.next_allowed_at
    assert nxt > at
    again = decide(replace(p, at=nxt), cfg, debtor, history)
    assert again.allowed, (nxt, again)
    just_before = nxt - TICK
    if just_before > at:
        assert not decide(replace(p, at=just_before), cfg, debtor, history).allowed, (nxt, dec)


# --- a greedy sender never exceeds a cap ---


def _local_day(at: datetime, zone: ZoneInfo):
    return at.astimezone(zone).date()


def _max_in_rolling_week(moments: list[datetime]) -> int:
    """The most contacts in any window (t - 7 days, t] (maximal windows end at a contact)."""
    ms = sorted(m.astimezone(UTC) for m in moments)
    return max((sum(1 for m in ms if end - WEEK < m <= end) for end in ms), default=0)


def _check_caps(cfg: PolicyConfig, debtor: DebtorState, ledger: list[PastContact]) -> None:
    zone = ZoneInfo(debtor.timezone)
    done = [h for h in ledger if h.allowed]
    by_channel = {c: [h for h in done if h.channel == c.value] for c in OUTBOUND}
    sms, visits, calls = by_channel[Channel.SMS], by_channel[Channel.VISIT], by_channel[Channel.CALL]

    assert max(Counter(_local_day(h.at, zone) for h in sms).values(), default=0) <= cfg.sms_per_day
    assert _max_in_rolling_week([h.at for h in sms]) <= cfg.sms_per_week
    assert max(Counter(_local_day(h.at, zone) for h in visits).values(), default=0) <= cfg.visits_per_day
    assert _max_in_rolling_week([h.at for h in visits]) <= cfg.visits_per_week
    if cfg.calls_connected_per_day is not None:
        connected = Counter(_local_day(h.at, zone) for h in calls if h.result == "connected")
        assert max(connected.values(), default=0) <= cfg.calls_connected_per_day
    if cfg.calls_unanswered_per_number_per_day is not None:
        unanswered = Counter((_local_day(h.at, zone), h.target_ref) for h in calls if h.result == "unanswered")
        assert max(unanswered.values(), default=0) <= cfg.calls_unanswered_per_number_per_day
    if cfg.calls_per_week is not None:
        assert _max_in_rolling_week([h.at for h in calls]) <= cfg.calls_per_week
    if cfg.days_after_conversation is not None:
        quiet = timedelta(days=cfg.days_after_conversation)
        moments = [h.at.astimezone(UTC) for h in calls]
        for conv in (h.at.astimezone(UTC) for h in calls if h.result == "connected"):
            assert not any(conv < m < conv + quiet for m in moments), conv  # real time, not wall-clock


@settings(max_examples=200, deadline=None)
@given(
    profile=profiles,
    debtor=debtors(),
    start=st.dates(min_value=datetime(2026, 1, 1).date(), max_value=datetime(2026, 12, 1).date()),
    seed=st.integers(0, 2**32 - 1),
)
def test_greedy_sender_never_exceeds_a_cap(profile, debtor, start, seed):
    cfg = CONFIGS[profile]
    rnd = random.Random(seed)
    zone = ZoneInfo(debtor.timezone)
    now = datetime.combine(start, datetime.min.time(), zone).astimezone(UTC)
    end = now + timedelta(days=30)
    ledger: list[PastContact] = []
    retry: Proposed | None = None
    while now < end:
        if retry is not None:  # greedy: come back exactly when the policy says it would be allowed
            p, retry = retry, None
            now = p.at
        else:
            now += timedelta(minutes=rnd.choice([0, 1, 5, 30, 60, 180, 360, 720]) + rnd.randrange(60))
            channel = rnd.choice(OUTBOUND)
            p = Proposed(
                channel,
                now,
                target_ref=rnd.choice(NUMBERS),
                agents=cfg.agents_per_visit,
                agreed_time=rnd.random() < 0.15,
                evening_requested=rnd.random() < 0.2,
                supervisor_approved=rnd.random() < 0.5,
            )
        dec = decide(p, cfg, debtor, ledger)
        result = rnd.choice(RESULTS[p.channel])
        ledger.append(PastContact(p.channel.value, p.at, result, allowed=dec.allowed, target_ref=p.target_ref))
        if dec.allowed and not p.agreed_time:
            assert in_hours(cfg, debtor.timezone, p.at)
        if not dec.allowed and dec.next_allowed_at is not None and dec.next_allowed_at < end and rnd.random() < 0.7:
            retry = replace(p, at=dec.next_allowed_at)
    _check_caps(cfg, debtor, ledger)
    assert any(h.allowed for h in ledger)
