"""What the people admin's edit forms share: the record being edited (`edit_id`, the `version` it was read
at, the form's defaults keyed by `form_key`) and their refusals, each field's under it, said again in the
new language after a switch; a second editor is told, with a reload offered."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.core.errors import Conflict, DomainError
from visitapp.ui.entry import Ctx


class EditForm(rx.State, mixin=True):
    edit_id: str = ""  # an id, "new", or "" when no form is open
    version: int = 0
    form: dict[str, str] = {}  # the record as read: the form's default values
    form_key: int = 0  # bumped when the form is drawn again (another record, or the same reloaded)
    problems: dict[str, str] = {}  # field -> message
    _problem_keys: list[tuple[str, str]] = []  # (field, message key)
    form_error: str = ""
    stale: bool = False
    edit_title: str = ""

    def _fresh_form(self) -> None:
        """The form drawn again from `form`, without refusals."""
        self.problems, self._problem_keys, self.form_error, self.stale = {}, [], "", False
        self.form_key += 1

    def _refused(self, ctx: Ctx, exc: DomainError, message: str) -> None:
        """A refusal beside the form: each field's problem under it, or someone saved first (reload)."""
        if isinstance(exc, Conflict):
            self.stale = True
            self._say("form_error", exc.key, **exc.params)  # type: ignore[attr-defined]
            return None
        self.stale = False
        found = exc.params.get("problems") or []
        self._problem_keys = [(field, key) for field, key in found]
        self.problems = {field: i18n.t(key, self.lang) for field, key in found}  # type: ignore[attr-defined]
        self._say("form_error", "people.invalid" if found else exc.key, **({} if found else exc.params))  # type: ignore[attr-defined]
        return None

    def _problems_again(self) -> None:
        """After a language switch: each field's problem in the new language."""
        self.problems = {field: i18n.t(key, self.lang) for field, key in self._problem_keys}  # type: ignore[attr-defined]
