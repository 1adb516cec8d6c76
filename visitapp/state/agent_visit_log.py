"""The acting part of the agent's dossier: the pre-visit notice, the outcome, notes and photos.

Notes and outcomes are typed into plain forms that `assets/outbox.js` sends (it keeps them on the phone
while there is no signal); this state shows what the server has saved and refreshes when the outbox
reports a save. Photos go through `rx.upload` and need a connection.
"""

from __future__ import annotations

import reflex as rx
from reflex.config import get_config

from visitapp import clock, i18n
from visitapp.db import session_scope
from visitapp.domain.enums import Outcome, Role
from visitapp.domain.errors import DomainError, NotFound
from visitapp.services import notices, visit_log
from visitapp.settings import get_settings
from visitapp.state.auth import PageState

ACTORS = (Role.AGENT,)
VIEWERS = (Role.AGENT, Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)


class VisitLogState(PageState):
    visit_id: int = 0
    is_agent: bool = False
    entries: list[dict[str, str]] = []
    photos: list[dict[str, str]] = []
    outcomes: list[list[str]] = []
    # the notice
    notice_message: str = ""
    notice_ok: bool = True
    notice_text: str = ""
    last_notice: str = ""
    sending: bool = False
    uploading: bool = False

    @rx.event
    def load(self):
        identity = self._require(*VIEWERS)
        self.visit_id = self._path_id()
        self.is_agent = identity.role == Role.AGENT
        self.notice_message, self.notice_text, self.notice_ok = "", "", True
        lang = self.lang
        self.outcomes = [[o.value, i18n.t(f"outcome.{o.value}", lang)] for o in Outcome]
        try:
            self._refresh(identity)
        except NotFound:
            self.entries, self.photos, self.last_notice = [], [], ""

    def _refresh(self, identity) -> None:
        lang = self.lang
        api = get_config().api_url or ""
        with session_scope() as s:
            log = visit_log.visit_log(s, actor=identity, visit_id=self.visit_id)
            last = notices.last_notice(s, visit_id=self.visit_id)
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
        self.last_notice = (
            i18n.t(
                "notice.last",
                lang,
                at=clock.to_local(last.at).strftime("%m-%d %H:%M"),
                status=i18n.t(f"sms.status.{last.status}", lang),
            )
            if last
            else ""
        )

    @rx.event
    def refresh_log(self):
        identity = self._require(*VIEWERS)
        self._refresh(identity)

    @rx.event
    def send_notice(self):
        identity = self._require(*ACTORS)
        lang = self.lang
        base = get_settings().public_url or self.router.url.origin
        try:
            with session_scope() as s:
                r = notices.send_visit_notice(s, actor=identity, visit_id=self.visit_id, base_url=base)
        except DomainError as exc:
            self.notice_ok, self.notice_message, self.notice_text = False, i18n.t(exc.key, lang, **exc.params), ""
            return
        if not r.decision.allowed:
            parts = [i18n.t("notice.blocked", lang)]
            parts += [i18n.reason_text(x.code, x.kw, lang) for x in r.decision.reasons]
            if r.decision.next_allowed_at:
                parts.append(
                    i18n.t(
                        "policy.next_allowed",
                        lang,
                        when=clock.to_local(r.decision.next_allowed_at).strftime("%m-%d %H:%M"),
                    )
                )
            self.notice_ok, self.notice_message, self.notice_text = False, " ".join(parts), ""
            return
        key = {"sent": "notice.sent", "outbox": "notice.kept", "retry": "notice.retry"}.get(r.status, "notice.failed")
        self.notice_ok = r.status in ("sent", "outbox", "retry")
        self.notice_message = i18n.t(key, lang, phone=r.phone_masked, error=r.error or "")
        self.notice_text = r.body
        self._refresh(identity)
        return rx.toast.success(self.notice_message) if self.notice_ok else rx.toast.error(self.notice_message)

    @rx.event
    async def upload_photos(self, files: list[rx.UploadFile]):
        identity = self._require(*ACTORS)
        lang = self.lang
        saved, errors = 0, []
        for f in files[: visit_log.PHOTOS_PER_VISIT]:
            data = await f.read()
            name = f.name or f.filename or "photo"
            try:
                with session_scope() as s:
                    visit_log.add_photo(s, actor=identity, visit_id=self.visit_id, filename=name, data=data)
                saved += 1
            except DomainError as exc:
                errors.append(f"{name}: {i18n.t(exc.key, lang, **exc.params)}")
        self._refresh(identity)
        events = []
        if saved:
            events.append(rx.toast.success(i18n.t("log.photos_saved", lang, count=saved)))
        if errors:
            events.append(rx.toast.error(" ".join(errors)))
        events.append(rx.clear_selected_files("photos"))
        return events
