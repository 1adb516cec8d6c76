"""SMS templates an administrator may edit: what each must contain, and what it must never say.

Pure rules (no SQL, no Reflex). A template is checked before it is saved, and the problems come back as
message keys with parameters, translated at the edge:

- only the known placeholders of its key (`{company}`, ...), written plainly: no `{x.attr}`, `{x[0]}`,
  `{x!r}` or `{x:>9}`; braces must balance;
- every required placeholder (the visit notice names company, agent, badge, date, window and link; the
  third-party notice names company, the person sought and a number to call back);
- some text of its own (the purpose, in neutral words: a machine cannot judge more than "not empty");
- a way to object written out literally: the zh-CN text says "TD" or "退订", the English text "STOP".
  A literal word rather than an `{optout}` placeholder, so the admin sees exactly what the debtor reads;
- nothing that discloses a debt (`domain.notice.disclosing_words`, plus, for a text a third party receives,
  words that point at an account or a bill), checked on the text filled with neutral sample values so
  `{date}元` is caught too; the words found are named in the message;
- at most `MAX_LENGTH[lang]` characters once filled with typical values (a link of typical length
  included): 300 for zh-CN (five 67-character UCS-2 segments) and 400 for English (GSM-7 segments hold 153
  characters, so 400 is three segments: the shipped English notice fills to about 370).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import Formatter

from visitapp.compliance.rules.notice import LINK_PLACEHOLDER, disclosing_words

VISIT_NOTICE = "sms.visit_notice"
THIRD_PARTY_NOTICE = "sms.third_party_notice"
PAYMENT_REMINDER = "sms.payment_reminder"  # follow-up: a neutral "your appointment date is near" to the debtor
KEYS = (VISIT_NOTICE, THIRD_PARTY_NOTICE, PAYMENT_REMINDER)
LANGS = ("zh-CN", "en")
MAX_LENGTH = {"zh-CN": 300, "en": 400}
OPT_OUT = {"zh-CN": ("TD", "退订"), "en": ("STOP",)}


@dataclass(frozen=True)
class Spec:
    allowed: tuple[str, ...]
    required: tuple[str, ...]
    third_party: bool = False  # read by someone other than the debtor: stricter words


SPECS: dict[str, Spec] = {
    VISIT_NOTICE: Spec(
        allowed=("company", "agent", "badge", "date", "weekday", "start", "end", "link"),
        required=("company", "agent", "badge", "date", "start", "end", "link"),
    ),
    THIRD_PARTY_NOTICE: Spec(
        allowed=("company", "name", "phone"), required=("company", "name", "phone"), third_party=True
    ),
    # read by whoever holds the phone: the date and who to ask, never what it is about (the stricter words)
    PAYMENT_REMINDER: Spec(allowed=("company", "agent", "date"), required=("company", "date"), third_party=True),
}

# A message to a third party must not even hint at money matters.
_THIRD_PARTY_WORDS = re.compile(
    r"账户|账单|付款|财务|\baccounts?\b|\bbills?\b|\bpayments?\b|\bfinanc\w*", re.IGNORECASE
)

# Typical values: a long-ish agent name, a real-looking link (base URL + /v/ + a 43-character token).
SAMPLE_TOKEN = "q7ZxK2mN4pR8sT1vW3yB5dF6gH9jL0aC2eI4oU6uY8k"
_SAMPLES = {
    "zh-CN": {
        "company": "安信资产管理有限公司",
        "agent": "欧阳晓明",
        "badge": "A-0007",
        "date": "2026-11-23",
        "weekday": "周一",
        "start": "14:00",
        "end": "16:00",
        "name": "张伟",
        "phone": "400-820-8820",
    },
    "en": {
        "company": "Anxin Asset Management Co., Ltd.",
        "agent": "Ouyang Xiaoming",
        "badge": "A-0007",
        "date": "2026-11-23",
        "weekday": "Monday",
        "start": "14:00",
        "end": "16:00",
        "name": "Zhang Wei",
        "phone": "400-820-8820",
    },
}
SAMPLE_BASE_URL = "https://visit.example.cn"


@dataclass(frozen=True)
class Problem:
    key: str  # a message key, e.g. "tpl.missing"
    params: tuple[tuple[str, str], ...] = ()

    @property
    def kw(self) -> dict[str, str]:
        return dict(self.params)


def _p(key: str, **params: str) -> Problem:
    return Problem(key, tuple(sorted(params.items())))


def sample_values(lang: str, *, company: str | None = None, base_url: str | None = None) -> dict[str, str]:
    values = dict(_SAMPLES["en" if lang == "en" else "zh-CN"])
    if company:
        values["company"] = company
    values["link"] = (base_url or SAMPLE_BASE_URL).rstrip("/") + "/v/" + SAMPLE_TOKEN
    return values


def placeholders(body: str) -> tuple[list[str], list[str]]:
    """(plain placeholder names in order, malformed fields such as `{x.y}` or `{x!r}`).
    Raises ValueError on unbalanced braces."""
    names, bad = [], []
    for _literal, field, spec, conversion in Formatter().parse(body):
        if field is None:
            continue
        if not re.fullmatch(r"[a-z_]+", field) or spec or conversion:
            bad.append("{" + field + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}")
        else:
            names.append(field)
    return names, bad


def discloses_debt(text: str) -> list[str]:
    """The words of a message to a third party that would tell them about the debt (empty when it is safe):
    the contact check reads every third-party text with this, whatever the caller says about it."""
    return _disclosing(text, third_party=True)


def _disclosing(text: str, third_party: bool) -> list[str]:
    found = disclosing_words(text)
    if third_party:
        found += [m.group(0) for m in _THIRD_PARTY_WORDS.finditer(text)]
    return list(dict.fromkeys(found))  # once each, in order


def fill(key: str, body: str, values: dict[str, str]) -> str:
    """The text as sent: every placeholder of the key filled (the body must have passed `check`)."""
    spec = SPECS[key]
    return body.format(**{name: values.get(name, "") for name in spec.allowed})


def check(key: str, lang: str, body: str, *, company: str | None = None, base_url: str | None = None) -> list[Problem]:
    """Every problem of a template, in the order an admin would fix them; empty when it may be saved."""
    if key not in SPECS:
        return [_p("tpl.unknown_key")]
    spec = SPECS[key]
    text = (body or "").strip()
    if not text:
        return [_p("tpl.empty")]
    try:
        names, bad = placeholders(text)
    except ValueError:
        return [_p("tpl.braces")]
    problems: list[Problem] = []
    if bad:
        problems.append(_p("tpl.bad_placeholder", names=" ".join(bad)))
    unknown = [n for n in dict.fromkeys(names) if n not in spec.allowed]
    if unknown:
        problems.append(_p("tpl.unknown_placeholder", names=" ".join("{" + n + "}" for n in unknown)))
    missing = [n for n in spec.required if n not in names]
    if missing:
        problems.append(_p("tpl.missing", names=" ".join("{" + n + "}" for n in missing)))
    own_text = "".join(literal for literal, *_ in Formatter().parse(text))
    if not re.search(r"\w", own_text):
        problems.append(_p("tpl.no_purpose"))
    words = OPT_OUT["en" if lang == "en" else "zh-CN"]
    if not any(w in own_text for w in words):
        problems.append(_p("tpl.opt_out", words=" / ".join(words)))
    if bad or unknown:
        return problems  # cannot be filled reliably: the rest would be guesses
    values = sample_values(lang, company=company, base_url=base_url)
    # the link is a random token that may contain any letters: checked with the placeholder in its place
    checked = fill(key, text, {**values, "link": LINK_PLACEHOLDER})
    found = _disclosing(checked, spec.third_party)
    if found:
        problems.append(_p("tpl.disclosing", words="、".join(found) if lang == "zh-CN" else ", ".join(found)))
    length, limit = len(fill(key, text, values)), MAX_LENGTH["en" if lang == "en" else "zh-CN"]
    if length > limit:
        problems.append(_p("tpl.too_long", length=str(length), max=str(limit)))
    return problems


def preview(key: str, lang: str, body: str, *, company: str | None = None, base_url: str | None = None) -> str:
    """The text filled with sample values, or "" when it cannot be filled (bad placeholders, braces)."""
    if key not in SPECS:
        return ""
    try:
        names, bad = placeholders(body or "")
    except ValueError:
        return ""
    if bad or any(n not in SPECS[key].allowed for n in names):
        return ""
    return fill(key, body.strip(), sample_values(lang, company=company, base_url=base_url))
