from dataclasses import replace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from visitapp.cases.rules.scoring import BASE, FACTOR_CODES, REASON_CODE, REASONS, Features, score, segment_of

YUAN = 100


def points(f: Features) -> dict[str, int]:
    return {x.code: x.points for x in score(f).factors}


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, 0),
        (1, -3),
        (30, -3),
        (31, -6),
        (60, -6),
        (61, -9),
        (90, -9),
        (91, -12),
        (180, -12),
        (181, -15),
        (360, -15),
        (361, -18),
        (720, -18),
        (721, -20),
        (5000, -20),
    ],
)
def test_days_overdue_bands(days, expected):
    assert points(Features(days_overdue=days))["days_overdue"] == expected


@pytest.mark.parametrize(
    ("yuan", "expected"),
    [(0, 5), (2_000, 5), (2_001, 0), (10_000, 0), (10_001, -4), (50_000, -4), (50_001, -8)],
)
def test_amount_bands(yuan, expected):
    assert points(Features(outstanding_cents=yuan * YUAN))["amount"] == expected


@pytest.mark.parametrize(
    ("due", "paid", "code", "pts", "pct"),
    [
        (1000, 0, "paid_share", 0, 0),
        (1000, 1, "paid_share", 3, 0),
        (1000, 99, "paid_share", 3, 9),
        (1000, 100, "paid_share", 6, 10),
        (1000, 250, "paid_share", 9, 25),
        (1000, 499, "paid_share", 9, 49),
        (1000, 500, "paid_share", 12, 50),
        (1000, 899, "paid_share", 12, 89),
        (1000, 900, "paid_share", 15, 90),
        (1000, 5000, "paid_share", 15, 100),
        (0, 0, "paid_share_none", 0, None),
    ],
)
def test_paid_share(due, paid, code, pts, pct):
    f = next(x for x in score(Features(due_cents=due, paid_cents=paid)).factors if x.code.startswith("paid_share"))
    assert (f.code, f.points, f.params.get("pct")) == (code, pts, pct)


@pytest.mark.parametrize(
    ("features", "code", "expected"),
    [
        (Features(payments_recent=1), "recent_payments", 5),
        (Features(payments_recent=9), "recent_payments", 10),
        (Features(promises_kept=1), "promises_kept", 4),
        (Features(promises_broken=1), "promises_broken", -5),
        (Features(promises_broken=7), "promises_broken", -10),
        (Features(calls_connected=1, visits_met=1), "contact_reached", 8),
        (Features(calls_connected=5), "contact_reached", 12),
        (Features(calls_unanswered=2, visits_not_home=1), "contact_fruitless", -3),
        (Features(calls_unanswered=20), "contact_fruitless", -4),
        (Features(visits_refused=1), "contact_refused", -2),
        (Features(wrong_numbers=1, visits_wrong_address=3), "contact_wrong", -4),
    ],
)
def test_counted_factors_with_caps(features, code, expected):
    assert points(features)[code] == expected


@pytest.mark.parametrize(
    ("value", "segment"), [(100, "A"), (75, "A"), (74, "B"), (50, "B"), (49, "C"), (25, "C"), (24, "D"), (0, "D")]
)
def test_segments(value, segment):
    assert segment_of(value) == segment


GOOD = Features(
    days_overdue=10,
    outstanding_cents=1_500 * YUAN,
    due_cents=3_000 * YUAN,
    paid_cents=2_500 * YUAN,
    payments_recent=2,
    promises_kept=1,
    calls_connected=2,
)
ORDINARY = Features(days_overdue=45, outstanding_cents=8_000 * YUAN, due_cents=8_000 * YUAN, calls_connected=1)


@pytest.mark.parametrize(
    ("features", "strategy", "reason"),
    [
        (replace(GOOD, deceased=True), "review", "deceased"),
        (replace(GOOD, lawyer=True), "review", "lawyer"),
        (replace(ORDINARY, disputed=True), "review", "disputed"),
        (replace(ORDINARY, cease_communication=True), "review", "cease_communication"),
        (replace(ORDINARY, paused=True), "review", "paused"),
        (GOOD, "sms", "willing_small_amount"),
        (replace(GOOD, outstanding_cents=6_000 * YUAN), "call", "reachable_by_phone"),
        (replace(GOOD, phones=0), "visit", "phone_unreachable"),
        (ORDINARY, "call", "reachable_by_phone"),
        (replace(ORDINARY, calls_connected=0, calls_unanswered=3), "visit", "phone_unreachable"),
        (replace(ORDINARY, calls_connected=0, calls_unanswered=2), "call", "reachable_by_phone"),
        (replace(ORDINARY, calls_connected=0, wrong_numbers=1), "visit", "phone_unreachable"),
        (replace(ORDINARY, calls_connected=0, wrong_numbers=1, phones=2), "call", "reachable_by_phone"),
        (replace(ORDINARY, outstanding_cents=80_000 * YUAN, calls_connected=0), "visit", "large_amount_poor_contact"),
        (
            replace(ORDINARY, outstanding_cents=80_000 * YUAN, calls_connected=0, do_not_visit=True),
            "call",
            "reachable_by_phone",
        ),
        (replace(ORDINARY, outstanding_cents=80_000 * YUAN), "call", "reachable_by_phone"),
        (replace(ORDINARY, phones=0, do_not_visit=True), "review", "no_channel"),
    ],
)
def test_strategy_rules(features, strategy, reason):
    s = score(features)
    assert (s.strategy, s.reason) == (strategy, reason)
    assert reason in REASONS


def test_a_worked_example_adds_up():
    s = score(GOOD)
    assert [(x.code, x.points) for x in s.factors] == [
        ("base", 50),
        ("days_overdue", -3),
        ("amount", 5),
        ("paid_share", 12),
        ("recent_payments", 10),
        ("promises_kept", 4),
        ("promises_broken", 0),
        ("contact_reached", 8),
        ("contact_fruitless", 0),
        ("contact_refused", 0),
        ("contact_wrong", 0),
    ]
    assert (s.value, s.segment) == (86, "A")
    stored = s.as_json()
    assert sum(x["points"] for x in stored) == 86
    assert stored[-1] == {
        "code": REASON_CODE,
        "points": 0,
        "params": {"strategy": "sms", "reason": "willing_small_amount"},
    }


def test_extremes_reach_exactly_0_and_100():
    best = Features(
        outstanding_cents=0, due_cents=1, paid_cents=1, payments_recent=5, promises_kept=5, calls_connected=5
    )
    worst = Features(
        days_overdue=999,
        outstanding_cents=10**9,
        due_cents=10**9,
        promises_broken=5,
        calls_unanswered=9,
        visits_refused=9,
        wrong_numbers=9,
    )
    assert score(best).value == 100
    assert score(worst).value == 0


# --- properties

counts = st.integers(min_value=0, max_value=12)
features = st.builds(
    Features,
    days_overdue=st.integers(min_value=0, max_value=3000),
    outstanding_cents=st.integers(min_value=0, max_value=20_000_000),
    due_cents=st.integers(min_value=0, max_value=20_000_000),
    paid_cents=st.integers(min_value=0, max_value=20_000_000),
    payments_recent=counts,
    promises_kept=counts,
    promises_broken=counts,
    calls_connected=counts,
    calls_unanswered=counts,
    wrong_numbers=counts,
    visits_met=counts,
    visits_not_home=counts,
    visits_refused=counts,
    visits_wrong_address=counts,
    phones=st.integers(min_value=0, max_value=3),
    deceased=st.booleans(),
    lawyer=st.booleans(),
    disputed=st.booleans(),
    cease_communication=st.booleans(),
    paused=st.booleans(),
    do_not_visit=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(features)
def test_factors_add_up_to_the_value_within_0_100(f):
    s = score(f)
    assert s.factors[0].code == "base" and s.factors[0].points == BASE
    assert sum(x.points for x in s.factors) == s.value
    assert sum(x["points"] for x in s.as_json()) == s.value
    assert 0 <= s.value <= 100
    assert s.segment == segment_of(s.value)
    assert {x.code for x in s.factors} <= set(FACTOR_CODES)
    assert len({x.code for x in s.factors}) == len(s.factors)
    assert s.strategy in ("sms", "call", "visit", "review") and s.reason in REASONS


# (field, direction): raising the field by `step` never moves the score the other way
NEVER_RAISE = (
    "days_overdue",
    "outstanding_cents",
    "promises_broken",
    "calls_unanswered",
    "visits_not_home",
    "visits_refused",
    "wrong_numbers",
    "visits_wrong_address",
)
NEVER_LOWER = ("paid_cents", "payments_recent", "promises_kept", "calls_connected", "visits_met")


@settings(max_examples=300, deadline=None)
@given(features, st.sampled_from(NEVER_RAISE), st.integers(min_value=1, max_value=5_000_000))
def test_worse_features_never_raise_the_score(f, name, step):
    if name not in ("days_overdue", "outstanding_cents", "due_cents"):
        step = step % 5 + 1
    worse = replace(f, **{name: getattr(f, name) + step})
    assert score(worse).value <= score(f).value


@settings(max_examples=100, deadline=None)
@given(features, st.integers(min_value=1, max_value=5_000_000))
def test_more_fallen_due_with_the_same_paid_never_raises_the_score(f, step):
    assume(f.due_cents > 0)
    assert score(replace(f, due_cents=f.due_cents + step)).value <= score(f).value


@settings(max_examples=300, deadline=None)
@given(features, st.sampled_from(NEVER_LOWER), st.integers(min_value=1, max_value=5_000_000))
def test_better_features_never_lower_the_score(f, name, step):
    if name != "paid_cents":
        step = step % 5 + 1
    better = replace(f, **{name: getattr(f, name) + step})
    assert score(better).value >= score(f).value


@settings(max_examples=200, deadline=None)
@given(features)
def test_stop_flags_always_mean_review(f):
    for flag in ("deceased", "lawyer", "disputed", "cease_communication", "paused"):
        assert score(replace(f, **{flag: True})).strategy == "review"


@settings(max_examples=200, deadline=None)
@given(features)
def test_no_visit_is_suggested_to_a_debtor_who_declined_visits(f):
    assert score(replace(f, do_not_visit=True)).strategy != "visit"


def test_every_factor_segment_strategy_and_reason_has_words():
    from visitapp.cases.rules.scoring import SEGMENTS, STRATEGIES
    from visitapp.cases.services.scoring_service import factor_text
    from visitapp.i18n.messages import MESSAGES

    for code in (*FACTOR_CODES, REASON_CODE):
        assert f"score.factor.{code}" in MESSAGES, code
    for s in SEGMENTS:
        assert f"segment.{s}" in MESSAGES
    for s in STRATEGIES:
        assert f"strategy.{s}" in MESSAGES
    for r in REASONS:
        assert f"strategy.reason.{r}" in MESSAGES
    samples = [score(GOOD), score(Features()), score(replace(ORDINARY, phones=0, do_not_visit=True))]
    for entry in (e for s in samples for e in s.as_json()):
        for locale in ("zh-CN", "en"):
            text = factor_text(entry, locale)
            assert text and "{" not in text and not text.startswith(("score.", "strategy.")), (entry, text)
    assert factor_text(score(GOOD).as_json()[3], "en") == "Paid CN¥2,500.00 of CN¥3,000.00 fallen due (83%)"


def test_factors_shared_between_scores_never_leak_through_the_stored_list():
    """Counted factors are made once per code and count and shared by every score that has them: the stored
    list (`as_json`) is a copy, so changing one case's entries changes no other score."""
    first = score(Features(days_overdue=40, outstanding_cents=10_000, calls_connected=1)).as_json()
    for entry in first:
        entry["params"]["count"] = 99
        entry["points"] = -1
    again = score(Features(days_overdue=40, outstanding_cents=10_000, calls_connected=1))
    assert [(x.code, x.points) for x in again.factors][-7:] == [
        ("recent_payments", 0),
        ("promises_kept", 0),
        ("promises_broken", 0),
        ("contact_reached", 4),
        ("contact_fruitless", 0),
        ("contact_refused", 0),
        ("contact_wrong", 0),
    ]
    assert again.as_json()[-2]["params"] == {"count": 0, "days": 90}  # contact_wrong
    assert again.as_json()[7]["params"] == {"count": 1, "days": 90}  # contact_reached
    assert again.as_json()[5]["params"] == {"count": 0}  # promises_kept
