"""The office's case page (/dispatch/case/<id>): the case in one place, its story and audit trail paged,
and the actions (case_actions_state.CaseActions)."""

from __future__ import annotations

from visitapp import i18n
from visitapp.cases.services import case_actions, case_page, cases
from visitapp.cases.services.scoring_service import factor_line
from visitapp.cases.ui.case_actions_state import CaseActions
from visitapp.cases.ui.case_position_state import CasePosition
from visitapp.compliance.services import audit_log
from visitapp.core import access, audit, clock
from visitapp.core.errors import NotFound
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler
from visitapp.ui.statement import line_texts

OFFICE = handler(access.STAFF)


class CasePageState(CasePosition, CaseActions, PageState):
    loaded: bool = False
    found: bool = False
    case_id: int = 0
    version: int = 0
    title: str = ""
    facts: list[list[str]] = []  # [label, value]
    status: str = ""
    paused: bool = False
    stops: list[str] = []
    score_line: str = ""
    factors: list[str] = []
    lines: list[dict[str, str]] = []
    totals_text: str = ""
    debtor: str = ""
    phones: list[str] = []
    revealed: bool = False
    agents: list[list[str]] = []
    agent_id: str = ""  # the case's agent now: the assign control starts there
    pause_reasons: list[list[str]] = []
    can_approve: bool = False
    story: list[dict[str, str]] = []
    story_page: int = 1
    story_label: str = ""
    story_pages: int = 1
    trail: list[dict[str, str]] = []
    trail_page: int = 1
    trail_pages: int = 1
    trail_label: str = ""

    def _reload(self, ctx: Ctx) -> None:
        lang = self.lang
        h = case_page.head(ctx.db, actor=ctx.actor, case_id=self.case_id)
        self.found, self.version = True, h.version
        self.title = i18n.t("case.page.title", lang, id=h.id)
        self.facts = [
            [i18n.t("evidence.pdf.contract", lang), h.contract_no],
            [i18n.t("evidence.pdf.creditor", lang), " · ".join(x for x in (h.creditor, h.product) if x) or "—"],
            [i18n.t("case.page.team", lang), h.team_name or "—"],
            [i18n.t("case.page.agent", lang), h.agent_name or i18n.t("case.page.nobody", lang)],
        ]
        reason = i18n.t(f"case.pause_reason.{h.pause_reason}", lang) if h.pause_reason else ""
        self.paused = h.status == "paused"
        self.status = i18n.t(f"case.status.{h.status}", lang) + (" · " + reason if reason else "")
        self.stops = [i18n.t(f"case.flag.{s}", lang) for s in h.stops]
        self.score_line = (
            i18n.t(
                "case.page.score",
                lang,
                score=h.score,
                segment=h.segment,
                strategy=i18n.t(f"strategy.{h.strategy}", lang),
            )
            if h.score is not None
            else ""
        )
        self.factors = [factor_line(x, lang) for x in h.factors]
        self.lines = [line_texts(r.due_date, r.kind, r.due_cents, r.paid_cents, r.days_overdue, lang) for r in h.lines]
        money = lambda c: i18n.money(c, lang)  # noqa: E731
        t = h.totals
        self.totals_text = i18n.t(
            "dossier.totals",
            lang,
            due=money(t.due_cents),
            paid=money(t.paid_cents),
            outstanding=money(t.outstanding_cents),
            overdue=money(t.overdue_cents),
            days=t.max_days_overdue,
        )
        if not self.revealed:
            self.debtor, self.phones = h.debtor_masked, h.phones_masked
        self.agents = [[str(i), name] for i, name in cases.filter_options(ctx.db, actor=ctx.actor).agents]
        self.agent_id = str(h.agent_id or "")
        self.pause_reasons = [[r, i18n.t(f"case.pause_reason.{r}", lang)] for r in case_actions.PAUSE_REASONS]
        self.can_approve = access.has(ctx.actor, access.APPROVERS)
        self._position(h.position)
        self._story(ctx)
        self._trail(ctx)
        self.loaded = True

    def _story(self, ctx: Ctx) -> None:
        lang = self.lang
        st = case_page.story(ctx.db, actor=ctx.actor, case_id=self.case_id, lang=lang, page=self.story_page)
        self.story_page, self.story_pages = st.page, st.pages
        self.story_label = i18n.t("case.page.page", lang, page=st.page, pages=st.pages, total=st.total)
        self.story = [
            {
                "at": clock.to_local(i.at).strftime("%Y-%m-%d %H:%M"),
                "kind": i18n.t(f"case.page.kind.{i.kind}", lang),
                "who": i.who,
                "text": i.text,
                "blocked": "1" if i.blocked else "",
            }
            for i in st.items
        ]

    def _trail(self, ctx: Ctx) -> None:
        lang = self.lang
        page = audit.case_trail(ctx.db, actor=ctx.actor, case_id=self.case_id, page=self.trail_page, page_size=10)
        self.trail_page, self.trail_pages = page.page, page.pages
        self.trail_label = i18n.t("case.page.page", lang, page=page.page, pages=page.pages, total=page.total)
        self.trail = [
            {"at": w.at, "sentence": w.sentence, "changes": "；".join(w.changes)}
            for w in audit_log.words(ctx.db, page.rows, lang)
        ]

    @OFFICE
    def load(self, ctx: Ctx):
        self.case_id, self.revealed, self.story_page, self.trail_page = self._path_id(), False, 1, 1
        self.action_error, self.action_stale, self.pin_error, self.pin_stale = "", False, "", False
        try:
            case_page.record_view(ctx.db, actor=ctx.actor, case_id=self.case_id)
            self._reload(ctx)
        except NotFound:
            self.found, self.loaded = False, True

    @OFFICE
    def relabel(self, ctx: Ctx):
        if self.found:
            self._reload(ctx)

    @OFFICE
    def reveal(self, ctx: Ctx):
        self.debtor, self.phones = case_page.reveal(ctx.db, actor=ctx.actor, case_id=self.case_id)
        self.phones = [i18n.phone(p) for p in self.phones]
        self.revealed = True

    @OFFICE
    def story_to(self, ctx: Ctx, page: int):
        self.story_page = max(1, int(page))
        self._story(ctx)

    @OFFICE
    def trail_to(self, ctx: Ctx, page: int):
        self.trail_page = max(1, int(page))
        self._trail(ctx)
