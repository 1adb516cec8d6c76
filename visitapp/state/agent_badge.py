"""The agent's badge (with a QR code) and the public verification page."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.db import session_scope
from visitapp.domain.enums import Role
from visitapp.services import badge
from visitapp.settings import get_settings
from visitapp.state.auth import AuthState, PageState


class BadgeState(PageState):
    name: str = ""
    badge_no: str = ""
    company: str = ""
    initials: str = ""
    qr: str = ""
    verify_url: str = ""
    loaded: bool = False

    @rx.event
    def load(self):
        identity = self._require(Role.AGENT)
        base = get_settings().public_url or self.router.url.origin
        with session_scope() as s:
            card = badge.my_badge(s, actor=identity, base_url=base)
        a = card.agent
        self.name, self.badge_no, self.initials, self.qr = a.name, a.badge_no, a.initials, card.qr_data_uri
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
    status: str = ""
    active: bool = False
    today: str = ""

    @rx.event
    def load(self):
        code = self._path_tail()
        with session_scope() as s:
            agent = badge.verify(s, token=code)
        self.checked = True
        self.found = agent is not None
        if agent is None:
            return
        lang = self.lang
        self.name, self.badge_no, self.initials, self.active = agent.name, agent.badge_no, agent.initials, agent.active
        self.company = agent.company if lang == "zh-CN" else agent.company_en
        self.status = i18n.t("verify.active" if agent.active else "verify.inactive", lang)
        self.today = i18n.t("verify.scheduled" if agent.scheduled_today else "verify.not_scheduled", lang)
