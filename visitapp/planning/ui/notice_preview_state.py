"""The plan page's dry run of the pre-visit notices: before publishing, which go and when, which are
blocked and why; the dispatcher may leave visits out (compliance.services.notice_queue)."""

from __future__ import annotations

from datetime import timedelta

import reflex as rx

from visitapp import i18n
from visitapp.compliance.services import notice_queue
from visitapp.core import access, clock
from visitapp.core.enums import RoutePlanStatus
from visitapp.planning.services import planning
from visitapp.ui.entry import Ctx, handler

TONE = {
    notice_queue.SEND: "green",
    notice_queue.BLOCKED: "amber",
    notice_queue.TOO_LATE: "amber",
    notice_queue.NO_PHONE: "amber",
    notice_queue.LEFT_OUT: "gray",
}


def _detail(line: notice_queue.NoticeLine, lang: str) -> str:
    """When it goes, or why not, in words."""
    at = clock.to_local(line.due_at).strftime("%m-%d %H:%M") if line.due_at else ""
    if line.outcome == notice_queue.BLOCKED:
        parts = [i18n.t(f"policy.{r.code}", lang, **r.kw) for r in line.reasons]
        if line.next_allowed_at:
            when = clock.to_local(line.next_allowed_at).strftime("%m-%d %H:%M")
            parts.append(i18n.t("policy.next_allowed", lang, when=when))
        return " ".join(parts)
    soon = line.outcome == notice_queue.SEND and line.due_at and line.due_at <= clock.now() + timedelta(minutes=2)
    text = i18n.t("notice.dry.at_once" if soon else f"notice.dry.{line.outcome}", lang, at=at)
    return text + (" " + i18n.t("notice.dry.new_time", lang) if line.new_time and line.outcome == "send" else "")


class NoticeDryRun(rx.State, mixin=True):
    notice_rows: list[dict[str, str]] = []
    notice_summary: str = ""
    left_out: list[str] = []  # visit ids the dispatcher leaves out of the notices

    def _preview_notices(self, ctx: Ctx) -> None:
        if not self.plan_id or self.status != RoutePlanStatus.DRAFT.value:
            self.notice_rows, self.notice_summary = [], ""
            return
        lang = self.lang
        dry = planning.notice_preview(
            ctx.db, actor=ctx.actor, plan_id=self.plan_id, leave_out=[int(x) for x in self.left_out]
        )
        self.notice_rows = [
            {
                "visit_id": str(x.visit_id),
                "debtor": x.debtor,
                "team": x.team,
                "window": x.window,
                "outcome": x.outcome,
                "label": i18n.t(f"notice.outcome.{x.outcome}", lang),
                "detail": _detail(x, lang),
                "tone": TONE.get(x.outcome, "blue"),
                "can_leave_out": "1" if x.outcome in ("send", "blocked", "left_out") else "",
            }
            for x in dry.lines
        ]
        first = min((x.due_at for x in dry.lines if x.due_at and x.outcome == "send"), default=None)
        counts = [i18n.t(f"notice.count.{o}", lang, count=dry.count(o)) for o in notice_queue.OUTCOMES if dry.count(o)]
        head = ""
        if first is not None:
            soon = first <= clock.now() + timedelta(minutes=2)
            at = clock.to_local(first).strftime("%m-%d %H:%M")
            head = i18n.t("notice.summary_now" if soon else "notice.summary_from", lang, at=at)
        self.notice_summary = "，".join(counts) if lang == "zh-CN" else ", ".join(counts)
        if head:
            self.notice_summary = f"{self.notice_summary} · {head}"

    @handler(access.STAFF)
    def toggle_notice(self, ctx: Ctx, visit_id: str, send: bool):
        """Send (checked) or leave out this visit's notice; the dry run is made again."""
        self.left_out = [x for x in self.left_out if x != visit_id] + ([] if send else [visit_id])
        self._preview_notices(ctx)
