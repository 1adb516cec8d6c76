"""A transparent score (0–100) of a debtor's ability and willingness to pay, and the strategy it suggests.

Pure: takes the `Features` of one case (counted by `visitapp.cases.services.scoring_service`) and returns a
`Score`. Nothing is hidden: the score is a fixed base plus one `Factor` per feature, and the factors,
base included, add up exactly to the value, so the UI can list why a case scored what it did.

The formula (points; every factor is always present, possibly with 0 points)::

    base                                   +50
    days_overdue   (oldest unpaid line)     0 not overdue, -3 for 1–30 days, -6 for 31–60, -9 for 61–90,
                                            -12 for 91–180, -15 for 181–360, -18 for 361–720, -20 beyond
    amount         (outstanding)            +5 up to 2,000 CNY, 0 up to 10,000, -4 up to 50,000, -8 above
    paid_share     (paid / fallen due)      0 nothing paid, +3 something, +6 from 10 %, +9 from 25 %,
                                            +12 from 50 %, +15 from 90 % ("paid_share_none", 0, if nothing
                                            has fallen due); any payment at all is the strongest sign of
                                            willingness, so the first steps are the steepest
    recent_payments (last 90 days)          +5 each, at most +10
    promises_kept                           +4 each, at most +8
    promises_broken                         -5 each, at most -10
    contact_reached  (connected calls and   +4 each, at most +12
                      visits that met the debtor, last 90 days)
    contact_fruitless (unanswered calls,    -1 each, at most -4
                       nobody at home)
    contact_refused  (refused at the door)  -2 each, at most -4
    contact_wrong    (wrong number or       -2 each, at most -4
                      wrong address)

The positive maxima add up to +50 and the negative ones to -50, so the value is always within 0..100
with no clamping (checked below at import). Every factor is monotonic in its feature: more days overdue,
a larger amount, more broken promises or more failed contacts never raise the score; more paid, more
payments, kept promises or conversations never lower it.

Segments: A 75–100, B 50–74, C 25–49, D 0–24.

Strategy, first rule that applies (its code is `Score.reason`):

1. ``review`` when the case must not be worked as usual: the debtor is deceased, has a lawyer, disputes
   the debt, asked to stop all communication, or the case is paused (open complaint, hardship).
2. ``sms`` (a reminder) when willingness is high and the amount small: segment A, at most 5,000 CNY
   outstanding, and the debtor is reachable by phone.
3. ``visit`` when the debtor cannot be reached by phone (no number, only wrong numbers, or at least 3
   unanswered calls and none connected in 90 days), or when the amount is large (50,000 CNY or more) and
   no call or visit has reached the debtor in 90 days — unless the debtor declined visits.
4. ``call`` when the debtor is reachable by phone.
5. ``review`` otherwise (no phone that works and visits declined): a person decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, NamedTuple

from visitapp.cases.rules.statement import overdue_bucket

BASE = 50
SEGMENT_MIN = (("A", 75), ("B", 50), ("C", 25), ("D", 0))

# (upper bound of days overdue, points); the last bound is open
DAYS_POINTS = ((0, 0), (30, -3), (60, -6), (90, -9), (180, -12), (360, -15), (720, -18), (None, -20))
# (upper bound of outstanding cents, points)
AMOUNT_POINTS = ((200_000, 5), (1_000_000, 0), (5_000_000, -4), (None, -8))
# (minimum share paid in percent, points), best first; 0 % paid (nothing at all) scores 0
PAID_SHARE_POINTS = ((90, 15), (50, 12), (25, 9), (10, 6), (0, 3))
PAID_SHARE_MAX = PAID_SHARE_POINTS[0][1]
PAYMENT_POINTS, PAYMENT_CAP = 5, 2
KEPT_POINTS, KEPT_CAP = 4, 2
BROKEN_POINTS, BROKEN_CAP = -5, 2
REACHED_POINTS, REACHED_CAP = 4, 3
FRUITLESS_POINTS, FRUITLESS_CAP = -1, 4
REFUSED_POINTS, REFUSED_CAP = -2, 2
WRONG_POINTS, WRONG_CAP = -2, 2

RECENT_DAYS = 90  # the window for payments and contact results
SMS_MAX_CENTS = 500_000  # 5,000 CNY
LARGE_CENTS = 5_000_000  # 50,000 CNY
UNANSWERED_LIMIT = 3  # unanswered calls, none connected: not reachable by phone

Segment = Literal["A", "B", "C", "D"]
Strategy = Literal["sms", "call", "visit", "review"]
SEGMENTS: tuple[str, ...] = ("A", "B", "C", "D")
STRATEGIES: tuple[str, ...] = ("sms", "call", "visit", "review")
FACTOR_CODES: tuple[str, ...] = (
    "base",
    "days_overdue",
    "amount",
    "paid_share",
    "paid_share_none",
    "recent_payments",
    "promises_kept",
    "promises_broken",
    "contact_reached",
    "contact_fruitless",
    "contact_refused",
    "contact_wrong",
)
# the stop flags, in the order their reason is reported
STOP_FLAGS: tuple[str, ...] = ("deceased", "lawyer", "disputed", "cease_communication", "paused")
REASONS: tuple[str, ...] = (
    *STOP_FLAGS,
    "willing_small_amount",
    "phone_unreachable",
    "large_amount_poor_contact",
    "reachable_by_phone",
    "no_channel",
)
# the zero-point entry that carries the strategy's reason in the stored factor list
REASON_CODE = "strategy_reason"


@dataclass(frozen=True)
class Features:
    """What the score looks at, for one case. Money in cents; contact counts over the last 90 days."""

    days_overdue: int = 0
    outstanding_cents: int = 0
    due_cents: int = 0  # of the lines that have fallen due
    paid_cents: int = 0  # paid against those lines
    payments_recent: int = 0
    promises_kept: int = 0
    promises_broken: int = 0
    calls_connected: int = 0
    calls_unanswered: int = 0
    wrong_numbers: int = 0
    visits_met: int = 0  # met, paid, promise or plan agreed
    visits_not_home: int = 0
    visits_refused: int = 0
    visits_wrong_address: int = 0
    phones: int = 1
    deceased: bool = False
    lawyer: bool = False
    disputed: bool = False
    cease_communication: bool = False
    paused: bool = False
    do_not_visit: bool = False


class StatementFeatures(NamedTuple):
    days_overdue: int
    outstanding_cents: int
    due_cents: int
    paid_cents: int


def statement_features(lines: Iterable[tuple[date, int, int]], today: date) -> StatementFeatures:
    """The statement's part of the Features, from its lines (due date, cents due, cents paid): the days since
    the oldest line still unpaid fell due, the outstanding total, and of the lines fallen due (by today)
    what was due and what was paid against them (an overpaid line counts as paid in full)."""
    outstanding = due_total = paid_total = 0
    oldest: date | None = None
    for due_date, due, paid in lines:
        if due > paid:
            outstanding += due - paid
            if due_date < today and (oldest is None or due_date < oldest):
                oldest = due_date
        if due_date <= today:
            due_total += due
            paid_total += due if paid > due else paid
    return StatementFeatures((today - oldest).days if oldest else 0, outstanding, due_total, paid_total)


@dataclass(frozen=True, slots=True)
class Factor:
    code: str
    points: int
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "points": self.points, "params": dict(self.params)}


@dataclass(frozen=True)
class Score:
    value: int
    segment: Segment
    strategy: Strategy
    factors: list[Factor]  # the base first; sum(points) == value
    reason: str = ""  # why this strategy: one of REASONS

    def as_json(self) -> list[dict[str, Any]]:
        """What `Case.score_factors` stores: the factors, then a zero-point entry with the strategy's reason
        (so the stored points still add up to the score)."""
        return [{"code": f.code, "points": f.points, "params": dict(f.params)} for f in self.factors] + [
            {"code": REASON_CODE, "points": 0, "params": {"strategy": self.strategy, "reason": self.reason}}
        ]


def _banded(value: int, bands: tuple[tuple[int | None, int], ...]) -> int:
    for upper, points in bands:
        if upper is None or value <= upper:
            return points
    raise AssertionError("the last band is open")


def _paid_share_points(paid: int, due: int) -> int:
    if paid <= 0:
        return 0
    return next(points for pct, points in PAID_SHARE_POINTS if paid * 100 >= due * pct)


_counted_seen: dict[tuple[str, int], Factor] = {}


def _counted(code: str, count: int, each: int, cap: int, windowed: bool = False) -> Factor:
    """`each` points per count up to `cap` counts. A factor is a value (frozen, never changed once made): the
    one made for a code and a count is shared by every score that has it (most counts are 0), which spares
    building seven of a score's twelve factors."""
    count = max(count, 0)
    made = _counted_seen.get((code, count))
    if made is None:
        params = {"count": count, "days": RECENT_DAYS} if windowed else {"count": count}
        made = Factor(code, each * min(count, cap), params)
        if len(_counted_seen) < 10_000:
            _counted_seen[code, count] = made
    return made


def segment_of(value: int) -> Segment:
    for name, minimum in SEGMENT_MIN:
        if value >= minimum:
            return name  # type: ignore[return-value]
    return "D"


_BASE_FACTOR = Factor("base", BASE, {})
_PAID_SHARE_NONE = Factor("paid_share_none", 0, {})


def factors(f: Features) -> list[Factor]:
    days = max(f.days_overdue, 0)
    outstanding = max(f.outstanding_cents, 0)
    out = [
        _BASE_FACTOR,
        Factor("days_overdue", _banded(days, DAYS_POINTS), {"days": days, "bucket": overdue_bucket(days)}),
        Factor("amount", _banded(outstanding, AMOUNT_POINTS), {"amount_cents": outstanding}),
    ]
    if f.due_cents > 0:
        paid = min(max(f.paid_cents, 0), f.due_cents)
        out.append(
            Factor(
                "paid_share",
                _paid_share_points(paid, f.due_cents),
                {"pct": 100 * paid // f.due_cents, "paid_cents": paid, "due_cents": f.due_cents},
            )
        )
    else:
        out.append(_PAID_SHARE_NONE)
    out += [
        _counted("recent_payments", f.payments_recent, PAYMENT_POINTS, PAYMENT_CAP, True),
        _counted("promises_kept", f.promises_kept, KEPT_POINTS, KEPT_CAP),
        _counted("promises_broken", f.promises_broken, BROKEN_POINTS, BROKEN_CAP),
        _counted("contact_reached", f.calls_connected + f.visits_met, REACHED_POINTS, REACHED_CAP, True),
        _counted("contact_fruitless", f.calls_unanswered + f.visits_not_home, FRUITLESS_POINTS, FRUITLESS_CAP, True),
        _counted("contact_refused", f.visits_refused, REFUSED_POINTS, REFUSED_CAP, True),
        _counted("contact_wrong", f.wrong_numbers + f.visits_wrong_address, WRONG_POINTS, WRONG_CAP, True),
    ]
    return out


def phone_reachable(f: Features) -> bool:
    if f.phones <= 0:
        return False
    if f.calls_connected > 0:
        return True
    return f.wrong_numbers < f.phones and f.calls_unanswered < UNANSWERED_LIMIT


def strategy_of(f: Features, value: int) -> tuple[Strategy, str]:
    """The strategy and the code of the rule that chose it (see the module docstring)."""
    for flag in STOP_FLAGS:
        if getattr(f, flag):
            return "review", flag
    by_phone = phone_reachable(f)
    if by_phone and segment_of(value) == "A" and f.outstanding_cents <= SMS_MAX_CENTS:
        return "sms", "willing_small_amount"
    if not f.do_not_visit:
        if not by_phone:
            return "visit", "phone_unreachable"
        if f.outstanding_cents >= LARGE_CENTS and f.calls_connected + f.visits_met == 0:
            return "visit", "large_amount_poor_contact"
    if by_phone:
        return "call", "reachable_by_phone"
    return "review", "no_channel"


def score(f: Features) -> Score:
    parts = factors(f)
    value = sum(p.points for p in parts)
    assert 0 <= value <= 100, value  # guaranteed by the bounds below
    strategy, reason = strategy_of(f, value)
    return Score(value=value, segment=segment_of(value), strategy=strategy, factors=parts, reason=reason)


def _bounds() -> tuple[int, int]:
    """The lowest and highest possible value, from the tables (no clamping is ever needed)."""
    days = [p for _, p in DAYS_POINTS]
    amount = [p for _, p in AMOUNT_POINTS]
    capped = [
        (PAYMENT_POINTS, PAYMENT_CAP),
        (KEPT_POINTS, KEPT_CAP),
        (BROKEN_POINTS, BROKEN_CAP),
        (REACHED_POINTS, REACHED_CAP),
        (FRUITLESS_POINTS, FRUITLESS_CAP),
        (REFUSED_POINTS, REFUSED_CAP),
        (WRONG_POINTS, WRONG_CAP),
    ]
    low = BASE + min(days) + min(amount) + sum(min(0, e * c) for e, c in capped)
    high = BASE + max(days) + max(amount) + PAID_SHARE_MAX + sum(max(0, e * c) for e, c in capped)
    return low, high


assert _bounds() == (0, 100), _bounds()
