"""Radix Themes with only the colour scales the app uses (Radix's documented tree-shaking imports).

The full `@radix-ui/themes/styles.css` carries all 30 colour scales, light and dark and wide-gamut: 177 KiB
of the 700 KiB stylesheet every page parses before it paints (459 ms of main thread on Lighthouse's
simulated phone, the longest task on /agent). The app draws with eight: teal (the accent), sage (its
gray), gray, red, amber, orange, green and blue (`tests/ui/test_theme.py` checks that no other scale is
named in the code)."""

from __future__ import annotations

from typing import Any

import reflex as rx

COLORS = ("teal", "sage", "gray", "red", "amber", "orange", "green", "blue")
_THEMES = "@radix-ui/themes"


class UsedColorsOnly(rx.plugins.RadixThemesPlugin):
    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        if not self.enabled:
            return ()
        return (
            f"{_THEMES}/tokens/base.css",
            *(f"{_THEMES}/tokens/colors/{c}.css" for c in COLORS),
            f"{_THEMES}/components.css",
            f"{_THEMES}/utilities.css",
        )


def plugin() -> UsedColorsOnly:
    return UsedColorsOnly(theme=rx.theme(accent_color="teal", gray_color="sage", radius="medium", appearance="light"))
