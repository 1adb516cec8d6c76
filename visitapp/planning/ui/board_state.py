"""The dispatcher's live board: each team's progress today, refreshed without a reload."""

from __future__ import annotations

import asyncio

from visitapp import i18n
from visitapp.core import access, clock
from visitapp.planning.services import board
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

REFRESH_SECONDS = 15
OFFICE = handler(access.STAFF)


class BoardState(PageState):
    teams: list[dict[str, str]] = []
    updated: str = ""
    loaded: bool = False
    polling: bool = False

    def _fetch(self, ctx: Ctx) -> None:
        progress = board.team_progress(ctx.db, actor=ctx.actor)
        lang = self.lang
        self.teams = [
            {
                "id": str(p.team_id),
                "name": p.team_name,
                "progress": i18n.t("board.progress", lang, done=p.done, total=p.total),
                "percent": f"{100 * p.done / p.total:.4g}" if p.total else "0",  # the bar's width: done / total
                "done": str(p.done),
                "remaining": str(p.remaining),
                "checked_in": str(p.checked_in),
                "late": str(p.late),
                "late_names": "、".join(p.late_names),
                "next": f"{p.next_stop} {clock.to_local(p.next_eta):%H:%M}" if p.next_eta else p.next_stop,
                "flagged": i18n.t("board.flagged", lang, count=p.flagged) if p.flagged else "",
            }
            for p in progress
            if p.total or p.dropped
        ]
        self.updated = i18n.t("board.updated", lang, time=clock.local_now().strftime("%H:%M:%S"))
        self.loaded = True

    @OFFICE
    def load(self, ctx: Ctx):
        self._fetch(ctx)

    @OFFICE
    def stop_polling(self, ctx: Ctx):
        self.polling = False

    @handler(access.STAFF, background=True)
    async def poll(self, ctx: Ctx):
        """Refresh every REFRESH_SECONDS while the board is on screen (stopped on unmount). The session is
        checked again before every refresh: a logout or a revoked session stops it."""
        async with self:
            if self.polling:
                return
            self.polling = True
        while True:
            await asyncio.sleep(REFRESH_SECONDS)
            async with self:
                if not self.polling:
                    return
                with ctx.opened() as c:
                    if self._resolve(c.db) is None:
                        self.polling = False
                        return
                    self._fetch(c)
