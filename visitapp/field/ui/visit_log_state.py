"""The acting part of the agent's dossier: the pre-visit notice, the outcome, notes and photos.

Notes and outcomes are typed into plain forms that `assets/outbox.js` sends (it keeps them on the phone
while there is no signal); this state shows what the server has saved and refreshes when the outbox
reports a save. Photos go through `rx.upload` and need a connection.
"""

from __future__ import annotations

import reflex as rx
from reflex.config import get_config

from visitapp import i18n
from visitapp.core import access, clock
from visitapp.core.enums import Outcome
from visitapp.core.errors import DomainError
from visitapp.field.services import visit_log
from visitapp.field.ui.notice_state import NoticeSection
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

VIEWER = handler(access.CASE_VIEWERS)


class VisitLogState(NoticeSection, PageState):
    visit_id: int = 0
    is_agent: bool = False
    entries: list[dict[str, str]] = []
    photos: list[dict[str, str]] = []
    outcomes: list[list[str]] = []
    uploading: bool = False

    def _load(self, ctx: Ctx, visit_id: int) -> None:
        """Part of the dossier's page load (DossierState.load): `visit_id` 0 when the visit is not found."""
        self.visit_id = visit_id
        self.is_agent = ctx.actor.role in access.FIELD
        self._notice_reset()
        self.entries, self.photos = [], []
        lang = self.lang
        self.outcomes = [[o.value, i18n.t(f"outcome.{o.value}", lang)] for o in Outcome]
        if visit_id:
            self._refresh(ctx)

    def _refresh(self, ctx: Ctx) -> None:
        lang = self.lang
        api = get_config().api_url or ""
        log = visit_log.visit_log(ctx.db, actor=ctx.actor, visit_id=self.visit_id)
        self.entries = [
            {
                "kind": e.kind,
                "kind_label": i18n.t(f"log.kind.{e.kind}", lang),
                "at": clock.to_local(e.at).strftime("%m-%d %H:%M"),
                "author": e.author,
                "text": i18n.t(f"outcome.{e.text}", lang) if e.kind == "outcome" else e.text,
            }
            for e in log
        ]
        self.photos = [
            {"name": e.text, "url": visit_log.photo_url(e.id, api_base=api)} for e in log if e.kind == "photo"
        ]
        if self.is_agent:
            self._notice_refresh(ctx)

    @VIEWER
    def refresh_log(self, ctx: Ctx):
        self._refresh(ctx)

    @handler(access.FIELD)
    async def upload_photos(self, ctx: Ctx, files: list[rx.UploadFile]):
        # read every file first: nothing is written to the database while this handler awaits
        received = [(f.name or f.filename or "photo", await f.read()) for f in files[: visit_log.PHOTOS_PER_VISIT]]
        saved, errors = 0, []
        for name, data in received:
            try:  # each photo on its own: one refused picture does not cost the others
                with ctx.db.begin_nested():
                    visit_log.add_photo(ctx.db, actor=ctx.actor, visit_id=self.visit_id, filename=name, data=data)
                saved += 1
            except DomainError as exc:
                errors.append(f"{name}: {ctx.error_text(exc)}")
        lang = self.lang
        self._refresh(ctx)
        events = []
        if saved:
            events.append(rx.toast.success(i18n.t("log.photos_saved", lang, count=saved)))
        if errors:
            events.append(rx.toast.error(" ".join(errors)))
        events.append(rx.clear_selected_files("photos"))
        return events
