"""Masking of personal data where the viewer does not need it."""

from __future__ import annotations

import re


def mask_phone(number: str | None) -> str:
    """+8613812345678 -> 138****5678; keeps only the first 3 and last 4 digits of the national number, as
    people write it (a landline with its trunk 0: +862161234567 -> 021****4567)."""
    if not number:
        return ""
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+86") and digits.startswith("86"):
        digits = digits[2:]
        if not digits.startswith("1"):
            digits = "0" + digits
    if len(digits) <= 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_name(name: str) -> str:
    """张三丰 -> 张**; John Smith -> J*** S****. Used where a name is not needed in full."""
    if not name:
        return ""
    if re.search(r"[\u4e00-\u9fff]", name):
        return name[0] + "*" * (len(name) - 1)
    return " ".join(part[0] + "*" * (len(part) - 1) for part in name.split())
