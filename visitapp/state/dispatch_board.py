"""The dispatcher's live board: each team's progress today, refreshed without a reload."""

from __future__ import annotations

import asyncio

import reflex as rx

from visitapp import clock, i18n
from visitapp.db import session_scope
from visitapp.domain.enums import Role
from visitapp.services import board
from visitapp.state.auth import PageState

REFRESH_SECONDS = 15


class BoardState(PageState):
    teams: list[dict[str, str]] = []
    updated: str = ""
    loaded: bool = False
    polling: bool = False

    def _fetch(self) -> None:
        identity = self._require(Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)
        with session_scope() as s:
            progress = board.team_progress(s, actor=identity)
        lang = self.lang
        self.teams = [
            {
                "id": str(p.team_id),
                "name": p.team_name,
                "progress": i18n.t("board.progress", lang, done=p.done, total=p.total),
                "percent": str(round(100 * p.done / p.total) if p.total else 0),
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

    @rx.event
    def load(self):
        self._fetch()

    @rx.event
    def stop_polling(self):
        self.polling = False

    @rx.event(background=True)
    async def poll(self):
        """Refresh every REFRESH_SECONDS while the board is on screen (stopped on unmount)."""
        async with self:
            if self.polling:
                return
            self.polling = True
        while True:
            await asyncio.sleep(REFRESH_SECONDS)
            async with self:
                if not self.polling:
                    return
                self._fetch()
