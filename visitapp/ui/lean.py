"""Radix's look without Radix's components, for what is drawn many times over (Today's cards).

A Radix Themes component is a React component that sorts its props into class names at every render,
and `rx.*`'s style props add an Emotion class per element: Today's twelve cards were 1,680 React fibres
(140 a card) for 230 elements, and the whole list rendered in one task when the visits arrived (state
updates are synchronous in Reflex), ~390 ms of Lighthouse's simulated phone. These are the same elements
with the same Radix class names (so the same stylesheet draws them) and the app's classes
(assets/app.css) for the layout: a card is ~45 fibres.

Icons likewise: `rx.icon` is two React components and a child per stroke (an icon of eight strokes, ten
fibres); `icon` is an `<svg><use href="#i-name"/></svg>` of the page's one sprite (`icon_sprite`, in
`ui.layout.page`), two. The shapes are Lucide's (ISC licence, lucide.dev; version 1.26.0, the one Reflex
installs), so they look as `rx.icon` draws them.

Only for repeated, simple pieces: a control with its own behaviour (select, dialog, segmented control)
stays a Radix component.
"""

from __future__ import annotations

import html
from typing import Any

import reflex as rx
from reflex.components.react_router import ReactRouterLink

Text = rx.Var | str


BUTTON_LOOK = "rt-reset rt-BaseButton rt-r-size-3 rt-variant-soft rt-Button touch"  # a soft, touch-sized Radix button

# Lucide's shapes, as lucide-react 1.26.0 draws them (its `__iconNode`s)
ICONS: dict[str, tuple[tuple[str, dict[str, str]], ...]] = {
    "navigation": (("polygon", {"points": "3 11 22 2 13 21 11 13 3 11"}),),
    "calendar-x": (
        ("path", {"d": "M8 2v4"}),
        ("path", {"d": "M16 2v4"}),
        ("rect", {"width": "18", "height": "18", "x": "3", "y": "4", "rx": "2"}),
        ("path", {"d": "M3 10h18"}),
        ("path", {"d": "m14 14-4 4"}),
        ("path", {"d": "m10 14 4 4"}),
    ),
    "calendar-sync": (
        ("path", {"d": "M11 10v4h4"}),
        ("path", {"d": "m11 14 1.535-1.605a5 5 0 0 1 8 1.5"}),
        ("path", {"d": "M16 2v4"}),
        ("path", {"d": "m21 18-1.535 1.605a5 5 0 0 1-8-1.5"}),
        ("path", {"d": "M21 22v-4h-4"}),
        ("path", {"d": "M21 8.5V6a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h4.3"}),
        ("path", {"d": "M3 10h4"}),
        ("path", {"d": "M8 2v4"}),
    ),
    "check": (("path", {"d": "M20 6 9 17l-5-5"}),),
    "languages": (
        ("path", {"d": "m5 8 6 6"}),
        ("path", {"d": "m4 14 6-6 2-3"}),
        ("path", {"d": "M2 5h12"}),
        ("path", {"d": "M7 2h1"}),
        ("path", {"d": "m22 22-5-10-5 10"}),
        ("path", {"d": "M14 18h6"}),
    ),
    "log-out": (
        ("path", {"d": "m16 17 5-5-5-5"}),
        ("path", {"d": "M21 12H9"}),
        ("path", {"d": "M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4"}),
    ),
    "bell": (
        ("path", {"d": "M10.268 21a2 2 0 0 0 3.464 0"}),
        (
            "path",
            {
                "d": "M3.262 15.326A1 1 0 0 0 4 17h16a1 1 0 0 0 .74-1.673C19.41 13.956 18 12.499 18 8A6 6 0 0 0 6 8"
                "c0 4.499-1.411 5.956-2.738 7.326"
            },
        ),
    ),
    "id-card": (
        ("path", {"d": "M16 10h2"}),
        ("path", {"d": "M16 14h2"}),
        ("path", {"d": "M6.17 15a3 3 0 0 1 5.66 0"}),
        ("circle", {"cx": "9", "cy": "11", "r": "2"}),
        ("rect", {"x": "2", "y": "5", "width": "20", "height": "14", "rx": "2"}),
    ),
    "minus": (("path", {"d": "M5 12h14"}),),
    "map-pin-off": (
        ("path", {"d": "M12.75 7.09a3 3 0 0 1 2.16 2.16"}),
        (
            "path",
            {
                "d": "M17.072 17.072c-1.634 2.17-3.527 3.912-4.471 4.727a1 1 0 0 1-1.202 0C9.539 20.193 4 14.993 4 10"
                "a8 8 0 0 1 1.432-4.568"
            },
        ),
        ("path", {"d": "m2 2 20 20"}),
        ("path", {"d": "M8.475 2.818A8 8 0 0 1 20 10c0 1.183-.31 2.377-.81 3.533"}),
        ("path", {"d": "M9.13 9.13a3 3 0 0 0 3.74 3.74"}),
    ),
    "calendar-clock": (
        ("path", {"d": "M16 14v2.2l1.6 1"}),
        ("path", {"d": "M16 2v4"}),
        ("path", {"d": "M21 7.5V6a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h3.5"}),
        ("path", {"d": "M3 10h5"}),
        ("path", {"d": "M8 2v4"}),
        ("circle", {"cx": "16", "cy": "16", "r": "6"}),
    ),
    "phone": (
        (
            "path",
            {
                "d": "M13.832 16.568a1 1 0 0 0 1.213-.303l.355-.465A2 2 0 0 1 17 15h3a2 2 0 0 1 2 2v3a2 2 0 0 1-2 2"
                "A18 18 0 0 1 2 4a2 2 0 0 1 2-2h3a2 2 0 0 1 2 2v3a2 2 0 0 1-.8 1.6l-.468.351a1 1 0 0 0-.292 1.233 "
                "14 14 0 0 0 6.392 6.384"
            },
        ),
    ),
    "shield-check": (
        (
            "path",
            {
                "d": "M20 13c0 5-3.5 7.5-7.66 8.95a1 1 0 0 1-.67-.01C7.5 20.5 4 18 4 13V6a1 1 0 0 1 1-1c2 0 4.5-1.2 "
                "6.24-2.72a1.17 1.17 0 0 1 1.52 0C14.51 3.81 17 5 19 5a1 1 0 0 1 1 1z"
            },
        ),
        ("path", {"d": "m9 12 2 2 4-4"}),
    ),
    "receipt": (
        ("path", {"d": "M12 17V7"}),
        ("path", {"d": "M16 8h-6a2 2 0 0 0 0 4h4a2 2 0 0 1 0 4H8"}),
        (
            "path",
            {
                "d": "M4 3a1 1 0 0 1 1-1 1.3 1.3 0 0 1 .7.2l.933.6a1.3 1.3 0 0 0 1.4 0l.934-.6a1.3 1.3 0 0 1 1.4 0"
                "l.933.6a1.3 1.3 0 0 0 1.4 0l.933-.6a1.3 1.3 0 0 1 1.4 0l.934.6a1.3 1.3 0 0 0 1.4 0l.933-.6A1.3 1.3 "
                "0 0 1 19 2a1 1 0 0 1 1 1v18a1 1 0 0 1-1 1 1.3 1.3 0 0 1-.7-.2l-.933-.6a1.3 1.3 0 0 0-1.4 0l-.934.6"
                "a1.3 1.3 0 0 1-1.4 0l-.933-.6a1.3 1.3 0 0 0-1.4 0l-.933.6a1.3 1.3 0 0 1-1.4 0l-.934-.6a1.3 1.3 0 0 0"
                "-1.4 0l-.933.6a1.3 1.3 0 0 1-.7.2 1 1 0 0 1-1-1z"
            },
        ),
    ),
    "message-square-warning": (
        (
            "path",
            {
                "d": "M22 17a2 2 0 0 1-2 2H6.828a2 2 0 0 0-1.414.586l-2.202 2.202A.71.71 0 0 1 2 21.286V5a2 2 0 0 1 "
                "2-2h16a2 2 0 0 1 2 2z"
            },
        ),
        ("path", {"d": "M12 15h.01"}),
        ("path", {"d": "M12 7v4"}),
    ),
    "calendar-plus": (
        ("path", {"d": "M16 19h6"}),
        ("path", {"d": "M16 2v4"}),
        ("path", {"d": "M19 16v6"}),
        ("path", {"d": "M21 12.598V6a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h8.5"}),
        ("path", {"d": "M3 10h18"}),
        ("path", {"d": "M8 2v4"}),
    ),
    "triangle-alert": (
        ("path", {"d": "m21.73 18-8-14a2 2 0 0 0-3.48 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.73-3"}),
        ("path", {"d": "M12 9v4"}),
        ("path", {"d": "M12 17h.01"}),
    ),
    "lock": (
        ("rect", {"width": "18", "height": "11", "x": "3", "y": "11", "rx": "2", "ry": "2"}),
        ("path", {"d": "M7 11V7a5 5 0 0 1 10 0v4"}),
    ),
    "file-down": (
        (
            "path",
            {
                "d": "M6 22a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h8a2.4 2.4 0 0 1 1.704.706l3.588 3.588A2.4 2.4 0 0 1 20 8v12"
                "a2 2 0 0 1-2 2z"
            },
        ),
        ("path", {"d": "M14 2v5a1 1 0 0 0 1 1h5"}),
        ("path", {"d": "M12 18v-6"}),
        ("path", {"d": "m9 15 3 3 3-3"}),
    ),
}
_SHAPES = {"path": rx.el.svg.path, "polygon": rx.el.svg.polygon, "rect": rx.el.svg.rect, "circle": rx.el.svg.circle}


def icon_sprite() -> rx.Component:
    """Every icon of `ICONS` once, as a `<symbol>`: drawn where `icon` refers to it."""
    return rx.el.svg(
        *[
            rx.el.svg.symbol(*[_SHAPES[tag](**attrs) for tag, attrs in shapes], id=f"i-{name}", view_box="0 0 24 24")
            for name, shapes in ICONS.items()
        ],
        aria_hidden="true",
        class_name="icon-sprite",
    )


def icon(name: str, size: int = 16) -> rx.Component:
    """An icon of the sprite, sized and stroked as `rx.icon` draws it."""
    if name not in ICONS:
        raise KeyError(f"no icon {name!r} in ui/lean.ICONS")
    return rx.el.svg(
        rx.el.svg.use(href=f"#i-{name}"),
        width=str(size),
        height=str(size),
        view_box="0 0 24 24",
        class_name=f"lucide lucide-{name} lean-icon",
        aria_hidden="true",
    )


def icon_html(name: str, size: int = 16) -> str:
    """`icon` as HTML, its shapes inline: for a page the server draws before the page's scripts run (the
    sprite is not there yet)."""
    shapes = "".join(
        f"<{tag} " + " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs.items()) + "/>" for tag, attrs in ICONS[name]
    )
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 24 24" class="lucide lucide-{name} lean-icon" '
        f'aria-hidden="true">{shapes}</svg>'
    )


def _classes(*names: Text) -> Text:
    """One class attribute from fixed names and names that are vars (their order does not matter)."""
    out: Text = " ".join(name for name in names if isinstance(name, str) and name)
    for name in names:
        if not isinstance(name, str):
            out = out + " " + name
    return out


def text(*children: Any, size: str = "2", weight: str = "", class_name: Text = "", **props: Any) -> rx.Component:
    """A Radix Text paragraph: `<p class="rt-Text rt-r-size-2 rt-r-weight-bold">`."""
    return rx.el.p(
        *children,
        class_name=_classes("rt-Text", f"rt-r-size-{size}", f"rt-r-weight-{weight}" if weight else "", class_name),
        **props,
    )


def badge(
    *children: Any, color: Text, variant: Text = "soft", size: str = "1", class_name: Text = "", **props: Any
) -> rx.Component:
    """A Radix Badge: `<span data-accent-color="red" class="rt-reset rt-Badge rt-r-size-1 rt-variant-soft">`."""
    return rx.el.span(
        *children,
        data_accent_color=color,
        class_name=_classes("rt-reset rt-Badge", f"rt-r-size-{size}", "rt-variant-" + variant, class_name),
        **props,
    )


def button(
    *children: Any,
    color: Text,
    variant: str = "soft",
    size: str = "3",
    class_name: Text = "",
    disabled: bool = False,
    **props: Any,
) -> rx.Component:
    """A Radix Button (`rt-BaseButton rt-Button`), at least 44 px each way (`.touch`)."""
    extra = {"disabled": True, "data_disabled": "true"} if disabled else {}
    return rx.el.button(
        *children,
        type=props.pop("type", "button"),
        data_accent_color=color,
        class_name=_classes(
            "rt-reset rt-BaseButton", f"rt-r-size-{size}", f"rt-variant-{variant}", "rt-Button touch", class_name
        ),
        **extra,
        **props,
    )


def card(*children: Any, class_name: Text = "", **props: Any) -> rx.Component:
    """A Radix Card (size 1, surface)."""
    return rx.el.div(
        *children,
        class_name=_classes("rt-reset rt-BaseCard rt-Card rt-r-size-1 rt-variant-surface", class_name),
        **props,
    )


def callout(message: Any, *, icon_name: str, color: Text, class_name: Text = "", **props: Any) -> rx.Component:
    """A Radix Callout (size 2, soft): an icon and one paragraph."""
    return rx.el.div(
        rx.el.div(icon(icon_name), class_name="rt-CalloutIcon"),
        rx.el.p(message, class_name="rt-Text rt-r-size-2 rt-CalloutText"),
        data_accent_color=color,
        class_name=_classes("rt-CalloutRoot rt-r-size-2 rt-variant-soft", class_name),
        **props,
    )


def toggles(current: rx.Var, *options: tuple[str, Any, str, Text | None], on_pick: Any, **props: Any) -> rx.Component:
    """Two or three buttons of which one is on (`aria-pressed`), drawn as a segmented control: for a
    choice the page switches on a tap (a day, a view). `options` are (value, content, id, aria-label)."""
    return rx.el.div(
        *[
            rx.el.button(
                content,
                type="button",
                id=id_,
                aria_pressed=rx.cond(current == value, "true", "false"),
                on_click=on_pick(value),
                class_name="seg-item",
                **({"aria_label": label} if label is not None else {}),
            )
            for value, content, id_, label in options
        ],
        role="group",
        class_name="seg",
        **props,
    )


def button_link(*children: Any, to: Text, color: Text, class_name: str = "", **props: Any) -> rx.Component:
    """An in-app link drawn as a Radix soft button (a link, not a button inside a link)."""
    return link(*children, to=to, data_accent_color=color, class_name=f"{BUTTON_LOOK} {class_name}".strip(), **props)


def link(*children: Any, to: Text, class_name: Text = "", **props: Any) -> rx.Component:
    """An in-app link that navigates without reloading the page (React Router's Link), drawn by its class."""
    return ReactRouterLink.create(*children, to=to, class_name=class_name, **props)
