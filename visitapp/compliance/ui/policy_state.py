"""Admin: choose the compliance profile, edit its figures, try the rules."""

from __future__ import annotations

from datetime import datetime

import reflex as rx

from visitapp import i18n
from visitapp.compliance.rules.policy import parse_months
from visitapp.compliance.services import policy_settings
from visitapp.core import access, clock
from visitapp.core.errors import DomainError
from visitapp.field.services import distress
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

ADMIN = handler(access.ADMINS)

INT_FIELDS = (
    "sms_per_day",
    "sms_per_week",
    "notice_days_before",
    "visits_per_day",
    "visits_per_week",
    "fruitless_visits_limit",
    "unreachable_attempts",
    "unreachable_days",
    "agents_per_visit",
    "retention_years",
    "complaint_sla_hours",
    "plan_min_down_pct",
    "agent_waiver_pct",
    "supervisor_waiver_pct",
)
OPTIONAL_INT_FIELDS = (
    "calls_connected_per_day",
    "calls_unanswered_per_number_per_day",
    "calls_per_week",
    "days_after_conversation",
)
TIME_FIELDS = (
    "contact_start",
    "contact_end",
    "slot1_start",
    "slot1_end",
    "slot2_start",
    "slot2_end",
    "evening_start",
    "evening_end",
    "notice_start",
    "notice_end",
)


def _to_form(cfg_json: dict) -> dict[str, str]:
    slots = cfg_json["visit_slots"] + [["", ""]] * (2 - len(cfg_json["visit_slots"]))
    form = {k: "" if cfg_json[k] is None else str(cfg_json[k]) for k in INT_FIELDS + OPTIONAL_INT_FIELDS}
    form.update(
        profile=cfg_json["profile"],
        holiday_country=cfg_json["holiday_country"],
        contact_start=cfg_json["contact_start"],
        contact_end=cfg_json["contact_end"],
        slot1_start=slots[0][0],
        slot1_end=slots[0][1],
        slot2_start=slots[1][0],
        slot2_end=slots[1][1],
        evening_start=cfg_json["evening_slot"][0],
        evening_end=cfg_json["evening_slot"][1],
        notice_start=cfg_json["notice_hours"][0],
        notice_end=cfg_json["notice_hours"][1],
        plan_months=", ".join(str(m) for m in cfg_json["plan_months"]),
    )
    return form


def _from_form(form: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """Form strings to policy JSON; problems found while parsing, as field -> message key."""
    problems: dict[str, str] = {}
    data: dict = {"profile": form.get("profile", ""), "holiday_country": form.get("holiday_country", "")}
    for name in INT_FIELDS + OPTIONAL_INT_FIELDS:
        raw = (form.get(name) or "").strip()
        if raw == "" and name in OPTIONAL_INT_FIELDS:
            data[name] = None
        elif raw.isdigit():
            data[name] = int(raw)
        else:
            problems[name] = "policy.config.bad_count"
    for name in TIME_FIELDS:
        raw = (form.get(name) or "").strip()
        try:
            hh, mm = raw.split(":")
            if not (0 <= int(hh) <= 23 and 0 <= int(mm) <= 59):
                raise ValueError
        except ValueError:
            if not (name.startswith("slot2") and raw == ""):
                problems[name] = "policy.config.bad_time"
    data["contact_start"], data["contact_end"] = form.get("contact_start"), form.get("contact_end")
    slots = [[form.get("slot1_start"), form.get("slot1_end")]]
    if (form.get("slot2_start") or "").strip():
        slots.append([form.get("slot2_start"), form.get("slot2_end")])
    data["visit_slots"] = slots
    data["evening_slot"] = [form.get("evening_start"), form.get("evening_end")]
    data["notice_hours"] = [form.get("notice_start"), form.get("notice_end")]
    try:
        data["plan_months"] = list(parse_months(form.get("plan_months") or ""))
    except ValueError:
        problems["plan_months"] = "policy.config.bad_plan_months"
    return data, problems


class AdminPolicyState(PageState):
    form: dict[str, str] = {}
    errors: dict[str, str] = {}
    form_error: str = ""
    loaded: bool = False
    # the dry-run checker
    check_channel: str = "visit"
    check_when: str = ""
    check_agreed: bool = False
    check_night: bool = False
    check_two: bool = True
    check_result: str = ""
    check_allowed: bool = False
    support_zh: str = ""
    support_en: str = ""

    def _load_form(self, ctx: Ctx) -> None:
        cfg = policy_settings.load(ctx.db)
        self.form = _to_form(cfg.to_json())
        self.errors = dict.fromkeys(self.form, "")
        self.form_error = ""

    @ADMIN
    def load(self, ctx: Ctx):
        self._load_form(ctx)
        self.support_zh = distress.support_text(ctx.db, "zh-CN")
        self.support_en = distress.support_text(ctx.db, "en")
        if not self.check_when:
            self.check_when = clock.local_now().strftime("%Y-%m-%dT%H:%M")
        self.loaded = True

    @ADMIN
    def set_field(self, ctx: Ctx, name: str, value: str):
        self.form[name] = value

    def _show_problems(self, problems: dict[str, str]) -> None:
        self.errors = {name: i18n.t(problems[name], self.lang) if name in problems else "" for name in self.form}
        self._say("form_error", "policy.config.invalid")

    def _save_refused(self, ctx: Ctx, exc: DomainError, _message: str) -> None:
        self._show_problems({_form_field(f): key for f, key in exc.params.get("problems", [])})

    @handler(access.ADMINS, on_error="_save_refused")
    def save(self, ctx: Ctx):
        data, problems = _from_form(self.form)
        if problems:
            self._show_problems(problems)
            return None
        policy_settings.save(ctx.db, actor=ctx.actor, data=data)
        self._load_form(ctx)
        return rx.toast.success(ctx.t("common.saved"))

    @ADMIN
    def apply_profile(self, ctx: Ctx):
        policy_settings.reset_to_profile(ctx.db, actor=ctx.actor, profile=self.form.get("profile", "CN-2026"))
        self._load_form(ctx)
        return rx.toast.success(ctx.t("common.saved"))

    @ADMIN
    def save_support(self, ctx: Ctx, form_data: dict):
        distress.set_support_text(
            ctx.db, actor=ctx.actor, zh=str(form_data.get("zh", "")), en=str(form_data.get("en", ""))
        )
        self.support_zh, self.support_en = str(form_data.get("zh", "")).strip(), str(form_data.get("en", "")).strip()
        return rx.toast.success(i18n.t("common.saved", self.lang))

    # --- dry run ---

    @ADMIN
    def set_check_channel(self, ctx: Ctx, value: str):
        self.check_channel = value

    @ADMIN
    def set_check_when(self, ctx: Ctx, value: str):
        self.check_when = value

    @ADMIN
    def set_check_agreed(self, ctx: Ctx, value: bool):
        self.check_agreed = value

    @ADMIN
    def set_check_night(self, ctx: Ctx, value: bool):
        self.check_night = value

    @ADMIN
    def set_check_two(self, ctx: Ctx, value: bool):
        self.check_two = value

    @ADMIN
    def run_check(self, ctx: Ctx):
        try:
            at = datetime.fromisoformat(self.check_when).replace(tzinfo=clock.local_zone())
        except ValueError:
            self.check_allowed = False
            self._say("check_result", "policy.config.bad_time")
            return
        decision = policy_settings.dry_run(
            ctx.db,
            actor=ctx.actor,
            channel=self.check_channel,
            at=at,
            agents=2 if self.check_two else 1,
            agreed_time=self.check_agreed,
            night_worker=self.check_night,
        )
        self.check_allowed = decision.allowed
        if decision.allowed:
            self._say("check_result", "admin.policy.allowed")
            return
        never = [] if decision.next_allowed_at else [("policy.never_by_time", {})]
        parts = [("admin.policy.blocked", {}), *i18n.decision_parts(decision, "%Y-%m-%d %H:%M"), *never]
        self._say_all("check_result", parts)


def _form_field(problem_field: str) -> str:
    """The form input a validation problem belongs to (visit_slots.1 -> slot2_start)."""
    if problem_field.startswith("visit_slots"):
        index = int(problem_field.split(".")[1]) if "." in problem_field else 0
        return f"slot{index + 1}_start"
    if problem_field == "evening_slot":
        return "evening_start"
    if problem_field == "notice_hours":
        return "notice_start"
    return problem_field
