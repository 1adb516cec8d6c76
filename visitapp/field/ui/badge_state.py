"""The agent's badge (with a QR code) and the public verification page."""

from __future__ import annotations

from visitapp import i18n
from visitapp.core import access, links
from visitapp.field.services import badge
from visitapp.ui.auth import AuthState, PageState
from visitapp.ui.entry import Ctx, handler, public


class BadgeState(PageState):
    name: str = ""
    badge_no: str = ""
    company: str = ""
    initials: str = ""
    photo: str = ""
    qr: str = ""
    verify_url: str = ""
    loaded: bool = False

    @handler(access.FIELD)
    def load(self, ctx: Ctx):
        base = links.public_base()
        card = badge.my_badge(ctx.db, actor=ctx.actor, base_url=base)
        a = card.agent
        self.name, self.badge_no, self.initials, self.qr = a.name, a.badge_no, a.initials, card.qr_data_uri
        self.photo = a.photo
        self.company = a.company if self.lang == "zh-CN" else a.company_en
        self.verify_url = base.rstrip("/") + card.verify_path
        self.loaded = True


class VerifyState(AuthState):
    """Public: no login. Shows only the agent, never a debtor."""

    found: bool = False
    checked: bool = False
    name: str = ""
    badge_no: str = ""
    company: str = ""
    initials: str = ""
    photo: str = ""
    status: str = ""
    active: bool = False
    today: str = ""

    @public
    def load(self, ctx: Ctx):
        code = self._path_tail()
        agent = badge.verify(ctx.db, token=code)
        self.checked = True
        self.found = agent is not None
        if agent is None:
            return
        lang = self.lang
        self.name, self.badge_no, self.initials, self.active = agent.name, agent.badge_no, agent.initials, agent.active
        self.photo = agent.photo
        self.company = agent.company if lang == "zh-CN" else agent.company_en
        self.status = i18n.t("verify.active" if agent.active else "verify.inactive", lang)
        self.today = i18n.t("verify.scheduled" if agent.scheduled_today else "verify.not_scheduled", lang)
