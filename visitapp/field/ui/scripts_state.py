"""Admin: the script library of talking points (list, filter, add, edit, deactivate, reactivate)."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.core import access, clock
from visitapp.core.errors import Conflict, DomainError, NotFound, ValidationError
from visitapp.field.rules import scripts as rules
from visitapp.field.services import scripts
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

ADMIN = handler(access.ADMINS)

ALL = "all"  # a filter that does not filter (Radix select items cannot have the value "")
EVERY = "every"  # the segment value of snippets for every segment, in the UI
FIELDS = ("situation", "segment", "lang", "title", "body", "sort")


def _segment_label(segment: str, lang: str) -> str:
    return (
        i18n.t("scripts.segment.every", lang) if not segment else i18n.t("scripts.segment.one", lang, segment=segment)
    )


class EditDialog(rx.State, mixin=True):
    """The dialog that adds or edits a snippet; a stale edit says who changed it."""

    # the edit dialog; edit_id 0 = a new snippet
    dialog_open: bool = False
    edit_id: int = 0
    edit_version: int = 0
    form: dict[str, str] = {}
    form_key: int = 0  # bumped to reset the uncontrolled inputs to `form`
    errors: dict[str, str] = {}
    form_error: str = ""
    stale: bool = False

    def _open(self, edit_id: int, version: int, form: dict[str, str]) -> None:
        self.edit_id, self.edit_version, self.form = edit_id, version, form
        self.errors = dict.fromkeys(FIELDS, "")
        self.form_error, self.stale = "", False
        self.form_key += 1
        self.dialog_open = True

    @ADMIN
    def open_new(self, ctx: Ctx):
        self._open(
            0,
            0,
            {
                "situation": self.f_situation if self.f_situation != ALL else rules.OPENING,
                "segment": self.f_segment if self.f_segment != ALL else EVERY,
                "lang": self.f_lang if self.f_lang != ALL else i18n.normalize(self.lang),
                "title": "",
                "body": "",
                "sort": "10",
            },
        )

    def _gone(self, ctx: Ctx):
        self.dialog_open = False
        self._fetch(ctx)
        return rx.toast.error(ctx.t("scripts.not_found"))

    @ADMIN
    def open_edit(self, ctx: Ctx, snippet_id: str):
        try:
            x = scripts.get(ctx.db, actor=ctx.actor, snippet_id=int(snippet_id))
        except (NotFound, ValueError):
            return self._gone(ctx)
        self._open(
            x.id or 0,
            x.version,
            {
                "situation": x.situation,
                "segment": x.segment or EVERY,
                "lang": x.lang,
                "title": x.title,
                "body": x.body,
                "sort": str(x.sort),
            },
        )

    @ADMIN
    def set_dialog_open(self, ctx: Ctx, value: bool):
        self.dialog_open = bool(value)

    @ADMIN
    def reload_edit(self, ctx: Ctx):
        """After a conflict: show the snippet as it is now (the admin's own text is replaced)."""
        return AdminScriptsState.open_edit(str(self.edit_id))

    def _refused(self, ctx: Ctx, exc: DomainError, message: str):
        """A save or a toggle the service refused: field problems, someone else's newer edit, or gone."""
        lang = self.lang
        if isinstance(exc, ValidationError):
            problems: dict[str, str] = {}
            for name, key in exc.params.get("problems") or [(exc.params.get("field"), exc.key)]:
                problems.setdefault(name, key)
            self.errors = {name: i18n.t(problems[name], lang) if name in problems else "" for name in FIELDS}
            self.stale = False
            self._say("form_error", "scripts.invalid")
            return None
        if isinstance(exc, Conflict):
            self.stale = True
            self._say("form_error", exc.key, **exc.params)
            return None
        return self._gone(ctx)

    @handler(access.ADMINS, on_error="_refused")
    def save(self, ctx: Ctx, form_data: dict):
        values = {name: str(form_data.get(name, self.form.get(name, ""))) for name in FIELDS}
        self.form = values  # what was typed stays in the dialog whatever happens
        segment = "" if values["segment"] == EVERY else values["segment"]
        args = dict(
            segment=segment,
            situation=values["situation"],
            lang=values["lang"],
            title=values["title"],
            body=values["body"],
            sort=values["sort"],
        )
        if self.edit_id:
            scripts.update(ctx.db, actor=ctx.actor, snippet_id=self.edit_id, version=self.edit_version, **args)
        else:
            scripts.create(ctx.db, actor=ctx.actor, **args)
        created = not self.edit_id
        self.dialog_open = False
        self._fetch(ctx)
        return rx.toast.success(ctx.t("scripts.created" if created else "common.saved"))


class AdminScriptsState(EditDialog, PageState):
    loaded: bool = False
    rows: list[dict[str, str]] = []
    count_label: str = ""
    f_situation: str = ALL
    f_segment: str = ALL
    f_lang: str = ALL
    f_inactive: bool = False
    _versions: dict[int, int] = {}

    @ADMIN
    def load(self, ctx: Ctx):
        # a fresh installation gets the starter set the first time an admin opens the library
        scripts.ensure_defaults(ctx.db, actor_id=ctx.actor.id)
        self._fetch(ctx)
        self.loaded = True

    def _fetch(self, ctx: Ctx) -> None:
        lang = self.lang
        segment = None if self.f_segment == ALL else "" if self.f_segment == EVERY else self.f_segment
        found = scripts.list_snippets(
            ctx.db,
            actor=ctx.actor,
            segment=segment,
            situation=None if self.f_situation == ALL else self.f_situation,
            lang=None if self.f_lang == ALL else self.f_lang,
            include_inactive=self.f_inactive,
        )
        self._versions = {x.id: x.version for x in found if x.id is not None}
        self.rows = [
            {
                "id": str(x.id),
                "situation": i18n.t(f"scripts.situation.{x.situation}", lang),
                "segment": _segment_label(x.segment, lang),
                "lang": i18n.t(f"scripts.lang.{x.lang}", lang),
                "title": x.title,
                "body": x.body,
                "active": "1" if x.active else "",
                "meta": i18n.t(
                    "scripts.meta",
                    lang,
                    version=x.version,
                    name=x.updated_by or "—",
                    time=clock.to_local(x.updated_at).strftime("%Y-%m-%d %H:%M") if x.updated_at else "",
                ),
            }
            for x in found
        ]
        self.count_label = i18n.t("scripts.count", lang, count=len(found))

    # --- filters ---

    @ADMIN
    def set_f_situation(self, ctx: Ctx, value: str):
        self.f_situation = value if value in rules.SITUATIONS else ALL
        self._fetch(ctx)

    @ADMIN
    def set_f_segment(self, ctx: Ctx, value: str):
        self.f_segment = value if value in (*rules.SNIPPET_SEGMENTS[1:], EVERY) else ALL
        self._fetch(ctx)

    @ADMIN
    def set_f_lang(self, ctx: Ctx, value: str):
        self.f_lang = value if value in rules.LANGS else ALL
        self._fetch(ctx)

    @ADMIN
    def set_f_inactive(self, ctx: Ctx, value: bool):
        self.f_inactive = bool(value)
        self._fetch(ctx)

    # --- the dialog ---

    # --- deactivate / reactivate ---

    def _toggle_refused(self, ctx: Ctx, exc: DomainError, message: str):
        self._fetch(ctx)
        return rx.toast.error(message if isinstance(exc, Conflict) else ctx.t("scripts.not_found"))

    @handler(access.ADMINS, on_error="_toggle_refused")
    def toggle_active(self, ctx: Ctx, snippet_id: str, active: bool):
        sid = int(snippet_id) if snippet_id.isdigit() else 0
        scripts.set_active(ctx.db, actor=ctx.actor, snippet_id=sid, version=self._versions.get(sid, 0), active=active)
        self._fetch(ctx)
        return rx.toast.success(ctx.t("scripts.reactivated" if active else "scripts.deactivated"))
