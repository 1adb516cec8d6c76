from datetime import date

import pytest

from visitapp.cases.rules.statement import Line, overdue_bucket, totals
from visitapp.core.privacy import mask_name, mask_phone


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("+8613812345678", "138****5678"),
        ("13812345678", "138****5678"),
        ("+862161234567", "021****4567"),  # a landline, with its trunk 0 as people write it
        ("", ""),
        ("12345", "*****"),
    ],
)
def test_mask_phone(number, masked):
    assert mask_phone(number) == masked


def test_mask_name():
    assert mask_name("张三丰") == "张**"
    assert mask_name("John Smith") == "J*** S****"


def test_totals_count_only_past_due_unpaid_amounts():
    today = date(2026, 11, 23)
    lines = [
        Line(date(2026, 9, 1), 100_00, 40_00),  # 60.00 overdue, 83 days
        Line(date(2026, 10, 1), 100_00, 100_00),  # paid
        Line(date(2026, 11, 23), 100_00, 0),  # due today: not overdue yet
        Line(date(2026, 12, 1), 100_00, 0),  # future
    ]
    result = totals(lines, today)
    assert result.due_cents == 400_00
    assert result.paid_cents == 140_00
    assert result.outstanding_cents == 260_00
    assert result.overdue_cents == 60_00
    assert result.max_days_overdue == 83


@pytest.mark.parametrize(("days", "bucket"), [(0, "M0"), (1, "M1"), (30, "M1"), (31, "M2"), (90, "M3"), (91, "M4+")])
def test_overdue_bucket(days, bucket):
    assert overdue_bucket(days) == bucket
