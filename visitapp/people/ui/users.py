"""Admin: people and accounts (/admin/users), at a laptop's width: the list on the left, the account being
edited on the right (below it on a narrow screen)."""

from __future__ import annotations

import reflex as rx

from visitapp.core.enums import Role
from visitapp.people.rules.users import LOCALES
from visitapp.people.ui.account_actions_state import PHOTO_UPLOAD
from visitapp.people.ui.form import edit_form, labelled
from visitapp.people.ui.users_state import ALL, NEW, NO_TEAM
from visitapp.people.ui.users_state import AdminUsersState as S
from visitapp.ui.layout import THEME, TOUCH, empty_state, loading, page


def _filters() -> rx.Component:
    return rx.hstack(
        rx.input(
            placeholder=S.t["people.search"],
            value=S.query,
            on_change=S.set_query.debounce(300),
            id="people-search",
            aria_label=S.t["people.search"],
            width="260px",
            size="3",
        ),
        rx.select.root(
            rx.select.trigger(id="people-role", aria_label=S.t["people.filter.role"]),
            rx.select.content(
                rx.select.item(S.t["people.filter.any_role"], value=ALL),
                *[rx.select.item(S.t[f"role.{r.value}"], value=r.value) for r in Role],
            ),
            value=S.role_filter,
            on_change=S.set_role_filter,
            size="3",
        ),
        rx.select.root(
            rx.select.trigger(id="people-status", aria_label=S.t["people.filter.status"]),
            rx.select.content(
                rx.select.item(S.t["people.filter.any_status"], value=ALL),
                rx.select.item(S.t["people.filter.active"], value="active"),
                rx.select.item(S.t["people.filter.inactive"], value="inactive"),
            ),
            value=S.status_filter,
            on_change=S.set_status_filter,
            size="3",
        ),
        rx.text(S.count_label, size="2", color="var(--gray-11)", id="people-count"),
        rx.spacer(),
        rx.button(
            rx.icon("user-plus", size=16),
            S.t["people.new"],
            on_click=S.new_user,
            id="people-new",
            style={"background": THEME},
            **TOUCH,
        ),
        width="100%",
        align="center",
        wrap="wrap",
        spacing="2",
    )


def _status(row: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.cond(
            row["active"] != "",
            rx.badge(S.t["people.status.active"], color_scheme="green"),
            rx.badge(S.t["people.status.inactive"], color_scheme="gray"),
        ),
        rx.cond(row["locked"] != "", rx.badge(row["locked"], color_scheme="red")),
        rx.cond(row["one_time"] != "", rx.badge(S.t["people.status.one_time"], color_scheme="amber")),
        spacing="1",
        wrap="wrap",
    )


def _row(row: rx.Var) -> rx.Component:
    # the name is the button that opens the account (one column less than a separate "edit" button)
    return rx.table.row(
        rx.table.cell(
            rx.button(
                rx.icon("pencil", size=14),
                row["name"],
                on_click=S.edit(row["id"]),
                variant=rx.cond(S.edit_id == row["id"], "solid", "ghost"),
                id="edit-" + row["username"],
                aria_label=S.t["people.edit"] + " " + row["name"],
                class_name="people-open",
                **TOUCH,
            )
        ),
        rx.table.cell(rx.code(row["username"], variant="ghost")),
        rx.table.cell(row["role"]),
        rx.table.cell(row["team"]),
        rx.table.cell(row["badge"]),
        rx.table.cell(_status(row)),
        rx.table.cell(rx.text(row["last_login"], size="1", color="var(--gray-11)")),
        class_name="people-row",
        data_user=row["username"],
        align="center",
    )


def _list() -> rx.Component:
    return rx.cond(
        S.rows.length() > 0,
        rx.box(
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        *[
                            rx.table.column_header_cell(S.t[f"people.col.{c}"])
                            for c in ("name", "username", "role", "team", "badge", "status", "last_login")
                        ],
                    )
                ),
                rx.table.body(rx.foreach(S.rows, _row)),
                size="2",
                width="100%",
                id="people-table",
            ),
            width="100%",
            overflow_x="auto",
        ),
        rx.vstack(
            empty_state(S.t["people.empty"], "users"),
            rx.button(S.t["filter.clear"], on_click=S.clear_filters, variant="soft", id="people-clear", **TOUCH),
            align="center",
            width="100%",
        ),
    )


def _labelled(label_key: str, control: rx.Component, name: str, hint_key: str = "") -> rx.Component:
    return labelled(S, S.t[label_key], control, name, S.t[hint_key] if hint_key else None)


def _input(name: str, label_key: str, hint_key: str = "", **props) -> rx.Component:
    return _labelled(
        label_key,
        rx.input(name=name, default_value=S.form[name], id=f"user-{name}", size="3", width="100%", **props),
        name,
        hint_key,
    )


def _select(name: str, label_key: str, items: list[rx.Component], default) -> rx.Component:
    return _labelled(
        label_key,
        rx.select.root(
            rx.select.trigger(id=f"user-{name}", width="100%"),
            rx.select.content(*items),
            name=name,
            default_value=default,
            size="3",
        ),
        name,
    )


def _one_time() -> rx.Component:
    return rx.cond(
        S.one_time != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("key-round")),
            rx.vstack(
                rx.text(S.t["people.one_time.title"], weight="bold"),
                rx.code(S.one_time, size="6", id="one-time-password", variant="outline"),
                rx.text(S.one_time_for, size="2"),
                rx.hstack(
                    rx.button(
                        rx.icon("copy", size=16),
                        S.t["people.one_time.copy"],
                        on_click=[rx.set_clipboard(S.one_time), rx.toast.success(S.t["people.one_time.copied"])],
                        variant="soft",
                        id="one-time-copy",
                        **TOUCH,
                    ),
                    rx.button(
                        S.t["people.one_time.done"],
                        on_click=S.close_one_time,
                        variant="outline",
                        id="one-time-close",
                        **TOUCH,
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
                spacing="2",
            ),
            color_scheme="amber",
            width="100%",
            id="one-time",
        ),
    )


def _confirm(on_yes, id_: str) -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("triangle_alert")),
        rx.vstack(
            rx.text(S.confirm_text, size="2"),
            rx.hstack(
                rx.button(S.t["people.confirm"], on_click=on_yes, color_scheme="red", id=f"{id_}-yes", **TOUCH),
                rx.button(
                    S.t["people.cancel"], on_click=S.dont, variant="soft", color_scheme="gray", id=f"{id_}-no", **TOUCH
                ),
                spacing="2",
            ),
            spacing="2",
        ),
        color_scheme="red",
        width="100%",
        id=id_,
    )


def _photo() -> rx.Component:
    """The photo debtors see on the badge, the verification page and their link (agents)."""
    return rx.vstack(
        rx.text(S.t["people.photo.title"], size="2", weight="medium"),
        rx.hstack(
            rx.cond(
                S.edit_photo != "",
                rx.image(
                    src=S.edit_photo,
                    alt=S.t["people.photo.title"],
                    width="72px",
                    height="72px",
                    border_radius="50%",
                    object_fit="cover",
                    id="user-photo",
                ),
                rx.center(
                    rx.icon("user", size=32, color="var(--gray-9)"),
                    width="72px",
                    height="72px",
                    border_radius="50%",
                    background="var(--gray-4)",
                    id="user-no-photo",
                ),
            ),
            rx.vstack(
                rx.upload(
                    rx.button(
                        rx.icon("image-up", size=16), S.t["people.photo.choose"], variant="soft", type="button", **TOUCH
                    ),
                    id=PHOTO_UPLOAD,
                    accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"]},
                    max_files=1,
                    multiple=False,
                    border="none",
                    padding="0",
                    on_drop=S.upload_photo(rx.upload_files(upload_id=PHOTO_UPLOAD)),
                ),
                rx.cond(
                    S.edit_photo != "",
                    rx.button(
                        S.t["people.photo.remove"],
                        on_click=S.remove_photo,
                        variant="ghost",
                        color_scheme="gray",
                        id="user-photo-remove",
                        **TOUCH,
                    ),
                ),
                rx.text(S.t["people.photo.hint"], size="1", color="var(--gray-11)"),
                spacing="1",
            ),
            spacing="3",
            align="center",
        ),
        spacing="1",
        width="100%",
    )


def _account_actions() -> rx.Component:
    return rx.cond(
        S.edit_id != NEW,
        rx.vstack(
            rx.divider(),
            _photo(),
            rx.hstack(
                rx.text(S.edit_sessions, size="2", color="var(--gray-11)", id="user-sessions"),
                rx.cond(S.edit_locked != "", rx.badge(S.edit_locked, color_scheme="red", id="user-locked")),
                spacing="2",
                wrap="wrap",
                align="center",
            ),
            rx.hstack(
                rx.cond(
                    S.edit_locked != "",
                    rx.button(
                        rx.icon("lock-open", size=16),
                        S.t["people.unlock"],
                        on_click=S.unlock,
                        variant="soft",
                        id="user-unlock",
                        **TOUCH,
                    ),
                ),
                rx.button(
                    rx.icon("key-round", size=16),
                    S.t["people.reset"],
                    on_click=S.ask("reset"),
                    variant="soft",
                    color_scheme="amber",
                    id="user-reset",
                    **TOUCH,
                ),
                rx.cond(
                    S.edit_active,
                    rx.button(
                        rx.icon("user-x", size=16),
                        S.t["people.deactivate"],
                        on_click=S.ask("deactivate"),
                        variant="soft",
                        color_scheme="red",
                        id="user-deactivate",
                        **TOUCH,
                    ),
                    rx.button(
                        rx.icon("user-check", size=16),
                        S.t["people.reactivate"],
                        on_click=S.set_active(True),
                        variant="soft",
                        color_scheme="green",
                        id="user-reactivate",
                        **TOUCH,
                    ),
                ),
                spacing="2",
                wrap="wrap",
            ),
            rx.cond(S.confirming == "deactivate", _confirm(S.set_active(False), "confirm-deactivate")),
            rx.cond(S.confirming == "reset", _confirm(S.reset_password, "confirm-reset")),
            spacing="2",
            width="100%",
        ),
    )


def _editor() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(
                rx.cond(S.edit_id == NEW, S.t["people.form.new"], S.edit_title),
                size="4",
                id="user-form-title",
            ),
            edit_form(
                S,
                _input("display_name", "people.field.display_name", max_length=80),
                _input(
                    "username",
                    "people.field.username",
                    "people.field.username_hint",
                    max_length=64,
                    auto_complete="off",
                ),
                rx.grid(
                    _select(
                        "role",
                        "people.field.role",
                        [rx.select.item(S.t[f"role.{r.value}"], value=r.value) for r in Role],
                        S.form["role"],
                    ),
                    _select(
                        "team_id",
                        "people.field.team",
                        [
                            rx.select.item(S.t["people.field.no_team"], value=NO_TEAM),
                            rx.foreach(S.teams, lambda t: rx.select.item(t[1], value=t[0])),
                        ],
                        rx.cond(S.form["team_id"] != "", S.form["team_id"], NO_TEAM),
                    ),
                    _input("badge_no", "people.field.badge", max_length=32),
                    _input("phone", "people.field.phone", type="tel", max_length=20),
                    _select(
                        "locale",
                        "people.field.locale",
                        [rx.select.item(S.t[f"tpl.lang.{x}"], value=x) for x in LOCALES],
                        S.form["locale"],
                    ),
                    columns="2",
                    spacing="3",
                    width="100%",
                ),
                prefix="user",
                create_label=S.t["people.create"],
                save_label=S.t["people.save"],
            ),
            _account_actions(),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="user-editor",
    )


def users_page() -> rx.Component:
    return page(
        rx.heading(S.t["people.title"], size="6"),
        rx.text(S.t["people.intro"], size="2", color="var(--gray-11)"),
        _filters(),
        _one_time(),
        rx.cond(
            S.loaded,
            rx.el.div(
                rx.el.div(_list(), class_name="people-list"),
                rx.cond(S.edit_id != "", rx.el.div(_editor(), class_name="people-edit")),
                class_name=rx.cond(S.edit_id != "", "people-grid people-grid-two", "people-grid"),
            ),
            loading(S.t["common.loading"]),
        ),
        reload=S.relabel,
        max_width="1240px",
    )
