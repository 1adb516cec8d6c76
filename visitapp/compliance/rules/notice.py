"""The pre-visit notice SMS: what it says, and the guard that it never discloses the debt.

A third party may read an SMS, so the notice names the sender (company), the agent (name, badge
number), the purpose in neutral words and the proposed window, gives the link and a way to object,
and never mentions a debt, an amount or collection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

# Words and patterns that would disclose the debt to whoever reads the phone.
_DISCLOSING = re.compile(
    r"欠|债|逾期|催收|催缴|还款|贷款|违约|金额|[¥￥]|\d[\d,.]*\s*元|人民币|RMB|CNY"
    r"|\bdebts?\b|\bowe[sd]?\b|\boverdue\b|\bcollect(?:ion|or)?s?\b|\barrears\b|\bamount\b|\bloan\b|\brepay",
    re.IGNORECASE,
)
LINK_PLACEHOLDER = "{link}"


@dataclass(frozen=True)
class NoticeFacts:
    company: str
    agent_name: str
    badge_no: str
    day: date
    start: time
    end: time


def disclosing_words(text: str) -> list[str]:
    """The parts of a text that would disclose a debt (empty when the text is safe)."""
    return [m.group(0) for m in _DISCLOSING.finditer(text)]


def fill(template: str, facts: NoticeFacts, link: str, weekday: str) -> str:
    """Fill a notice template. The template itself must be safe; the link is added last, unchecked
    (a random token may contain any letters)."""
    safe_part = template.format(
        company=facts.company,
        agent=facts.agent_name,
        badge=facts.badge_no or "—",
        date=facts.day.isoformat(),
        weekday=weekday,
        start=facts.start.strftime("%H:%M"),
        end=facts.end.strftime("%H:%M"),
        link=LINK_PLACEHOLDER,
    )
    found = disclosing_words(safe_part)
    if found:
        raise ValueError(f"notice text would disclose the debt: {found}")
    return safe_part.replace(LINK_PLACEHOLDER, link)


def notice_due(
    visit_start: datetime, *, now: datetime, days_before: int, hours: tuple[time, time], zone: tzinfo
) -> datetime | None:
    """When a queued pre-visit notice goes: `days_before` days before the visit at the start of the notice
    `hours` (local); when that has passed already (a plan published late), the first moment from `now` on
    inside the hours. None when no such moment comes before the visit starts (too late for a notice)."""
    start, end = hours
    at = max(datetime.combine(visit_start.astimezone(zone).date() - timedelta(days=days_before), start, zone), now)
    for _ in range(days_before + 2):  # at most one step per day up to the visit
        local = at.astimezone(zone)
        opens, closes = datetime.combine(local.date(), start, zone), datetime.combine(local.date(), end, zone)
        if local < opens:
            at = opens
        elif local >= closes:
            at = datetime.combine(local.date() + timedelta(days=1), start, zone)
            continue
        return at if at < visit_start else None
    return None
