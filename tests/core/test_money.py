"""The one money parser: typed text (or a spreadsheet cell) to integer fen, exact or refused by name."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from visitapp.core import money
from visitapp.core.money import MoneyError, parse_fen


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("1234.5", 123_450),
        ("1,234.50", 123_450),
        ("¥1,234.50", 123_450),
        ("￥１，２３４．５０", 123_450),  # full-width digits, comma and point
        ("  200 ", 20_000),
        ("200元", 20_000),
        ("RMB 12", 1_200),
        ("0.01", 1),
        ("12.340", 1_234),  # exact to the fen: nothing to round
        ("0", 0),
        (".5", 50),
        (12, 1_200),  # a whole number of yuan (a spreadsheet's integer cell)
        (1234.5, 123_450),  # a spreadsheet's float cell, as Excel shows it
        (0.1 + 0.2, 30),
        (Decimal("7.25"), 725),
    ],
)
def test_what_people_type_is_read_exactly(typed, fen):
    assert parse_fen(typed) == fen


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "blank"),
        ("   ", "blank"),
        (None, "blank"),
        ("1.005", "decimals"),  # was 100 fen through float()
        ("12.345", "decimals"),  # was accepted
        ("inf", "invalid"),  # was an uncaught error
        ("-inf", "invalid"),
        ("nan", "invalid"),
        ("1e3", "invalid"),
        ("1E-2", "invalid"),
        ("0x10", "invalid"),
        ("12,34", "invalid"),
        ("1,2345.00", "invalid"),
        ("十二", "invalid"),
        ("-5", "negative"),
        ("¥-5.00", "negative"),
        (-1, "negative"),
        (float("inf"), "invalid"),
        (float("nan"), "invalid"),
        (True, "invalid"),
        (Decimal("NaN"), "invalid"),
        ("1000000000.01", "too_large"),
        (1e16, "too_large"),
    ],
)
def test_bad_amounts_are_refused_with_the_problem_named(typed, problem):
    with pytest.raises(MoneyError) as caught:
        parse_fen(typed, field="down_payment")
    assert caught.value.problem == problem
    assert caught.value.key == f"money.{problem}"
    assert caught.value.params["field"] == "down_payment"


def test_blank_is_none_where_an_amount_is_optional():
    assert money.parse_optional_fen("") is None and money.parse_optional_fen(None) is None
    assert money.parse_optional_fen("3") == 300


@given(st.integers(min_value=0, max_value=money.MAX_FEN))
def test_what_to_input_writes_parses_back_to_the_same_fen(fen):
    assert parse_fen(money.to_input(fen)) == fen
    assert parse_fen(f"¥{fen // 100:,}.{fen % 100:02d}") == fen


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=3, max_value=6))
def test_more_than_two_places_is_refused_unless_the_extra_digits_are_zeros(units, places):
    text = f"{units // 10**places}.{units % 10**places:0{places}d}"
    exact = Decimal(text) == Decimal(text).quantize(Decimal("0.01"))
    if exact:
        assert parse_fen(text) == int(Decimal(text) * 100)
    else:
        with pytest.raises(MoneyError):
            parse_fen(text)


@pytest.mark.parametrize(
    "text", ["0", "00", "7", "12.", "12.5", "12.50", "12.500", "12.505", "0012.30", "1000000000.00", "1000000000.01"]
)
@pytest.mark.parametrize("max_fen", [money.MAX_FEN, 500])
def test_plain_digits_read_fast_give_what_the_full_reading_gives(text, max_fen, monkeypatch):
    def reading() -> tuple[str, object]:
        try:
            return "fen", money.parse_fen(text, max_fen=max_fen)
        except money.MoneyError as exc:
            return "refused", exc.problem

    fast = reading()
    monkeypatch.setattr(money, "_PLAIN", re.compile(r"(?!)"))  # every text through normalising and Decimal
    assert fast == reading()
