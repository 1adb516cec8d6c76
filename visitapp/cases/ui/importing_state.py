"""Import page: upload, validate everything, show every problem, then import all or only the good rows."""

from __future__ import annotations

import asyncio
import logging
import uuid
from pathlib import Path

import reflex as rx

from visitapp import i18n
from visitapp.cases.services import import_batches, importer
from visitapp.core import access, tasks
from visitapp.core.settings import get_settings
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

OFFICE = handler(access.STAFF)
MAX_BYTES = 50 * 1024 * 1024


def _private_dir() -> Path:
    """Uploaded case files hold personal data: they are kept outside Reflex's public upload folder (which
    is served without login) and deleted when the import ends, fails or is replaced."""
    folder = get_settings().private_dir / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _error_rows(errors, lang: str) -> list[dict[str, str]]:
    return [
        {"line": str(e.line), "column": e.column, "reason": i18n.t(f"import.error.{e.code}", lang, **(e.params or {}))}
        for e in errors
    ]


class ImportState(PageState):
    filename: str = ""
    total_rows: int = 0
    ok_rows: int = 0
    errors: list[dict[str, str]] = []
    error_count: int = 0
    sample: list[dict[str, str]] = []
    summary: str = ""
    sample_title: str = ""
    run_good_label: str = ""
    errors_more: str = ""
    validated: bool = False
    checking: bool = False  # a new file is being read: the previous one's preview and buttons are gone
    running: bool = False
    progress: int = 0
    progress_label: str = ""
    result: str = ""
    result_ok: bool = True
    _path: str = ""  # the uploaded file, kept on the server only

    @OFFICE
    def load(self, ctx: Ctx):
        return None

    @OFFICE
    async def handle_upload(self, ctx: Ctx, files: list[rx.UploadFile]):
        identity = ctx.actor
        if not files:
            return
        upload = files[0]
        data = await upload.read()
        name = Path(upload.name or upload.filename or "upload.csv").name
        self.result = ""
        self.validated = False  # the previous file's preview and its buttons go at once
        if self.running:  # the previous file is being imported: it keeps its file until it is done
            yield rx.toast.error(i18n.t("import.error.busy", self.lang))
            return
        if len(data) > MAX_BYTES:
            yield rx.toast.error(i18n.t("import.error.too_large", self.lang))
            return
        if self._path:  # a new upload replaces the previous one
            Path(self._path).unlink(missing_ok=True)
        path = _private_dir() / f"{uuid.uuid4().hex}-{name}"
        path.write_bytes(data)
        self._path, self.filename = str(path), name
        self.checking = True
        yield  # the page says the file is being checked

        # in another process (the task queue): parsing a large file must not hold other users' events
        try:
            preview = await tasks.run(importer.preview_apart, actor=identity, path=str(path), filename=name)
        finally:
            self.checking = False
        lang = self.lang
        self.total_rows, self.ok_rows = preview.total_rows, preview.ok_rows
        self.error_count = len(preview.errors)
        shown = preview.errors[:500]
        self.errors = _error_rows(shown, lang)
        self.errors_more = (
            i18n.t("import.errors_more", lang, count=len(preview.errors) - len(shown))
            if len(preview.errors) > len(shown)
            else ""
        )
        self.summary = (
            i18n.t("import.summary", lang, total=preview.total_rows, ok=preview.ok_rows, errors=len(preview.errors))
            if preview.errors
            else i18n.t("import.summary_ok", lang, ok=preview.ok_rows)
        )
        self.run_good_label = i18n.t("import.run_good_only", lang, count=preview.ok_rows)
        self.sample = [
            {
                "line": str(r["line"]),
                "contract": r["contract_no"],
                "debtor": r["debtor_name"],
                "phone": r["phone"],
                "address": r["address"],
                "lines": str(r["lines"]),
                "outstanding": i18n.money(r["outstanding_cents"], lang),
                "agent": r["agent_username"],
                "action": i18n.t(f"import.action.{r['action']}", lang),
                "needs_pin": i18n.t("import.needs_pin", lang) if r["needs_pin"] else "",
            }
            for r in preview.sample[:10]
        ]
        self.sample_title = i18n.t("import.sample_title", lang, count=len(self.sample))
        self.validated = True

    @handler(access.STAFF, background=True)
    async def run_import(self, ctx: Ctx, only_good_rows: bool = False):
        identity = ctx.actor
        async with self:
            if self.running or self.checking or not self.validated or not self._path:
                return
            self.running, self.progress, self.result = True, 0, ""
            path, name, lang = self._path, self.filename, self.lang
            with ctx.unit() as s:
                batch_id = import_batches.create(s, actor=identity, filename=name, total_rows=self.total_rows)

        task = asyncio.ensure_future(  # in another process (the task queue); its progress is the batch's row
            tasks.run(
                importer.run_apart,
                actor=identity,
                path=path,
                filename=name,
                only_good_rows=only_good_rows,
                batch_id=batch_id,
            )
        )
        while not task.done():
            await asyncio.sleep(0.5)
            with ctx.unit() as s:
                st = import_batches.status(s, actor=identity, batch_id=batch_id)
            async with self:
                total = max(st.total_rows, 1)
                self.progress = min(100, round(100 * st.processed_rows / total))
                self.progress_label = i18n.t("import.progress", lang, done=st.processed_rows, total=st.total_rows)
        try:
            outcome = task.result()
        except Exception:
            logging.getLogger("visitapp").exception("import failed")
            Path(path).unlink(missing_ok=True)
            async with self:
                self.running = False
                self._path, self.validated = "", False
                self.result_ok = False
                self._say("result", "error.unexpected")
            return
        async with self:
            self.running = False
            self.progress = 100
            if outcome.errors and not only_good_rows:
                self.result_ok = False
                self._say("result", "import.nothing_imported")  # the file stays for "only the good rows"
            else:
                self.result_ok = True
                self._say(
                    "result", "import.done", created=outcome.created, updated=outcome.updated, skipped=outcome.skipped
                )
                Path(path).unlink(missing_ok=True)
                self._path = ""
                self.validated = False

    @OFFICE
    def download_template_csv(self, ctx: Ctx):
        return rx.download(data=importer.template_csv(), filename="visitapp-import-template.csv")

    @OFFICE
    def download_template_xlsx(self, ctx: Ctx):
        return rx.download(data=importer.template_xlsx(), filename="visitapp-import-template.xlsx")
