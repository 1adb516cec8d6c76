"""SMS template rules: the required parts, known placeholders only, a way to opt out, never a debt word,
and a length limit once filled."""

from __future__ import annotations

import pytest

from visitapp import i18n
from visitapp.compliance.rules import templates as T
from visitapp.i18n.messages import MESSAGES

GOOD_ZH = "【{company}】{agent}（工号{badge}）拟于{date} {start}-{end}上门拜访，详情：{link} 回复TD退订"
GOOD_EN = (
    "[{company}] {agent} (badge {badge}) plans to visit on {date}, {start}-{end}. "
    "Details: {link} Reply STOP to opt out."
)


def keys(problems):
    return [p.key for p in problems]


@pytest.mark.parametrize("key", T.KEYS)
@pytest.mark.parametrize("lang", T.LANGS)
def test_shipped_defaults_pass_their_own_check(key, lang):
    assert T.check(key, lang, MESSAGES[key][lang]) == []
    text = T.preview(key, lang, MESSAGES[key][lang])
    assert text and "{" not in text and len(text) <= T.MAX_LENGTH[lang]


def test_good_edits_pass_and_fill():
    assert T.check(T.VISIT_NOTICE, "zh-CN", GOOD_ZH) == []
    assert T.check(T.VISIT_NOTICE, "en", GOOD_EN) == []
    text = T.preview(T.VISIT_NOTICE, "zh-CN", GOOD_ZH, company="某某公司", base_url="https://x.cn/")
    assert text.startswith("【某某公司】") and "https://x.cn/v/" + T.SAMPLE_TOKEN in text and "14:00-16:00" in text


def test_missing_required_parts_are_named():
    problems = T.check(T.VISIT_NOTICE, "zh-CN", "【{company}】您好，我们将上门拜访。回复TD退订")
    missing = next(p for p in problems if p.key == "tpl.missing")
    assert missing.kw["names"] == "{agent} {badge} {date} {start} {end} {link}"
    # the third-party notice needs no agent or badge, but a name and a number to call back
    problems = T.check(T.THIRD_PARTY_NOTICE, "zh-CN", "【{company}】请转告{name}回电。回复TD退订")
    assert [p.kw for p in problems if p.key == "tpl.missing"] == [{"names": "{phone}"}]


@pytest.mark.parametrize(
    "lang,body,words",
    [
        ("zh-CN", GOOD_ZH.replace("回复TD退订", ""), "TD / 退订"),
        ("en", GOOD_EN.replace("Reply STOP to opt out.", ""), "STOP"),
        ("en", GOOD_EN.replace("STOP", "stop"), "STOP"),  # the word debtors and carriers recognise, as written
    ],
)
def test_a_way_to_opt_out_is_required(lang, body, words):
    problems = T.check(T.VISIT_NOTICE, lang, body)
    assert keys(problems) == ["tpl.opt_out"] and problems[0].kw["words"] == words
    assert T.check(T.VISIT_NOTICE, "zh-CN", GOOD_ZH.replace("TD", "退订")) == []


def test_unknown_and_malformed_placeholders_are_refused():
    problems = T.check(T.VISIT_NOTICE, "zh-CN", GOOD_ZH + "{amount}{name}")
    assert keys(problems) == ["tpl.unknown_placeholder"] and problems[0].kw["names"] == "{amount} {name}"
    problems = T.check(T.VISIT_NOTICE, "zh-CN", GOOD_ZH + "{company.__class__}{date!r}{start:>9}{0}")
    assert keys(problems) == ["tpl.bad_placeholder"]
    assert problems[0].kw["names"] == "{company.__class__} {date!r} {start:>9} {0}"
    assert keys(T.check(T.VISIT_NOTICE, "zh-CN", GOOD_ZH + "{oops")) == ["tpl.braces"]
    assert T.preview(T.VISIT_NOTICE, "zh-CN", GOOD_ZH + "{oops") == ""
    # the third party's template may not name the agent or the visit
    assert keys(T.check(T.THIRD_PARTY_NOTICE, "zh-CN", MESSAGES[T.THIRD_PARTY_NOTICE]["zh-CN"] + "{agent}")) == [
        "tpl.unknown_placeholder"
    ]


@pytest.mark.parametrize(
    "lang,extra,expected",
    [
        ("zh-CN", "关于您的欠款，金额¥500", "欠、金额、¥"),
        ("zh-CN", "请于{date}前还款", "还款"),
        ("zh-CN", "共1,234.50元", "1,234.50元"),
        ("en", " About your overdue loan.", "overdue, loan"),
        ("en", " Our collection team, RMB 500.", "collection, RMB"),
    ],
)
def test_a_disclosing_text_is_refused_naming_the_words(lang, extra, expected):
    body = (GOOD_ZH if lang == "zh-CN" else GOOD_EN) + extra
    problems = T.check(T.VISIT_NOTICE, lang, body)
    assert keys(problems) == ["tpl.disclosing"] and problems[0].kw["words"] == expected
    # the message an admin reads names them
    assert expected in i18n.t(problems[0].key, lang, **problems[0].kw)


def test_a_placeholder_next_to_a_currency_word_is_caught_once_filled():
    problems = T.check(T.VISIT_NOTICE, "zh-CN", GOOD_ZH + "{date}元")
    assert keys(problems) == ["tpl.disclosing"] and "23元" in problems[0].kw["words"]


def test_the_third_party_text_must_not_hint_at_an_account():
    body = MESSAGES[T.THIRD_PARTY_NOTICE]["en"].replace("Hello.", "Hello, about an account.")
    problems = T.check(T.THIRD_PARTY_NOTICE, "en", body)
    assert keys(problems) == ["tpl.disclosing"] and problems[0].kw["words"] == "account"
    # the debtor's own notice may speak of "your account" (the shipped text does)
    assert (
        "账户" in MESSAGES[T.VISIT_NOTICE]["zh-CN"]
        and T.check(T.VISIT_NOTICE, "zh-CN", MESSAGES[T.VISIT_NOTICE]["zh-CN"]) == []
    )


def test_the_link_is_not_checked_for_words():
    # a random token may contain "CNY" or "loan": only the template's own text is checked
    assert T.check(T.VISIT_NOTICE, "zh-CN", GOOD_ZH, base_url="https://loan-cny.example") == []


def test_length_is_counted_after_filling():
    filler = "请您留意。" * 40  # 200 characters of neutral text
    problems = T.check(T.VISIT_NOTICE, "zh-CN", GOOD_ZH + filler)
    assert keys(problems) == ["tpl.too_long"] and problems[0].kw["max"] == "300"
    assert int(problems[0].kw["length"]) == len(T.preview(T.VISIT_NOTICE, "zh-CN", GOOD_ZH + filler)) > 300
    assert T.check(T.VISIT_NOTICE, "en", GOOD_EN + " Thanks." * 40)[0].kw["max"] == "400"


def test_empty_and_placeholder_only_texts():
    assert keys(T.check(T.VISIT_NOTICE, "zh-CN", "   ")) == ["tpl.empty"]
    assert "tpl.no_purpose" in keys(T.check(T.VISIT_NOTICE, "zh-CN", "{company}{agent}{badge}{date}{start}{end}{link}"))
    assert keys(T.check("sms.nope", "zh-CN", GOOD_ZH)) == ["tpl.unknown_key"]


def test_every_problem_has_a_message_in_both_languages():
    for key in (
        "tpl.unknown_key",
        "tpl.empty",
        "tpl.braces",
        "tpl.bad_placeholder",
        "tpl.unknown_placeholder",
        "tpl.missing",
        "tpl.no_purpose",
        "tpl.opt_out",
        "tpl.disclosing",
        "tpl.too_long",
    ):
        assert set(MESSAGES[key]) == {"zh-CN", "en"}
