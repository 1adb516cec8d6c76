"""The notice SMS never discloses the debt, whatever the language, and always names who and when."""

from __future__ import annotations

from datetime import date, time

import pytest

from visitapp.compliance.rules.notice import NoticeFacts, disclosing_words, fill
from visitapp.i18n.messages import MESSAGES

FACTS = NoticeFacts("安信资产管理有限公司", "王静", "A-0007", date(2026, 11, 23), time(14), time(16))


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_shipped_templates_are_safe_and_complete(lang):
    text = fill(MESSAGES["sms.visit_notice"][lang], FACTS, "https://v.example/v/TOKEN", "周一")
    assert disclosing_words(text) == []
    for part in ("安信资产管理有限公司", "王静", "A-0007", "2026-11-23", "14:00", "16:00", "https://v.example/v/TOKEN"):
        assert part in text
    assert ("TD" in text) if lang == "zh-CN" else ("STOP" in text)


@pytest.mark.parametrize(
    "text",
    [
        "您有一笔欠款",
        "逾期账单",
        "请尽快还款",
        "金额 1,234.50 元",
        "¥500",
        "人民币",
        "催收通知",
        "about your debt",
        "you owe us",
        "OVERDUE account",
        "our collection team",
        "the amount",
        "your loan",
        "please repay",
    ],
)
def test_disclosing_texts_are_caught(text):
    assert disclosing_words(text)


@pytest.mark.parametrize("text", ["账户相关事宜", "talk about your account", "2026-11-23 14:00-16:00", "工号A-0007"])
def test_neutral_texts_pass(text):
    assert disclosing_words(text) == []


def test_a_template_that_discloses_is_refused_but_the_link_is_not_checked():
    with pytest.raises(ValueError):
        fill("【{company}】您的欠款请于{date}前处理 {link}", FACTS, "x", "周一")
    # a random token may contain any letters, e.g. "CNY": the link is added after the check
    assert "CNYloan" in fill("{company} {link}", FACTS, "https://v/v/CNYloan", "周一")
