"""The script library's pure rules: which situations apply to a visit, what a valid snippet is, and the
starter set."""

from __future__ import annotations

import pytest

from visitapp.field.rules import scripts as rules
from visitapp.field.rules.scripts import VisitFacts, situations_for

OWING = VisitFacts(overdue_cents=50_000)


def test_every_visit_gets_the_basics_in_door_order():
    got = situations_for(VisitFacts())
    assert got[:3] == [rules.OPENING, rules.VERIFY_IDENTITY, rules.THIRD_PARTY]
    assert got[-2:] == [rules.DONT_SAY, rules.CLOSING]
    assert got == [s for s in rules.SITUATIONS if s in got]  # always in the library's order


def test_first_visit_versus_repeat_visit():
    assert rules.FIRST_VISIT in situations_for(OWING)
    assert rules.REPEAT_VISIT not in situations_for(OWING)
    again = VisitFacts(earlier_visits=2, last_outcome="met", overdue_cents=1)
    assert rules.REPEAT_VISIT in situations_for(again) and rules.FIRST_VISIT not in situations_for(again)
    assert rules.NOT_HOME_BEFORE not in situations_for(again)


def test_nobody_home_last_time():
    assert rules.NOT_HOME_BEFORE in situations_for(VisitFacts(earlier_visits=1, last_outcome="not_home"))


def test_plan_offer_needs_overdue_money_and_no_agreed_plan():
    assert rules.PLAN_OFFER in situations_for(OWING)
    assert rules.PLAN_OFFER not in situations_for(VisitFacts(overdue_cents=0))
    assert rules.PLAN_OFFER not in situations_for(VisitFacts(overdue_cents=1, agreed_plan=True))


def test_broken_promise_is_raised_only_while_collecting():
    assert rules.BROKEN_PROMISE in situations_for(VisitFacts(broken_promises=1, overdue_cents=1))
    assert rules.BROKEN_PROMISE not in situations_for(VisitFacts(broken_promises=1, paused=True))


@pytest.mark.parametrize(
    "facts, shown",
    [
        (VisitFacts(hardship=True, paused=True, broken_promises=2, overdue_cents=1), rules.HARDSHIP),
        (VisitFacts(disputed=True, broken_promises=2, overdue_cents=1), rules.PAUSED),
        (VisitFacts(paused=True, overdue_cents=1), None),
        (VisitFacts(closed=True, overdue_cents=1), None),
    ],
)
def test_a_paused_case_gets_no_push_for_money(facts, shown):
    got = situations_for(facts)
    assert rules.PLAN_OFFER not in got and rules.BROKEN_PROMISE not in got
    if shown:
        assert shown in got


def test_validation_names_every_bad_field():
    ok = dict(segment="", situation="opening", lang="zh-CN", title="t", body="b", sort=10)
    assert rules.validate(**ok) == []
    assert rules.validate(**{**ok, "segment": "B"}) == []
    cases = {
        "segment": ("E", "scripts.error.segment"),
        "situation": ("smalltalk", "scripts.error.situation"),
        "lang": ("fr", "scripts.error.lang"),
        "title": ("  ", "scripts.error.title_required"),
        "body": ("", "scripts.error.body_required"),
        "sort": (10_000, "scripts.error.sort"),
    }
    for field, (value, key) in cases.items():
        assert rules.validate(**{**ok, field: value}) == [(field, key)], field
    assert rules.validate(**{**ok, "title": "x" * 121}) == [("title", "scripts.error.title_long")]
    assert rules.validate(**{**ok, "body": "x" * 2001}) == [("body", "scripts.error.body_long")]
    assert [f for f, _ in rules.validate(segment="x", situation="x", lang="x", title="", body="", sort=0)] == [
        "segment",
        "situation",
        "lang",
        "title",
        "body",
    ]


def test_the_starter_set_covers_every_situation_in_both_languages_and_is_valid():
    defaults = rules.default_snippets()
    pairs = {(d.situation, d.lang) for d in defaults if d.segment == ""}
    assert pairs == {(s, lang) for s in rules.SITUATIONS for lang in rules.LANGS}
    for d in defaults:
        assert (
            rules.validate(
                segment=d.segment, situation=d.situation, lang=d.lang, title=d.title, body=d.body, sort=d.sort
            )
            == []
        ), d.title
    # the same snippets exist in both languages
    zh = sorted((d.situation, d.segment) for d in defaults if d.lang == "zh-CN")
    en = sorted((d.situation, d.segment) for d in defaults if d.lang == "en")
    assert zh == en


def test_the_starter_set_says_what_matters():
    text = {(d.situation, d.lang): d.body for d in rules.default_snippets() if d.segment == ""}
    assert "工号" in text[(rules.OPENING, "zh-CN")] and "badge" in text[(rules.OPENING, "en")]
    assert "核实之前，不提欠款" in text[(rules.VERIFY_IDENTITY, "zh-CN")]
    assert "Never mention the debt" in text[(rules.THIRD_PARTY, "en")]
    assert "6 期或 12 期" in text[(rules.PLAN_OFFER, "zh-CN")] and "6 or 12 months" in text[(rules.PLAN_OFFER, "en")]
    assert "不恐吓" in text[(rules.DONT_SAY, "zh-CN")] and "No shaming" in text[(rules.DONT_SAY, "en")]
