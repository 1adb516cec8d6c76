"""The dossier's third-party section: whether a third party may be asked where the debtor is, the form,
and the people already asked (with their "stop"). The rules are in field/services/third_parties.py and the
contact check; this state takes the input and says what happened."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.core import access, clock
from visitapp.core.errors import DomainError
from visitapp.field.services import third_parties
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

AT_DOOR = handler(access.FIELD)


class ThirdPartyState(PageState):
    visit_id: int = 0
    shown: bool = False  # the agent's dossier only
    unreachable: bool = False
    rule: str = ""  # what "unreachable" means, with the settings' figures
    preview: str = ""  # the text a third party would get
    people: list[dict[str, str]] = []
    problems: dict[str, str] = {}
    result: str = ""
    result_ok: bool = False
    form_key: int = 0

    def _load(self, ctx: Ctx, visit_id: int) -> None:
        """Part of the dossier's page load (DossierState.load): `visit_id` 0 when the visit is not found."""
        self.visit_id = visit_id
        self.shown = bool(visit_id) and ctx.actor.role in access.FIELD
        self.problems, self.result = {}, ""
        if self.shown:
            self._refresh(ctx)

    def _refresh(self, ctx: Ctx) -> None:
        lang = self.lang
        st = third_parties.status(ctx.db, actor=ctx.actor, visit_id=self.visit_id)
        self.unreachable = st.unreachable
        self.rule = i18n.t("third_party.not_yet", lang, attempts=st.attempts, days=st.days)
        self.preview = (
            third_parties.preview_text(ctx.db, actor=ctx.actor, visit_id=self.visit_id) if st.unreachable else ""
        )
        self.people = [
            {
                "id": str(p.id),
                "line": i18n.t(
                    "third_party.row",
                    lang,
                    name=p.name,
                    relation=i18n.t(f"third_party.relation.{p.relation}", lang),
                    phone=p.phone_masked,
                    at=clock.to_local(p.at).strftime("%m-%d %H:%M"),
                ),
                "name": p.name,
                "stopped": "1" if p.stopped else "",
            }
            for p in st.people
        ]

    def _refused(self, ctx: Ctx, exc: DomainError, message: str) -> None:
        found = exc.params.get("problems") or []
        self.problems = {field: i18n.t(key, self.lang) for field, key in found}
        self.result, self.result_ok = ("" if found else message), False

    @handler(access.FIELD, on_error="_refused")
    def ask(self, ctx: Ctx, data: dict):
        name = str(data.get("name", ""))
        sent = third_parties.ask(
            ctx.db,
            actor=ctx.actor,
            visit_id=self.visit_id,
            name=name,
            relation=str(data.get("relation", "")),
            phone=str(data.get("phone", "")),
        )
        lang = self.lang
        self.problems = {}
        if sent.decision.allowed:
            self.result, self.result_ok = i18n.t("third_party.sent", lang, name=" ".join(name.split())), True
            self.form_key += 1
        else:
            why = " ".join(i18n.render(key, params, lang) for key, params in i18n.decision_parts(sent.decision))
            self.result, self.result_ok = i18n.t("third_party.blocked", lang, why=why), False
        self._refresh(ctx)

    @AT_DOOR
    def stop(self, ctx: Ctx, third_party_id: str):
        if not str(third_party_id).isdigit():
            return None
        third_parties.record_stop(ctx.db, actor=ctx.actor, visit_id=self.visit_id, third_party_id=int(third_party_id))
        name = next((p["name"] for p in self.people if p["id"] == str(third_party_id)), "")
        self._refresh(ctx)
        return rx.toast.success(i18n.t("third_party.stop_done", self.lang, name=name))
