"""Money, read once: what a person types (or a spreadsheet cell holds) to integer fen, and back.

Every money path (import, plans, promises, payments) goes through `parse_fen`, so an amount is exact or
refused with the field and the problem named; no float ever carries an amount. Accepted: `1234.5`,
`1,234.50`, `¥1,234.50`, `￥１２３４．５０` (full-width), `1234元`, `RMB 12`. Refused, each with its own
key: blank, negative, not a number (including `inf`, `nan`, `1e3`), more than two decimal places (`1.005`,
`12.345`: nothing is rounded) and amounts beyond `MAX_FEN`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from visitapp.core.errors import ValidationError

MAX_FEN = 1_000_000_000 * 100  # a billion yuan: beyond that it is a typo
PROBLEMS = ("blank", "invalid", "negative", "decimals", "too_large")

_PREFIXES = ("¥", "cny", "rmb")
_SUFFIXES = ("元", "cny", "rmb")
_NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+")
_FEN = Decimal("0.01")
# what a spreadsheet or a form holds almost always: plain ASCII digits with at most two decimals. It is read
# without normalising or Decimal; anything else (and any refusal) takes the full path below.
_PLAIN = re.compile(r"(\d{1,15})(?:\.(\d{0,2}))?", re.ASCII)


class MoneyError(ValidationError):
    """`key` is `money.<problem>`; `params` name the field and quote what was typed."""

    def __init__(self, problem: str, *, field: str, value: str) -> None:
        super().__init__(f"money.{problem}", field=field, value=value)
        self.problem = problem


def _quoted(value: object) -> str:
    text = str(value).strip()
    return text if len(text) <= 40 else text[:39] + "…"


def _text(value: object) -> str:
    """The typed text, normalised: full-width digits and signs become ASCII, currency marks go."""
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    text = text.replace(" ", "").replace("\u00a0", "")
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    negative = text.startswith("-")
    text = text.removeprefix("-").removeprefix("+")
    for prefix in _PREFIXES:  # "-¥12" as well as "¥-12"
        text = text.removeprefix(prefix)
    for suffix in _SUFFIXES:
        text = text.removesuffix(suffix)
    return ("-" if negative else "") + text


def parse_fen(value: object, *, field: str = "amount", max_fen: int = MAX_FEN) -> int:
    """Integer fen from typed text, a whole number of yuan (int), a Decimal, or a spreadsheet's float.

    Raises MoneyError naming `field` for anything that is not an exact, non-negative amount of at most
    `max_fen`."""
    if value.__class__ is str:
        plain = _PLAIN.fullmatch(value)
        if plain is not None:
            whole, cents = plain.groups()
            fen = int(whole) * 100 + int((cents or "").ljust(2, "0"))
            if fen <= max_fen:
                return fen
    shown = _quoted(value) if value is not None else ""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise MoneyError("blank", field=field, value=shown)
    if isinstance(value, bool):
        raise MoneyError("invalid", field=field, value=shown)
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        # a spreadsheet cell: Excel keeps 15 significant digits, so that is what the person typed
        if not math.isfinite(value):
            raise MoneyError("invalid", field=field, value=shown)
        if abs(value) >= 1e15:
            raise MoneyError("too_large", field=field, value=shown)
        amount = Decimal(format(value, ".15g"))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError("invalid", field=field, value=shown)
        amount = value
    else:
        text = _text(value)
        negative = text.startswith("-")
        digits = text.removeprefix("-")
        if not _NUMBER.fullmatch(digits):
            raise MoneyError("invalid", field=field, value=shown)
        try:
            amount = Decimal(digits.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
            raise MoneyError("invalid", field=field, value=shown) from None
        if negative and amount != 0:
            amount = -amount
    if amount < 0:
        raise MoneyError("negative", field=field, value=shown)
    if amount != amount.quantize(_FEN):
        raise MoneyError("decimals", field=field, value=shown)
    fen = int(amount * 100)
    if fen > max_fen:
        raise MoneyError("too_large", field=field, value=shown)
    return fen


def parse_optional_fen(value: object, *, field: str = "amount", max_fen: int = MAX_FEN) -> int | None:
    """Like parse_fen, but a blank value is None (an optional amount, e.g. an empty spreadsheet cell)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_fen(value, field=field, max_fen=max_fen)


class Fen(int):
    """An amount of money in a message's parameters (an int, so rules and tests compare it as one): shown in
    yuan in the reader's language where the message is translated (`visitapp.i18n.display_params`), never
    as a bare number of fen."""

    __slots__ = ()


def to_input(fen: int) -> str:
    """Fen as a person would type it into an amount field: 2156.37 (no grouping, no currency)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"
