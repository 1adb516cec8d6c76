"""Admin: edit the SMS templates per language, with the check's problems and a preview as one types."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.compliance.rules import templates as rules
from visitapp.compliance.services import templates
from visitapp.core import access, clock
from visitapp.core.errors import Conflict, DomainError, NotFound
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

ADMIN = handler(access.ADMINS)


def _braced(names) -> str:
    return " ".join("{" + n + "}" for n in names)


class AdminTemplatesState(PageState):
    loaded: bool = False
    sel_key: str = rules.VISIT_NOTICE
    sel_lang: str = "zh-CN"
    body: str = ""  # what is in the editor now
    version: int = 0  # the version the editor's text is based on (0: the default)
    is_default: bool = True
    meta: str = ""
    hints: list[str] = []
    problems: list[str] = []
    preview: str = ""
    length_label: str = ""
    too_long: bool = False
    form_error: str = ""
    stale: bool = False
    editor_key: int = 0  # bumped to reset the uncontrolled editor to `body`

    def _recheck(self) -> None:
        lang = self.lang
        found = templates.check(key=self.sel_key, lang=self.sel_lang, body=self.body)
        self.problems = [i18n.t(p.key, lang, **p.kw) for p in found]
        self.preview = templates.preview(key=self.sel_key, lang=self.sel_lang, body=self.body)
        limit = rules.MAX_LENGTH[self.sel_lang]
        self.too_long = len(self.preview) > limit
        self.length_label = i18n.t("tpl.length", lang, length=len(self.preview), max=limit) if self.preview else ""

    def _show(self, t: templates.TemplateOut) -> None:
        lang = self.lang
        self.body, self.version, self.is_default = t.body, t.version, t.is_default
        self.meta = (
            i18n.t("tpl.default", lang)
            if t.is_default
            else i18n.t(
                "tpl.edited",
                lang,
                version=t.version,
                name=t.updated_by or "—",
                time=clock.to_local(t.updated_at).strftime("%Y-%m-%d %H:%M") if t.updated_at else "",
            )
        )
        spec = rules.SPECS[t.key]
        self.hints = [
            i18n.t("tpl.required", lang, names=_braced(spec.required)),
            i18n.t("tpl.allowed", lang, names=_braced(spec.allowed)),
            i18n.t("tpl.optout_hint", lang, words=" / ".join(rules.OPT_OUT[t.lang])),
        ]
        self.form_error, self.stale = "", False
        self.editor_key += 1
        self._recheck()

    def _fetch(self, ctx: Ctx) -> None:
        try:
            t = templates.get(ctx.db, actor=ctx.actor, key=self.sel_key, lang=self.sel_lang)
        except NotFound:
            self.sel_key, self.sel_lang = rules.VISIT_NOTICE, "zh-CN"
            t = templates.get(ctx.db, actor=ctx.actor, key=self.sel_key, lang=self.sel_lang)
        self._show(t)
        self.loaded = True

    @ADMIN
    def load(self, ctx: Ctx):
        self._fetch(ctx)

    @ADMIN
    def set_sel_key(self, ctx: Ctx, value: str):
        self.sel_key = value if value in rules.KEYS else rules.VISIT_NOTICE
        self._fetch(ctx)

    @ADMIN
    def set_sel_lang(self, ctx: Ctx, value: str):
        self.sel_lang = value if value in rules.LANGS else "zh-CN"
        self._fetch(ctx)

    @ADMIN
    def set_body(self, ctx: Ctx, value: str):
        """As the admin types: the check's problems and the preview follow (nothing is saved)."""
        self.body = str(value or "")[:2000]
        self.form_error = "" if not self.stale else self.form_error
        self._recheck()

    def _refused(self, ctx: Ctx, exc: DomainError, message: str):
        """The check refused the text (its problems show), or someone else saved first (reload offered)."""
        if isinstance(exc, Conflict):
            self.stale = True
            self._say("form_error", exc.key, **exc.params)
            return None
        self._recheck()
        self.problems = self.problems or [i18n.t(k, self.lang, **kw) for k, kw in exc.params.get("problems", [])]
        self.stale = False
        self._say("form_error", "tpl.invalid")
        return None

    @handler(access.ADMINS, on_error="_refused")
    def save(self, ctx: Ctx, form_data: dict):
        self.body = str(form_data.get("body", self.body))[:2000]
        t = templates.save(
            ctx.db, actor=ctx.actor, key=self.sel_key, lang=self.sel_lang, body=self.body, version=self.version
        )
        self._show(t)
        return rx.toast.success(ctx.t("tpl.saved"))

    @handler(access.ADMINS, on_error="_refused")
    def reset_default(self, ctx: Ctx):
        t = templates.reset(ctx.db, actor=ctx.actor, key=self.sel_key, lang=self.sel_lang, version=self.version)
        self._show(t)
        return rx.toast.success(ctx.t("tpl.reset_done"))

    @ADMIN
    def reload_latest(self, ctx: Ctx):
        """After a conflict: the template as it is now (the admin's own text is replaced)."""
        self._fetch(ctx)
