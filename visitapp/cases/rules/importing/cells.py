"""How each cell of an import row is read: amounts (through the one money parser), dates, phones,
coordinates, yes/no, kinds of statement line, verifiers. A bad cell raises CellError with its code."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from typing import Any

import phonenumbers

from visitapp.core import money

MAX_AMOUNT_CENTS = money.MAX_FEN  # a billion yuan: beyond that it is a typo
KINDS = ("installment", "interest", "late_fee", "fee")
KIND_ALIASES = {
    "installment": "installment",
    "分期": "installment",
    "本金": "installment",
    "月供": "installment",
    "interest": "interest",
    "利息": "interest",
    "late_fee": "late_fee",
    "罚息": "late_fee",
    "滞纳金": "late_fee",
    "违约金": "late_fee",
    "fee": "fee",
    "费用": "fee",
    "手续费": "fee",
}
TRUE_WORDS = frozenset({"1", "true", "yes", "y", "t", "是"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "f", "否", ""})
DEFAULT_REGION = "CN"


BAD: Any = object()  # a cell whose error is already recorded


class CellError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def shown(value: Any) -> str:
    """A cell value as it may be quoted back in an error message (short)."""
    text = text_value(value)
    return text if len(text) <= 40 else text[:39] + "…"


def text_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


_amount_cache: dict[str, int | None] = {}


def parse_amount(value: Any) -> int | None:
    """Yuan to integer cents through the one money parser (visitapp.core.money); None for a blank cell.

    A big file repeats the same few thousand amounts: text the parser has accepted once is answered from a
    cache (the parser is pure; a refused text is never cached, so it is refused again with its error)."""
    text = value.__class__ is str
    if text:
        hit = _amount_cache.get(value, BAD)
        if hit is not BAD:
            return hit
    try:
        fen = money.parse_optional_fen(value, field="amount", max_fen=MAX_AMOUNT_CENTS)
    except money.MoneyError as exc:
        raise CellError(f"amount_{exc.problem}", value=shown(value)) from None
    if text and len(_amount_cache) < 100_000:
        _amount_cache[value] = fen
    return fen


_DATE = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_date_cache: dict[str, date] = {}


def parse_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise CellError("date_invalid", value=shown(value))
    text = value.strip()
    if not text:
        return None
    hit = _date_cache.get(text)
    if hit is not None:
        return hit
    m = _DATE.fullmatch(text)
    if not m:
        raise CellError("date_invalid", value=shown(value))
    try:
        parsed = date(int(m[1]), int(m[3]), int(m[4]))
    except ValueError:
        raise CellError("date_invalid", value=shown(value)) from None
    if len(_date_cache) < 50_000:
        _date_cache[text] = parsed
    return parsed


_PHONE_JUNK = re.compile(r"[\s\-().]")
_CN_MOBILE = re.compile(r"(?:\+86|0086|86)?(1\d{10})", re.ASCII)
# CN mobile validity depends on the first 5 digits only (phonenumbers' metadata pattern for CN mobiles
# is `1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|...)\d{8}`): a prefix proven valid once is valid for every
# 11-digit number that starts with it, which spares the slow parse for most rows of a big file.
_valid_mobile_prefixes: set[str] = set()
_PHONE_KINDS = {
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE: "landline",
}


def parse_phone(value: Any, region: str = DEFAULT_REGION) -> tuple[str, str] | None:
    """(E.164, kind) with kind mobile | landline | other; None for a blank cell."""
    text = text_value(value)
    if not text:
        return None
    compact = _PHONE_JUNK.sub("", text)
    m = _CN_MOBILE.fullmatch(compact)
    if m and region == "CN" and m[1][:5] in _valid_mobile_prefixes:
        return "+86" + m[1], "mobile"
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise CellError("phone_invalid", value=shown(value)) from None
    if not phonenumbers.is_valid_number(number):
        raise CellError("phone_invalid", value=shown(value))
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    kind = _PHONE_KINDS.get(phonenumbers.number_type(number), "other")
    if m and kind == "mobile" and number.country_code == 86 and e164 == "+86" + m[1]:
        _valid_mobile_prefixes.add(m[1][:5])
    return e164, kind


def e164_or_none(value: Any, region: str = DEFAULT_REGION) -> str | None:
    """A number typed into a form as E.164, or None when it is blank or not a valid number (the form says
    which field); `parse_phone` is the reading, this only drops its reason."""
    try:
        parsed = parse_phone(value, region)
    except CellError:
        return None
    return parsed[0] if parsed else None


def parse_coordinate(value: Any, low: float, high: float, range_code: str) -> float | None:
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise CellError("coord_invalid", value=shown(value))
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise CellError("coord_invalid", value=shown(value)) from None
    if not math.isfinite(number):
        raise CellError("coord_invalid", value=shown(value))
    if not low <= number <= high:
        raise CellError(range_code, value=shown(value))
    return number


def parse_bool(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    word = text_value(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError("bool_invalid", value=shown(value))


def parse_kind(value: Any) -> str:
    if value.__class__ is str and value in KIND_ALIASES:  # as written in the template: no need to tidy it
        return KIND_ALIASES[value]
    word = text_value(value).lower().replace(" ", "_").replace("-", "_")
    if not word:
        return "installment"
    kind = KIND_ALIASES.get(word)
    if kind is None:
        raise CellError("kind_invalid", value=shown(value))
    return kind


def parse_birth_year(value: Any, today: date) -> str | None:
    text = unicodedata.normalize("NFKC", text_value(value))  # full-width digits from a Chinese IME
    if not text:
        return None
    if not (len(text) == 4 and text.isascii() and text.isdigit() and 1900 <= int(text) <= today.year):
        raise CellError("birth_year_invalid")
    return text


_ID_LAST4 = re.compile(r"\d{3}[\dX]", re.ASCII)


def parse_id_last4(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9999:
        return f"{value:04d}"  # a number cell lost its leading zeros
    text = unicodedata.normalize("NFKC", text_value(value)).upper()
    if not text:
        return None
    if not _ID_LAST4.fullmatch(text):
        raise CellError("id_last4_invalid")
    return text
