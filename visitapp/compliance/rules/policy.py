"""The compliance policy: one decision, with reasons, for every proposed contact.

Pure Python: the caller passes the proposed contact, the debtor's flags and the relevant ledger history;
`decide` returns whether it may happen, every reason it may not (as codes with parameters, translated
at the edge), and, when only time stands in the way, the next moment it would be allowed.

Counting rules: a "day" is the debtor's local calendar day; a "week" is the rolling seven days before
the proposed moment; only contacts that were allowed count against a cap (a blocked attempt never
happened).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays as holidays_lib

from visitapp.core.enums import Channel


class Profile(StrEnum):
    CN_2026 = "CN-2026"
    US_REGF = "US-RegF"


DEFAULT_PROFILE = Profile.CN_2026

# Visit results that count towards "fruitless visits in a row".
FRUITLESS_RESULTS = frozenset({"not_home", "refused", "wrong_address", "no_answer"})
CONNECTED = "connected"
UNANSWERED = "unanswered"
# Channels the debtor starts (opening their link) or that never reach them at a bad hour.
INBOUND_CHANNELS = frozenset({Channel.LINK_VIEW})
WEEK = timedelta(days=7)
TICK = timedelta(microseconds=1)


@dataclass(frozen=True)
class PolicyConfig:
    """Every figure an administrator can change. Defaults are the CN-2026 profile."""

    profile: str = Profile.CN_2026.value
    contact_start: time = time(8, 0)  # no contact of any kind before ...
    contact_end: time = time(22, 0)  # ... or from this time on (local), unless the debtor agreed to it
    visit_slots: tuple[tuple[time, time], ...] = ((time(9), time(11)), (time(14), time(16)))
    evening_slot: tuple[time, time] = (time(19), time(21))  # only for debtors who ask (night workers)
    holiday_country: str = "CN"
    sms_per_day: int = 2
    sms_per_week: int = 5
    # the pre-visit notice queued on publish goes this many days before the visit, at the start of these
    # hours (or, published later, as soon as these hours allow, before the visit)
    notice_days_before: int = 1
    notice_hours: tuple[time, time] = (time(9), time(20))
    visits_per_day: int = 1
    visits_per_week: int = 2
    fruitless_visits_limit: int = 3  # after this many in a row, a supervisor approves the next visit
    # unreachable (the only case for asking a third party where the debtor is): this many failed calls and
    # visits in a row, and no conversation with the debtor in this many days
    unreachable_attempts: int = 3
    unreachable_days: int = 30
    agents_per_visit: int = 2
    calls_connected_per_day: int | None = 3  # per debtor
    calls_unanswered_per_number_per_day: int | None = 6
    calls_per_week: int | None = None  # Reg F: 7 calls in 7 days
    days_after_conversation: int | None = None  # Reg F: none within 7 days after a conversation
    retention_years: int = 3
    complaint_sla_hours: int = 48  # a complaint must be answered within this many hours
    # installment plans (visitapp.money.rules.plans): the terms an agent may offer and the waiver authority, as a
    # percentage of the total before waiver (outstanding fees and interest waived / everything outstanding)
    plan_months: tuple[int, ...] = (3, 6, 12, 24)
    plan_min_down_pct: int = 10  # the down payment is at least this % of the total after waivers
    agent_waiver_pct: int = 10  # an agent's plan within this waiver is approved at once
    supervisor_waiver_pct: int = 50  # beyond the agent's limit a supervisor approves up to this; beyond, nobody

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, time):
                value = value.strftime("%H:%M")
            elif f.name == "visit_slots":
                value = [[a.strftime("%H:%M"), b.strftime("%H:%M")] for a, b in value]
            elif f.name in ("evening_slot", "notice_hours"):
                value = [value[0].strftime("%H:%M"), value[1].strftime("%H:%M")]
            elif f.name == "plan_months":
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PolicyConfig:
        """Build from stored JSON on top of the named profile's defaults (unknown keys are ignored)."""
        base = default_config(data.get("profile", DEFAULT_PROFILE))
        known = {f.name for f in fields(cls)}
        kw: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known or key == "profile":
                continue
            if key in ("contact_start", "contact_end"):
                value = parse_hhmm(value)
            elif key == "visit_slots":
                value = tuple((parse_hhmm(a), parse_hhmm(b)) for a, b in value)
            elif key in ("evening_slot", "notice_hours"):
                value = (parse_hhmm(value[0]), parse_hhmm(value[1]))
            elif key == "plan_months":
                value = parse_months(value)
            kw[key] = value
        return replace(base, **kw)


def parse_hhmm(value: str | time) -> time:
    if isinstance(value, time):
        return value
    hh, mm = str(value).strip().split(":")
    return time(int(hh), int(mm))


def parse_months(value: str | Iterable[int]) -> tuple[int, ...]:
    """ "3, 6,12" or [3, 6, 12] -> (3, 6, 12); ValueError for anything else."""
    parts = str(value).replace("，", ",").split(",") if isinstance(value, str) else list(value)
    out = []
    for part in parts:
        if isinstance(part, str):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit():
                raise ValueError(part)
            part = int(part)
        if isinstance(part, bool) or not isinstance(part, int):
            raise ValueError(part)
        out.append(part)
    return tuple(out)


def default_config(profile: str | Profile = DEFAULT_PROFILE) -> PolicyConfig:
    if Profile(profile) == Profile.US_REGF:
        return PolicyConfig(
            profile=Profile.US_REGF.value,
            contact_start=time(8, 0),
            contact_end=time(21, 0),
            holiday_country="US",
            agents_per_visit=1,
            calls_connected_per_day=None,
            calls_unanswered_per_number_per_day=None,
            calls_per_week=7,
            days_after_conversation=7,
        )
    return PolicyConfig()


def validate_config(cfg: PolicyConfig) -> list[tuple[str, str]]:
    """Problems as (field, message key); empty when the configuration is usable."""
    problems: list[tuple[str, str]] = []
    if cfg.profile not in {p.value for p in Profile}:
        problems.append(("profile", "policy.config.bad_profile"))
    if cfg.contact_start >= cfg.contact_end:
        problems.append(("contact_start", "policy.config.hours_order"))
    for i, (a, b) in enumerate(cfg.visit_slots):
        if a >= b:
            problems.append((f"visit_slots.{i}", "policy.config.slot_order"))
        elif a < cfg.contact_start or b > cfg.contact_end:
            problems.append((f"visit_slots.{i}", "policy.config.slot_outside_hours"))
    if not cfg.visit_slots:
        problems.append(("visit_slots", "policy.config.no_slots"))
    a, b = cfg.evening_slot
    if a >= b:
        problems.append(("evening_slot", "policy.config.slot_order"))
    a, b = cfg.notice_hours
    if a >= b:
        problems.append(("notice_hours", "policy.config.slot_order"))
    elif a < cfg.contact_start or b > cfg.contact_end:
        problems.append(("notice_hours", "policy.config.notice_outside_hours"))
    days = cfg.notice_days_before
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 7:
        problems.append(("notice_days_before", "policy.config.bad_notice_days"))
    for name in (
        "sms_per_day",
        "sms_per_week",
        "visits_per_day",
        "visits_per_week",
        "fruitless_visits_limit",
        "unreachable_attempts",
        "unreachable_days",
        "calls_connected_per_day",
        "calls_unanswered_per_number_per_day",
        "calls_per_week",
        "days_after_conversation",
    ):
        value = getattr(cfg, name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > 100):
            problems.append((name, "policy.config.bad_count"))
    if not problems:
        if cfg.sms_per_day > cfg.sms_per_week:
            problems.append(("sms_per_day", "policy.config.day_over_week"))
        if cfg.visits_per_day > cfg.visits_per_week:
            problems.append(("visits_per_day", "policy.config.day_over_week"))
    if not isinstance(cfg.agents_per_visit, int) or not 1 <= cfg.agents_per_visit <= 4:
        problems.append(("agents_per_visit", "policy.config.bad_agents"))
    if not isinstance(cfg.retention_years, int) or not 2 <= cfg.retention_years <= 30:
        problems.append(("retention_years", "policy.config.bad_retention"))
    sla = cfg.complaint_sla_hours
    if not isinstance(sla, int) or isinstance(sla, bool) or not 1 <= sla <= 720:
        problems.append(("complaint_sla_hours", "policy.config.bad_sla"))
    months = cfg.plan_months
    if (
        not isinstance(months, tuple)
        or not months
        or len(months) > 12
        or any(isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= 60 for m in months)
        or list(months) != sorted(set(months))
    ):
        problems.append(("plan_months", "policy.config.bad_plan_months"))
    for name in ("plan_min_down_pct", "agent_waiver_pct", "supervisor_waiver_pct"):
        value = getattr(cfg, name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            problems.append((name, "policy.config.bad_pct"))
    if (
        not any(p[0] in ("agent_waiver_pct", "supervisor_waiver_pct") for p in problems)
        and cfg.agent_waiver_pct > cfg.supervisor_waiver_pct
    ):
        problems.append(("agent_waiver_pct", "policy.config.agent_over_supervisor"))
    if cfg.holiday_country not in ("CN", "US"):
        problems.append(("holiday_country", "policy.config.bad_country"))
    return problems


@dataclass(frozen=True)
class DebtorState:
    """What the policy must know about the debtor and the case."""

    timezone: str = "Asia/Shanghai"
    deceased: bool = False
    lawyer: bool = False
    disputed: bool = False
    complaint_open: bool = False
    paused: bool = False
    cease_communication: bool = False
    do_not_visit: bool = False  # the debtor declined visits (asked for a call instead)
    night_worker: bool = False  # evening visits on the debtor's request
    unreachable: bool = False  # the debtor cannot be reached: the only case for third-party contact


@dataclass(frozen=True)
class PastContact:
    channel: str
    at: datetime
    result: str = ""
    allowed: bool = True
    target: str = "debtor"
    target_ref: str | None = None


@dataclass(frozen=True)
class Proposed:
    channel: Channel
    at: datetime  # aware
    target: str = "debtor"  # or "third_party", or "lawyer" (the debtor's lawyer on file, instead of the debtor)
    target_ref: str | None = None  # the phone number dialled or texted, or the third party's id
    agents: int = 1  # agents present, for visits
    agreed_time: bool = False  # the debtor agreed to this moment (a confirmed appointment)
    evening_requested: bool = False
    supervisor_approved: bool = False
    mentions_debt: bool = False  # for third-party messages: the text discloses the debt
    target_stopped: bool = False  # the third party asked not to be contacted again


@dataclass(frozen=True)
class Reason:
    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def kw(self) -> dict[str, Any]:
        return dict(self.params)


def _r(code: str, **params: Any) -> Reason:
    return Reason(code, tuple(sorted(params.items())))


# Reasons that pass with time alone; any other reason means "not until something changes".
TIME_REASONS = frozenset(
    {
        "time.quiet_hours",
        "visit.outside_slots",
        "visit.holiday",
        "visit.weekend",
        "visit.daily_cap",
        "visit.weekly_cap",
        "sms.daily_cap",
        "sms.weekly_cap",
        "call.connected_cap",
        "call.unanswered_cap",
        "call.weekly_cap",
        "call.after_conversation",
    }
)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reasons: tuple[Reason, ...] = ()
    next_allowed_at: datetime | None = None

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]


# --- calendars ---


@lru_cache(maxsize=64)
def _calendar(country: str, year: int) -> tuple[dict[date, tuple[str, str]], frozenset[date]]:
    """Holidays of a year with their English and Chinese names, and the make-up (weekend) workdays."""
    en = holidays_lib.country_holidays(country, years=year, language="en_US")
    try:
        zh = holidays_lib.country_holidays(country, years=year, language="zh_CN")
    except (KeyError, ValueError):  # pragma: no cover - a calendar without Chinese names
        zh = en
    workdays = frozenset(getattr(en, "weekend_workdays", set()) or set())
    return {d: (name, zh.get(d) or name) for d, name in en.items()}, workdays


def day_kind(day: date, country: str) -> tuple[str, tuple[str, str]]:
    """('workday' | 'holiday' | 'weekend', (English name, Chinese name)). CN make-up weekend days are
    workdays."""
    named, makeup = _calendar(country, day.year)
    if day in named:
        return "holiday", named[day]
    if day.weekday() >= 5 and day not in makeup:
        return "weekend", ("", "")
    return "workday", ("", "")


# --- the decision ---


def _stop_reasons(p: Proposed, debtor: DebtorState) -> list[Reason]:
    if p.channel in INBOUND_CHANNELS:
        return []
    out = []
    for flag in ("deceased", "lawyer", "disputed", "complaint_open", "paused", "cease_communication"):
        if flag == "lawyer" and p.target == "lawyer":
            continue  # the lawyer is whom one contacts instead
        if getattr(debtor, flag):
            out.append(_r(f"stop.{flag}"))
    if p.channel == Channel.VISIT and debtor.do_not_visit:
        out.append(_r("stop.do_not_visit"))
    return out


def _lawyer_reasons(p: Proposed, debtor: DebtorState) -> list[Reason]:
    """A debtor's lawyer is the contact instead of the debtor: by call or letter (within the same caps,
    counted for the lawyer), never a visit or a text; only while a lawyer is on file."""
    if p.target != "lawyer":
        return []
    out = []
    if not debtor.lawyer:
        out.append(_r("lawyer.none_on_file"))
    if p.channel == Channel.VISIT:
        out.append(_r("lawyer.no_visit"))
    elif p.channel not in (Channel.CALL, Channel.LETTER):
        out.append(_r("lawyer.calls_letters_only"))
    return out


def _third_party_reasons(p: Proposed, debtor: DebtorState, history: Sequence[PastContact]) -> list[Reason]:
    if p.target != "third_party":
        return []
    out = []
    if not debtor.unreachable:
        out.append(_r("third_party.debtor_reachable"))
    if p.mentions_debt:
        out.append(_r("third_party.discloses_debt"))
    if p.target_stopped:
        out.append(_r("third_party.stopped"))
    if any(h.allowed and h.target == "third_party" and h.target_ref == p.target_ref for h in history):
        out.append(_r("third_party.already_contacted"))
    return out


def _fixed_reasons(p: Proposed, cfg: PolicyConfig, history: Sequence[PastContact]) -> list[Reason]:
    """Reasons that time does not cure (staffing, approval)."""
    out = []
    if p.channel == Channel.VISIT and p.target == "debtor":
        if p.agents < cfg.agents_per_visit:
            out.append(_r("visit.staffing", required=cfg.agents_per_visit, present=p.agents))
        if cfg.fruitless_visits_limit and not p.supervisor_approved:
            streak = 0
            visits = sorted(
                (h for h in history if h.allowed and h.channel == Channel.VISIT and h.at < p.at),
                key=lambda h: h.at,
                reverse=True,
            )
            for h in visits:
                if h.result in FRUITLESS_RESULTS:
                    streak += 1
                else:
                    break
            if streak >= cfg.fruitless_visits_limit:
                out.append(_r("visit.needs_approval", fruitless=streak))
    return out


def _in_slots(t: time, slots: Iterable[tuple[time, time]]) -> bool:
    return any(a <= t < b for a, b in slots)


@dataclass(frozen=True)
class _Counted:
    """The contacts a cap counts (this channel's allowed contacts to this target, see `decide`), as
    sorted UTC moments, once per decision: each count is then two bisections, however long the ledger."""

    all: list[datetime]
    connected: list[datetime]
    unanswered: list[datetime]  # unanswered calls to the number now proposed

    @classmethod
    def of(cls, p: Proposed, history: Iterable[PastContact]) -> _Counted:
        rows = sorted(history, key=lambda h: h.at)
        return cls(
            [h.at for h in rows],
            [h.at for h in rows if h.result == CONNECTED],
            [h.at for h in rows if h.result == UNANSWERED and h.target_ref == p.target_ref],
        )


def _count(moments: list[datetime], since: datetime, end: datetime) -> int:
    """How many of the sorted `moments` lie in [since, end)."""
    return bisect_left(moments, end) - bisect_left(moments, since)


@lru_cache(maxsize=64)
def _quiet_hours(start: time, end: time) -> Reason:
    return _r("time.quiet_hours", start=start.strftime("%H:%M"), end=end.strftime("%H:%M"))


def _time_reasons(
    p: Proposed,
    at: datetime,
    cfg: PolicyConfig,
    debtor: DebtorState,
    counted: _Counted,
    *,
    first_only: bool = False,
) -> list[Reason]:
    """Reasons that depend on the moment `at` (so that another moment may pass). With `first_only`, stop
    at the first reason found (the search for the next allowed moment only needs yes or no); cheap checks
    come first."""
    if p.channel in INBOUND_CHANNELS or p.channel == Channel.LETTER:
        return []
    zone = ZoneInfo(debtor.timezone)
    local = at.astimezone(zone)
    out: list[Reason] = []
    if not p.agreed_time and not (cfg.contact_start <= local.time() < cfg.contact_end):
        out.append(_quiet_hours(cfg.contact_start, cfg.contact_end))
        if first_only:
            return out
    if p.channel == Channel.VISIT and not p.agreed_time:
        kind, (name_en, name_zh) = day_kind(local.date(), cfg.holiday_country)
        if kind == "holiday":
            out.append(_r("visit.holiday", name=name_en, name_zh=name_zh))
        elif kind == "weekend":
            out.append(_r("visit.weekend"))
        if out and first_only:
            return out
        slots = list(cfg.visit_slots)
        if debtor.night_worker or p.evening_requested:
            slots.append(cfg.evening_slot)
        if not _in_slots(local.time(), slots):
            out.append(_r("visit.outside_slots"))
            if first_only:
                return out
    if not counted.all:
        return out
    # Days are the debtor's local calendar days; rolling windows are (at - 7 x 24 h, at] in real time,
    # whatever zone `at` is given in: a contact exactly seven days old has expired.
    day_start = datetime.combine(local.date(), time(0), zone).astimezone(UTC)
    day_end = datetime.combine(local.date() + timedelta(days=1), time(0), zone).astimezone(UTC)
    at = at.astimezone(UTC)
    week_start = at - WEEK + TICK
    until = at + TICK
    # (count, limit, reason): a cap is reached when count >= limit; None limits are no limit. Each count
    # is made only when its turn comes (a lambda), so that `first_only` stops at the first one reached.
    caps: list[tuple[Any, int, Any]] = []
    if p.channel == Channel.VISIT:
        caps = [
            (lambda: _count(counted.all, day_start, day_end), cfg.visits_per_day, ("visit.daily_cap", None)),
            (lambda: _count(counted.all, week_start, until), cfg.visits_per_week, ("visit.weekly_cap", None)),
        ]
    elif p.channel == Channel.SMS:
        caps = [
            (lambda: _count(counted.all, day_start, day_end), cfg.sms_per_day, ("sms.daily_cap", None)),
            (lambda: _count(counted.all, week_start, until), cfg.sms_per_week, ("sms.weekly_cap", None)),
        ]
    elif p.channel == Channel.CALL:
        if cfg.calls_connected_per_day is not None:
            caps.append(
                (
                    lambda: _count(counted.connected, day_start, day_end),
                    cfg.calls_connected_per_day,
                    ("call.connected_cap", None),
                )
            )
        if cfg.calls_unanswered_per_number_per_day is not None and p.target_ref:
            caps.append(
                (
                    lambda: _count(counted.unanswered, day_start, day_end),
                    cfg.calls_unanswered_per_number_per_day,
                    ("call.unanswered_cap", None),
                )
            )
        if cfg.calls_per_week is not None:
            caps.append((lambda: _count(counted.all, week_start, until), cfg.calls_per_week, ("call.weekly_cap", None)))
        quiet_days = cfg.days_after_conversation
        if quiet_days is not None:
            since = at - timedelta(days=quiet_days) + TICK
            caps.append((lambda: _count(counted.connected, since, until), 1, ("call.after_conversation", quiet_days)))
    for count, limit, (code, days) in caps:
        if count() >= limit:
            out.append(_r(code, days=days) if days is not None else _r(code, limit=limit))
            if first_only:
                return out
    return out


def _candidates(
    p: Proposed, cfg: PolicyConfig, debtor: DebtorState, counted: _Counted, horizon_days: int
) -> Iterator[datetime]:
    """Moments after p.at at which the answer may change, in order, made lazily one day at a time: the
    start of the contact hours (and, for a visit, of each slot), midnight, and the moment each counted
    contact leaves a rolling window. A visit's search skips the debtor's holidays and weekends whole
    (every moment of them is blocked), which is what keeps a search across a holiday week cheap."""
    zone = ZoneInfo(debtor.timezone)
    start = p.at.astimezone(UTC)
    local = p.at.astimezone(zone)
    visit = p.channel == Channel.VISIT
    marks = sorted(
        {cfg.contact_start, time(0), *((*(a for a, _ in cfg.visit_slots), cfg.evening_slot[0]) if visit else ())}
    )
    skip_days = visit and not p.agreed_time
    horizon = start + timedelta(days=horizon_days)
    leaving = [at + WEEK for at in counted.all]
    if cfg.days_after_conversation:
        quiet = timedelta(days=cfg.days_after_conversation)
        leaving += [at + quiet for at in counted.connected]
    expiries = sorted({e for e in leaving if start < e <= horizon})
    seen: set[datetime] = set()
    for offset in range(horizon_days + 1):
        day = local.date() + timedelta(days=offset)
        day_end = datetime.combine(day + timedelta(days=1), time(0), zone).astimezone(UTC)
        if skip_days and day_kind(day, cfg.holiday_country)[0] != "workday":
            seen.update(e for e in expiries if e < day_end)
            continue
        todays = [datetime.combine(day, m, zone).astimezone(UTC) for m in marks]
        todays += [e for e in expiries if e < day_end and e not in seen]
        for c in sorted(todays):
            if c > start and c not in seen:
                seen.add(c)
                yield c


def decide(
    p: Proposed, cfg: PolicyConfig, debtor: DebtorState, history: Sequence[PastContact] = (), *, horizon_days: int = 21
) -> Decision:
    """The one policy decision. `history`: the debtor's ledger (at least the last 7 days, plus the visits
    needed for the fruitless streak and all third-party contacts). `next_allowed_at` is in the debtor's
    time zone."""
    if p.at.tzinfo is None:
        raise ValueError("the proposed time must be timezone-aware")
    hard = (
        _stop_reasons(p, debtor)
        + _lawyer_reasons(p, debtor)
        + _third_party_reasons(p, debtor, history)
        + _fixed_reasons(p, cfg, history)
    )
    # Only this channel's allowed contacts to this target, within the longest window, affect the timing.
    oldest = p.at - timedelta(days=max(7, cfg.days_after_conversation or 0) + 2)
    channel, target = p.channel.value, p.target
    counted = _Counted.of(
        p,
        (
            h if h.at.tzinfo is UTC else replace(h, at=h.at.astimezone(UTC))
            for h in history
            if h.channel == channel and h.allowed and h.target == target and h.at >= oldest
        ),
    )
    timed = _time_reasons(p, p.at, cfg, debtor, counted)
    reasons = tuple(hard + timed)
    if not reasons:
        return Decision(True)
    next_at = None
    if not hard:
        not_before = p.at
        for candidate in _candidates(p, cfg, debtor, counted, horizon_days):
            if candidate < not_before:
                continue
            blocking = _time_reasons(p, candidate, cfg, debtor, counted, first_only=True)
            if not blocking:
                next_at = candidate.astimezone(ZoneInfo(debtor.timezone))
                break
            not_before = _lasts_until(blocking[0], candidate, cfg, counted)
    return Decision(False, reasons, next_at)


WEEKLY_CAPS = frozenset({"visit.weekly_cap", "sms.weekly_cap", "call.weekly_cap"})


def _lasts_until(reason: Reason, at: datetime, cfg: PolicyConfig, counted: _Counted) -> datetime:
    """A moment before which `reason`, found at `at`, surely still holds (contacts only leave a rolling
    window by time passing; later ones can only add to it), so that the search skips the moments between:
    the end of the quiet days after the last conversation, or the moment enough contacts have left the
    week for it to fall under its cap. Any other reason: `at` itself (nothing is skipped)."""
    at = at.astimezone(UTC)
    until = at + TICK
    if reason.code == "call.after_conversation" and cfg.days_after_conversation is not None:
        quiet = timedelta(days=cfg.days_after_conversation)
        last = counted.connected[bisect_left(counted.connected, until) - 1]
        return last + quiet
    if reason.code in WEEKLY_CAPS:
        window = counted.all[bisect_left(counted.all, at - WEEK + TICK) : bisect_left(counted.all, until)]
        limit = reason.kw["limit"]
        return window[len(window) - limit] + WEEK
    return at
