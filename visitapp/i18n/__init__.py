"""Message catalogs (zh-CN first, English second) and locale-aware formatting."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import phonenumbers
from babel import Locale
from babel.dates import format_datetime
from babel.numbers import format_currency

from visitapp.core import clock
from visitapp.core.errors import DomainError
from visitapp.core.money import Fen
from visitapp.i18n.messages import MESSAGES

DEFAULT_LOCALE = "zh-CN"
LOCALES = ("zh-CN", "en")


def normalize(locale: str | None) -> str:
    return locale if locale in LOCALES else DEFAULT_LOCALE


# a plural choice in a text: "{count} {count|case|cases}" -> "1 case", "3 cases" (English has two forms,
# Chinese one, so Chinese texts need none); the count picks the form by the locale's CLDR plural rule
PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^{}]*)\}")


def plural_form(locale: str | None, count: object) -> str:
    if not isinstance(count, (int, Decimal)) or isinstance(count, bool):
        return "other"
    return str(Locale.parse(_babel(normalize(locale))).plural_form(count))


def plurals(text: str, locale: str | None, params: dict[str, Any]) -> str:
    return PLURAL.sub(lambda m: m[2] if plural_form(locale, params.get(m[1])) == "one" else m[3], text)


def known(key: str) -> bool:
    return key in MESSAGES


def t(key: str, locale: str | None = None, **params: object) -> str:
    """Translate a key. An unknown key returns the key itself, so a missing text shows, not crashes."""
    texts = MESSAGES.get(key)
    if texts is None:
        return key
    text = texts[normalize(locale)]
    return plurals(text, locale, params).format(**params) if params else text


def render(key: str, params: dict[str, Any] | None, locale: str | None) -> str:
    """A message stored as its key and parameters, in the reader's language: an amount is stored as
    `<name>_cents` (integer fen) and shown as `{<name>}` in that language's currency format; a
    `<name>_key` (a message key) as `{<name>}` in that language; instants in local time (display_params);
    a name given in both languages (`name` and `name_zh`) in the reader's."""
    shown: dict[str, Any] = {}
    for k, v in display_params(params or {}, locale).items():
        if k.endswith("_cents") and isinstance(v, int):
            shown[k.removesuffix("_cents")] = money(v, locale)
        elif k.endswith("_key") and isinstance(v, str) and v in MESSAGES:
            shown[k.removesuffix("_key")] = t(v, locale)
        shown[k] = v
    if normalize(locale) == "zh-CN" and shown.get("name_zh"):  # a holiday named in both languages
        shown["name"] = shown["name_zh"]
    shown.pop("name_zh", None)
    return t(key, locale, **shown)


def _babel(locale: str) -> str:
    return "zh_CN" if normalize(locale) == "zh-CN" else "en_US"


def money(cents: int, locale: str | None = None, currency: str = "CNY") -> str:
    return format_currency(Decimal(cents) / 100, currency, locale=_babel(locale or DEFAULT_LOCALE))


def phone(number: str, region: str = "CN") -> str:
    """A phone number for reading: grouped in the national format at home (`187 2764 8924`), in the
    international one abroad (`+852 9123 4567`). Links keep the stored E.164 (`tel:+8618727648924`)."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_possible_number(parsed):
        return number
    home = phonenumbers.region_code_for_number(parsed) == region
    fmt = phonenumbers.PhoneNumberFormat.NATIONAL if home else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(parsed, fmt)


def datetime_short(value: datetime, locale: str | None = None) -> str:
    return format_datetime(value, "yyyy-MM-dd HH:mm", locale=_babel(locale or DEFAULT_LOCALE))


def reason_text(code: str, params: dict, locale: str | None = None) -> str:
    """A policy reason in words. Holiday names come in both languages; the right one is picked here."""
    locale = normalize(locale)
    params = dict(params)
    if locale == "zh-CN" and params.get("name_zh"):
        params["name"] = params["name_zh"]
    params.pop("name_zh", None)
    return t(f"policy.{code}", locale, **params)


def display_params(params: dict[str, Any], locale: str | None = None) -> dict[str, Any]:
    """Message parameters as text a person reads: instants in local time, dates as ISO, amounts (`Fen`) in
    yuan in the reader's language."""
    out: dict[str, Any] = {}
    for k, v in params.items():
        if isinstance(v, Fen):
            out[k] = money(int(v), locale)
        elif isinstance(v, datetime):
            local = clock.to_local(v)
            out[k] = local.strftime("%H:%M") if local.date() == clock.today() else local.strftime("%m-%d %H:%M")
        elif isinstance(v, date):
            out[k] = v.isoformat()
        else:
            out[k] = v
    return out


def decision_parts(decision: Any, when_format: str = "%m-%d %H:%M") -> list[tuple[str, dict[str, Any]]]:
    """A contact check's refusal as message keys and parameters: each reason, then when it is allowed next
    (for `PageState._say_all`, which says it again after a language switch)."""
    parts: list[tuple[str, dict[str, Any]]] = [(f"policy.{r.code}", dict(r.kw)) for r in decision.reasons]
    if decision.next_allowed_at:
        parts.append(("policy.next_allowed", {"when": clock.to_local(decision.next_allowed_at).strftime(when_format)}))
    return parts


def error_text(exc: DomainError, locale: str | None) -> str:
    """A refused action in the user's words (every entry point, Reflex handler or HTTP route, uses this)."""
    return t(exc.key, locale, **display_params(exc.params, locale))
