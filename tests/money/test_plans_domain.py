"""The installment plan calculator: exact to the cent, one installment a month, invalid terms named."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from visitapp.cases.rules.statement import Line
from visitapp.core.errors import ValidationError
from visitapp.money.rules import plans

TODAY = date(2026, 11, 23)


def _lines(principal=100_000, fees=5_000, interest=10_000, paid=0):
    return [
        Line(date(2026, 8, 1), principal, paid, "installment"),
        Line(date(2026, 9, 1), fees, 0, "late_fee"),
        Line(date(2026, 9, 1), interest, 0, "interest"),
    ]


def _calc(lines=None, **kw):
    args = {
        "months": 6,
        "down_payment_cents": 20_000,
        "waive_fees": False,
        "waive_interest": False,
        "first_due_date": TODAY + timedelta(days=7),
        "today": TODAY,
    } | kw
    return plans.calculate(_lines() if lines is None else lines, **args)


def test_example_without_waiver():
    fig = _calc()
    assert (fig.total_before_waiver_cents, fig.waiver_cents, fig.total_cents) == (115_000, 0, 115_000)
    assert fig.min_down_payment_cents == 11_500
    assert [i.amount_cents for i in fig.schedule] == [15_833] * 5 + [15_835]
    assert sum(i.amount_cents for i in fig.schedule) == 95_000
    assert [i.due_date for i in fig.schedule] == [
        date(2026, 11, 30),
        date(2026, 12, 30),
        date(2027, 1, 30),
        date(2027, 2, 28),
        date(2027, 3, 30),
        date(2027, 4, 30),
    ]


def test_waivers_take_fees_and_interest_separately():
    lines = [*_lines(), Line(date(2026, 10, 1), 2000, 500, "fee")]
    fees = _calc(lines, waive_fees=True)
    assert (fees.fees_cents, fees.interest_cents, fees.waiver_cents, fees.total_cents) == (
        6_500,
        10_000,
        6_500,
        110_000,
    )
    both = _calc(lines, waive_fees=True, waive_interest=True)
    assert both.waiver_cents == 16_500 and both.total_cents == 100_000
    assert both.waiver_pct == round(16_500 * 100 / 116_500, 2)


def test_month_end_is_clamped_and_comes_back():
    fig = _calc(first_due_date=date(2027, 1, 1), today=date(2026, 12, 20), months=3)
    assert [i.due_date for i in fig.schedule] == [date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1)]
    assert [plans.add_months(date(2027, 1, 31), n) for n in range(4)] == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
    ]
    assert plans.add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)


def test_down_payment_may_equal_the_total():
    fig = _calc(months=3, down_payment_cents=115_000)
    assert [i.amount_cents for i in fig.schedule] == [0, 0, 0]


@pytest.mark.parametrize(
    ("kw", "key", "field"),
    [
        ({"months": 5}, "payplan.bad_months", "months"),
        ({"months": True}, "payplan.bad_months", "months"),
        ({"down_payment_cents": 11_499}, "payplan.down_payment_too_small", "down_payment_cents"),
        ({"down_payment_cents": -1}, "payplan.bad_down_payment", "down_payment_cents"),
        ({"down_payment_cents": 115_001}, "payplan.down_payment_too_large", "down_payment_cents"),
        ({"first_due_date": TODAY - timedelta(days=1)}, "payplan.first_due_past", "first_due_date"),
        ({"first_due_date": TODAY + timedelta(days=46)}, "payplan.first_due_too_late", "first_due_date"),
    ],
)
def test_invalid_terms_are_named(kw, key, field):
    with pytest.raises(ValidationError) as exc:
        _calc(**kw)
    assert exc.value.key == key and exc.value.params["field"] == field


def test_edges_are_allowed():
    assert _calc(down_payment_cents=11_500, first_due_date=TODAY).down_payment_cents == 11_500
    assert _calc(first_due_date=TODAY + timedelta(days=45)).months == 6


def test_minimum_down_payment_is_on_the_total_after_waivers():
    with pytest.raises(ValidationError) as exc:
        _calc(waive_fees=True, waive_interest=True, down_payment_cents=9_999)
    assert exc.value.params["min_cents"] == 10_000 and exc.value.params["pct"] == 10
    assert _calc(waive_fees=True, waive_interest=True, down_payment_cents=10_000).total_cents == 100_000


def test_several_problems_are_all_listed():
    with pytest.raises(ValidationError) as exc:
        _calc(months=7, down_payment_cents=1, first_due_date=TODAY - timedelta(days=3))
    assert exc.value.key == "payplan.bad_months"
    assert [k for k, _ in exc.value.params["problems"]] == [
        "payplan.bad_months",
        "payplan.down_payment_too_small",
        "payplan.first_due_past",
    ]


def test_nothing_owed_is_refused():
    with pytest.raises(ValidationError) as exc:
        _calc([Line(date(2026, 8, 1), 1_000, 1_000)], down_payment_cents=0)
    assert exc.value.key == "payplan.nothing_owed"


def test_policy_months_and_minimum_are_parameters():
    fig = _calc(months=9, allowed_months=(9,), min_down_pct=0, down_payment_cents=0)
    assert len(fig.schedule) == 9


def test_authority_is_exact_in_integers():
    assert plans.within(10, 100, 10) and not plans.within(11, 100, 10)
    assert plans.within(1_000, 10_000, 10) and not plans.within(1_001, 10_000, 10)
    assert plans.within(0, 0, 0)


@st.composite
def _terms(draw):
    principal = draw(st.integers(1, 50_000_000))
    fees = draw(st.integers(0, 5_000_000))
    interest = draw(st.integers(0, 5_000_000))
    paid = draw(st.integers(0, principal - 1))
    waive_fees, waive_interest = draw(st.booleans()), draw(st.booleans())
    total = principal - paid + (0 if waive_fees else fees) + (0 if waive_interest else interest)
    pct = draw(st.integers(0, 100))
    minimum = plans.min_down_payment(total, pct)
    down = draw(st.integers(minimum, total))
    months = draw(st.sampled_from((1, 2, 3, 6, 7, 12, 24, 36, 60)))
    today = draw(st.dates(date(2024, 1, 1), date(2030, 12, 31)))
    first = today + timedelta(days=draw(st.integers(0, 45)))
    lines = [
        Line(today - timedelta(days=90), principal, paid, "installment"),
        Line(today - timedelta(days=60), fees, 0, "late_fee"),
        Line(today - timedelta(days=60), interest, 0, "interest"),
    ]
    return lines, dict(
        months=months,
        down_payment_cents=down,
        waive_fees=waive_fees,
        waive_interest=waive_interest,
        first_due_date=first,
        today=today,
        allowed_months=(months,),
        min_down_pct=pct,
    )


@settings(max_examples=300, deadline=None)
@given(_terms())
def test_schedule_properties(terms):
    lines, kw = terms
    fig = plans.calculate(lines, **kw)
    items = fig.schedule
    # the sums reconcile exactly
    assert fig.total_before_waiver_cents == sum(x.outstanding_cents for x in lines)
    assert fig.total_cents == fig.total_before_waiver_cents - fig.waiver_cents
    assert sum(i.amount_cents for i in items) == fig.total_cents - fig.down_payment_cents
    assert fig.down_payment_cents >= fig.min_down_payment_cents
    # no negative installment; equal installments but the last, which absorbs less than `months` cents
    assert all(i.amount_cents >= 0 for i in items)
    assert len({i.amount_cents for i in items[:-1]}) <= 1
    assert 0 <= items[-1].amount_cents - items[0].amount_cents < kw["months"]
    # one a month, in order, no month skipped, on the same day (clamped)
    assert [i.seq for i in items] == list(range(1, kw["months"] + 1))
    assert items[0].due_date == kw["first_due_date"]
    for a, b in itertools.pairwise(items):
        assert a.due_date < b.due_date
        assert (b.due_date.year * 12 + b.due_date.month) - (a.due_date.year * 12 + a.due_date.month) == 1
    for i in items:
        assert i.due_date.day == kw["first_due_date"].day or (
            i.due_date.day < kw["first_due_date"].day and (i.due_date + timedelta(days=1)).day == 1
        )


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**12), st.integers(1, 120), st.dates(date(2000, 1, 1), date(2090, 1, 1)))
def test_schedule_sums_for_any_amount(amount, months, first):
    items = plans.schedule(amount, months, first)
    assert sum(i.amount_cents for i in items) == amount and min(i.amount_cents for i in items) >= 0
    assert len(items) == months


def test_installments_unpack_as_tuples():
    seq, due, amount = _calc(months=3).schedule[0]
    assert (seq, due, amount) == (1, TODAY + timedelta(days=7), 31_666)


def test_the_minimum_down_payment_reads_in_yuan_not_fen():
    """Issue 12: "首付至少为减免后总额的 10%（215637 分）" is what a debtor was shown."""
    from visitapp import i18n

    with pytest.raises(ValidationError) as exc:
        _calc(down_payment_cents=1)
    assert exc.value.params["min_cents"] == 11_500  # still a number for code
    assert i18n.error_text(exc.value, "zh-CN") == "首付至少 ¥115.00（减免后应还总额的 10%）。"
    assert (
        i18n.error_text(exc.value, "en")
        == "The down payment must be at least CN¥115.00 (10% of the total after waivers)."
    )
    with pytest.raises(ValidationError) as exc:
        _calc(down_payment_cents=200_000)
    assert "分" not in i18n.error_text(exc.value, "zh-CN") and "¥1,150.00" in i18n.error_text(exc.value, "zh-CN")


def test_payments_recorded_here_come_off_the_statement_oldest_line_first():
    """A payment taken on a visit is not on the creditor's statement: a plan must not ask for it again."""
    fig = _calc(paid_here_cents=100_500, down_payment_cents=1_450)
    # the principal line (oldest) is covered, then 5.00 of the late fee; the interest is untouched
    assert (fig.total_before_waiver_cents, fig.fees_cents, fig.interest_cents) == (14_500, 4_500, 10_000)
    assert fig.paid_here_cents == 100_500 and fig.total_cents == 14_500
    waived = _calc(paid_here_cents=100_500, down_payment_cents=0, waive_fees=True, waive_interest=True)
    assert (waived.waiver_cents, waived.total_cents) == (14_500, 0)
    with pytest.raises(ValidationError) as exc:  # paid in full here: nothing to plan
        _calc(paid_here_cents=200_000)
    assert exc.value.key == "payplan.nothing_owed"
    assert _calc().paid_here_cents == 0
