"""Static labels are compiled into each page in both languages: a page carries the texts it uses and no
other, the state carries no catalog, and a label that does not exist fails when the page is built."""

from __future__ import annotations

import json
import re

import pytest

from visitapp.app import app
from visitapp.i18n.messages import MESSAGES
from visitapp.ui.auth import AuthState


def _js(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@pytest.fixture(scope="module")
def compiled() -> dict[str, str]:
    """Every page's component rendered to its JavaScript, by route."""
    return {route: str(page.component()) for route, page in app._unevaluated_pages.items()}


def test_every_page_builds_and_says_each_label_in_both_languages(compiled):
    assert len(compiled) >= 20
    audit = compiled["admin/audit"]
    for key in ("admin.audit.title", "audit.filter.everyone", "nav.logout"):
        assert _js(MESSAGES[key]["zh-CN"]) in audit and _js(MESSAGES[key]["en"]) in audit, key


def test_a_page_carries_only_the_texts_it_uses(compiled):
    debtor_only = _js(MESSAGES["link.title"]["zh-CN"])
    assert debtor_only in compiled["v/[token]"]
    assert debtor_only not in compiled["admin/audit"]
    assert _js(MESSAGES["audit.filter.everyone"]["en"]) not in compiled["v/[token]"]


def test_no_catalog_travels_with_the_state():
    assert "t" not in AuthState.get_fields() and "t" not in AuthState.computed_vars


def test_a_label_that_does_not_exist_fails_at_build_and_a_runtime_key_is_refused():
    with pytest.raises(KeyError):
        AuthState.t["no.such.label"]
    with pytest.raises(TypeError, match="known when the page is built"):
        AuthState.t[AuthState.lang]  # type: ignore[index]


def test_a_label_with_plural_forms_takes_its_count_in_the_browser():
    with pytest.raises(TypeError, match=r"t\.count"):
        AuthState.t["audit.exported"]
    js = str(AuthState.t.count("audit.exported", AuthState.busy.to(int), name="rows"))
    assert "Intl.PluralRules" in js and _js(MESSAGES["audit.exported"]["en"]) in js
    assert re.search(r'replaceAll\("\{rows\}"', js)
