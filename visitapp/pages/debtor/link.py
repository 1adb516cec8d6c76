"""The debtor's page behind the notice SMS link (phone-first, no login)."""

from __future__ import annotations

import reflex as rx

from visitapp.state.debtor_link import LinkState as L


def _agent(a: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.vstack(rx.text(a["name"], weight="bold", size="4"), rx.text(L.t["badge.no"], ": ", a["badge"], size="2"),
                  spacing="0"),
        rx.spacer(),
        rx.cond(a["verify"] != "", rx.link(rx.button(rx.icon("shield-check", size=16), L.t["link.verify"],
                                                     variant="soft", size="2"), href=a["verify"])),
        width="100%", align="center", class_name="link-agent",
    )


def link_page() -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.hstack(rx.heading(L.t["link.title"], size="5"), rx.spacer(),
                      rx.button(L.t["lang.switch"], on_click=[L.toggle_lang, L.load], variant="ghost", size="1"),
                      width="100%", align="center"),
            rx.cond(
                L.checked,
                rx.cond(
                    L.status == "ok",
                    rx.vstack(
                        rx.card(rx.text(L.planned, size="3", id="link-planned"), width="100%"),
                        rx.card(rx.vstack(rx.text(L.t["link.agents"], weight="bold"), rx.foreach(L.agents, _agent),
                                          rx.text(L.t["link.check_badge"], size="2", color="var(--gray-11)"),
                                          width="100%", spacing="2"), width="100%"),
                        rx.callout(L.t["link.more_soon"], icon="info", width="100%"),
                        width="100%", spacing="3",
                    ),
                    rx.callout(L.message, color_scheme="amber", icon="triangle_alert", id="link-problem",
                               width="100%"),
                ),
                rx.spinner(),
            ),
            rx.text(L.t["link.privacy"], size="1", color="var(--gray-10)"),
            width="100%", max_width="420px", padding="16px", spacing="3",
        ),
        width="100%", min_height="100vh", background="var(--gray-2)", align="start",
    )
