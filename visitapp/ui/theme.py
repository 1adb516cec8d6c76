"""Radix Themes with only the colour scales the app uses (Radix's documented tree-shaking imports).

The full `@radix-ui/themes/styles.css` carries all 30 colour scales, light and dark and wide-gamut: 177 KiB
of the 700 KiB stylesheet every page parses before it paints (459 ms of main thread on Lighthouse's
simulated phone, the longest task on /agent). The app draws with eight: teal (the accent), sage (its
gray), gray, red, amber, orange, green and blue (`tests/ui/test_theme.py` checks that no other scale is
named in the code).

After the production build, `post_build` takes out of the built stylesheet the rules no page can match
(visitapp/ui/css_purge.py: components never drawn, breakpoint classes never set, the dark appearance):
625 KiB -> 270 KiB, the stylesheet's task on /agent in Lighthouse ~330 ms -> ~110 ms.

Before the build, `pre_compile` takes `@radix-ui/themes` out of the libraries the root page loads for
dynamic components (`window.__reflex`, which the app has none of): that `import("@radix-ui/themes")` of the
whole package put all of it (every component, 282 KB of script) in the one chunk every page imports, so
each page evaluated it at start; without it the bundler keeps only the components the pages use."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any

import reflex as rx

from visitapp.ui import css_purge

COLORS = ("teal", "sage", "gray", "red", "amber", "orange", "green", "blue")
_THEMES = "@radix-ui/themes"
_LAZY_THEMES = re.compile(r'\n\s*"@radix-ui/themes": \(\) => import\("@radix-ui/themes"\),')


def without_lazy_themes(root: str) -> str:
    """The compiled root page without its lazy import of the whole Radix Themes package (module docstring)."""
    return _LAZY_THEMES.sub("", root)


class UsedColorsOnly(rx.plugins.RadixThemesPlugin):
    def pre_compile(self, **context: Any) -> None:
        super().pre_compile(**context)
        from reflex import constants
        from reflex.utils.prerequisites import get_web_dir

        root = get_web_dir() / constants.Dirs.PAGES / constants.PageNames.APP_ROOT
        context["add_modify_task"](str(root), without_lazy_themes)

    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        if not self.enabled:
            return ()
        return (
            f"{_THEMES}/tokens/base.css",
            *(f"{_THEMES}/tokens/colors/{c}.css" for c in COLORS),
            f"{_THEMES}/components.css",
            f"{_THEMES}/utilities.css",
        )

    def post_build(self, **context: Any) -> None:
        """After the production build: the built stylesheet without the Radix components the pages never
        import (visitapp/ui/css_purge.py), and its pre-compressed copies made again."""
        static_dir: Path = context["static_dir"]
        web_dir = static_dir.parents[1]
        sources = [
            path.read_text(encoding="utf-8")
            for folder in ("app", "app_components", "components", "utils")
            for path in sorted((web_dir / folder).rglob("*.js*"))
            if path.is_file()
        ]
        used = css_purge.Used(
            css_purge.component_classes(
                web_dir / "node_modules" / _THEMES / "dist" / "esm" / "components",
                css_purge.imported_components(sources),
            )
            | css_purge.named_classes(sources),
            css_purge.responsive_values(sources),
        )
        for sheet in sorted((static_dir / "assets").glob("*.css")):
            text = sheet.read_text(encoding="utf-8")
            if "rt-" not in text:
                continue
            sheet.write_text(css_purge.purge(text, used), encoding="utf-8")
            for sidecar in (sheet.with_name(sheet.name + ext) for ext in (".gz", ".br", ".zst")):
                if sidecar.exists():
                    sidecar.unlink()
            sheet.with_name(sheet.name + ".gz").write_bytes(gzip.compress(sheet.read_bytes(), 9, mtime=0))


def plugin() -> UsedColorsOnly:
    return UsedColorsOnly(theme=rx.theme(accent_color="teal", gray_color="sage", radius="medium", appearance="light"))
