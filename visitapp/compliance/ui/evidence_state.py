"""Supervisors and administrators: a case's evidence pack (/admin/evidence), made and downloaded."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.compliance.services import evidence
from visitapp.core import access, tasks
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

AUDITOR = handler(access.AUDITORS)


class EvidenceState(PageState):
    loaded: bool = False
    case_text: str = ""
    result: str = ""
    error: str = ""

    @AUDITOR
    def load(self, ctx: Ctx):
        wanted = self.router.url.query_parameters.get("case", "")
        self.case_text = wanted if str(wanted).isdigit() else ""
        self.result, self.error, self.loaded = "", "", True

    @handler(access.AUDITORS, on_error="error")
    async def make(self, ctx: Ctx, data: dict):
        text = str(data.get("case", "")).strip().lstrip("#")
        self.case_text, self.result = text, ""
        if not text.isdigit():
            self._say("error", "evidence.bad_case")
            return None
        # in another process (the task queue): reading and zipping a case's files must not hold this worker
        got = await tasks.run(evidence.pack_apart, actor=ctx.actor, case_id=int(text), lang=self.lang)
        self.error = ""
        self.result = i18n.t("evidence.made", self.lang, files=got.files, sha=got.sha256[:16] + "…")
        return rx.download(data=got.data, filename=got.filename, mime_type="application/zip")
