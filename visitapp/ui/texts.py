"""Static labels in pages, compiled into each page in both languages.

`S.t["key"]` in a page function returns a string Var whose JavaScript is
`(lang === "en" ? "<English>" : "<中文>")`, with `lang` the signed-in user's language (kept in the browser's
local storage, so the right one shows on the first paint, before the state arrives). Each page's bundle
therefore carries exactly the texts it uses, and no catalog travels with the state: a page used to get the
whole catalog (57 KB) on every load. A key that does not exist fails when the page is built, not as an
empty label in front of a user. Texts said by the server (toasts, results) are translated there instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import reflex as rx
from reflex.vars.base import VarData

from visitapp.i18n import PLURAL
from visitapp.i18n.messages import MESSAGES


def _js(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class Texts:
    """`t["key"]`: the label for `key` in the browser's language."""

    def __init__(self, lang: Callable[[], rx.Var]) -> None:
        self._lang = lang  # late: the state that holds `lang` is being defined when this is made

    def _pick(self, key: str) -> tuple[str, rx.Var]:
        if not isinstance(key, str):
            raise TypeError(f"t[...] takes a key known when the page is built, not {key!r}: translate on the server")
        texts = MESSAGES[key]  # KeyError: a label that does not exist, found at build time
        lang = self._lang()
        return f'({lang} === "en" ? {_js(texts["en"])} : {_js(texts["zh-CN"])})', lang

    def __getitem__(self, key: str) -> rx.Var[str]:
        expr, lang = self._pick(key)
        if PLURAL.search(MESSAGES[key]["en"]):
            raise TypeError(f"{key} has plural forms: use t.count({key!r}, <count var>)")
        return rx.Var(_js_expr=expr, _var_type=str, _var_data=VarData.merge(lang._get_all_var_data())).to(str)

    def count(self, key: str, n: rx.Var, name: str = "count") -> rx.Var[str]:
        """A label with a count: "{count} {count|case|cases} selected" with the form the browser's CLDR plural
        rules (Intl.PluralRules) pick for `n` in the user's language, and `{count}` replaced by `n`."""
        expr, lang = self._pick(key)
        pattern = r"/\{" + name + r"\|([^|{}]*)\|([^{}]*)\}/g"
        js = (
            f"((c) => {expr}.replace({pattern}, (_m, one, other) => "
            f'(new Intl.PluralRules({lang}).select(c) === "one" ? one : other))'
            f'.replaceAll("{{{name}}}", String(c)))({n})'
        )
        data = VarData.merge(lang._get_all_var_data(), n._get_all_var_data())
        return rx.Var(_js_expr=js, _var_type=str, _var_data=data).to(str)
