"""The dossier's pre-visit notice: one tap sends it; a second one only on purpose, with a reason; none for a
time the debtor confirmed. One message at a time, inline (no toast beside it)."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.compliance.services import notice_queue, notices
from visitapp.core import access, clock, links
from visitapp.core.enums import MessageStatus
from visitapp.core.errors import DomainError
from visitapp.ui.entry import Ctx, handler

AT_DOOR = handler(access.FIELD, on_error="_notice_refused")


def notice_words(view: notices.NoticeView | None, lang: str) -> str:
    """A visit's queued notice in words: goes at, went at, or why not (Today's cards and the dossier)."""
    if view is None:
        return ""
    at = clock.to_local(view.at).strftime("%m-%d %H:%M") if view.at else ""
    reason = view.reason if view.reason in notice_queue.REASONS else "other"
    return i18n.t(f"notice.state.{view.state}", lang, at=at, reason=i18n.t(f"notice.why.{reason}", lang))


class NoticeSection(rx.State, mixin=True):
    notice_next: str = ""  # "" (not an agent / not loaded) | first | again | confirmed
    notice_message: str = ""
    notice_tone: str = "green"  # green | amber | blue
    notice_text: str = ""
    last_notice: str = ""
    notice_queued: str = ""  # the notice queued on publish for this time: when it goes, or why not
    notice_again_open: bool = False
    notice_reasons: list[list[str]] = []
    sending: bool = False

    def _notice_reset(self) -> None:
        self.notice_next, self.notice_message, self.notice_tone, self.notice_text = "", "", "green", ""
        self.last_notice, self.notice_again_open, self.sending = "", False, False
        self.notice_queued = ""
        self.notice_reasons = [[r, i18n.t(f"notice.reason.{r}", self.lang)] for r in notices.AGAIN_REASONS]

    def _notice_refresh(self, ctx: Ctx) -> None:
        """What the notice offers now (another phone may have sent one, the debtor may have confirmed)."""
        lang = self.lang
        st = notices.notice_status(ctx.db, actor=ctx.actor, visit_id=self.visit_id)
        self.notice_next = st.next
        self.notice_queued = notice_words(st.queued, lang) if st.next != "over" else ""
        self.last_notice = (
            i18n.t(
                "notice.last",
                lang,
                at=clock.to_local(st.last.at).strftime("%m-%d %H:%M"),
                status=i18n.t(f"sms.status.{st.last.status}", lang),
            )
            if st.last
            else ""
        )
        if st.next != "again":
            self.notice_again_open = False
        if st.next == "over" and not self.notice_message:
            self.notice_tone = "gray"
            self._say("notice_message", "notice.over")
        if st.next == "confirmed" and not self.notice_message:
            self.notice_tone = "blue"
            self._say(
                "notice_message",
                "notice.confirmed",
                date=st.day.isoformat(),
                start=st.start.strftime("%H:%M"),
                end=st.end.strftime("%H:%M"),
            )

    def _notice_refused(self, ctx: Ctx, exc: DomainError, message: str) -> None:
        self.notice_tone, self.notice_text, self.sending = "amber", "", False
        self._say("notice_message", exc.key, **exc.params)
        if self.visit_id:
            self._notice_refresh(ctx)

    def _notice_sent(self, ctx: Ctx, r: notices.NoticeResult) -> None:
        self.sending, self.notice_again_open = False, False
        if not r.decision.allowed:
            self.notice_tone, self.notice_text = "amber", ""
            self._say_all("notice_message", [("notice.blocked", {}), *i18n.decision_parts(r.decision)])
        else:
            key = {
                MessageStatus.SENT: "notice.sent",
                MessageStatus.OUTBOX: "notice.kept",
                MessageStatus.RETRY: "notice.retry",
            }.get(MessageStatus(r.status), "notice.failed")
            self.notice_tone = "amber" if key == "notice.failed" else "green"
            self._say("notice_message", key, phone=r.phone_masked, error=r.error or "")
            self.notice_text = r.body
        self._notice_refresh(ctx)

    @AT_DOOR
    def notice_busy(self, ctx: Ctx):
        """Runs before the send: the button shows that it is working and takes no second tap."""
        self.sending = True

    @AT_DOOR
    def send_notice(self, ctx: Ctx):
        if self.notice_next == "again":  # a second tap queued behind the first: that one went out already
            self.sending = False
            return
        r = notices.send_visit_notice(ctx.db, actor=ctx.actor, visit_id=self.visit_id, base_url=links.public_base())
        self._notice_sent(ctx, r)

    @AT_DOOR
    def open_notice_again(self, ctx: Ctx, value: bool):
        self.notice_again_open = value
        if value:
            self.notice_message, self.notice_text = "", ""

    @AT_DOOR
    def send_notice_again(self, ctx: Ctx, form: dict):
        r = notices.send_visit_notice(
            ctx.db,
            actor=ctx.actor,
            visit_id=self.visit_id,
            base_url=links.public_base(),
            again=True,
            reason=str(form.get("reason") or "") or None,
        )
        self._notice_sent(ctx, r)
