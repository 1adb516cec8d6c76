"""The stylesheet carries the colour scales the app names, and only those."""

from __future__ import annotations

import re
from pathlib import Path

from visitapp.ui.theme import COLORS, UsedColorsOnly

ROOT = Path(__file__).resolve().parents[2]
RADIX = [
    "tomato",
    "red",
    "ruby",
    "crimson",
    "pink",
    "plum",
    "purple",
    "violet",
    "iris",
    "indigo",
    "blue",
    "cyan",
    "teal",
    "jade",
    "green",
    "grass",
    "bronze",
    "gold",
    "brown",
    "orange",
    "amber",
    "yellow",
    "lime",
    "mint",
    "sky",
    "gray",
    "mauve",
    "slate",
    "sage",
    "olive",
    "sand",
]


def _named_colors() -> set[str]:
    text = "\n".join(p.read_text() for p in [*ROOT.joinpath("visitapp").rglob("*.py"), ROOT / "assets" / "app.css"])
    literal = set(re.findall(r'"(' + "|".join(RADIX) + r')"', text))
    css_vars = set(re.findall(r"--(" + "|".join(RADIX) + r")-a?\d+", text))
    return literal | css_vars


def test_every_colour_the_code_names_is_in_the_stylesheet():
    named = _named_colors()
    assert {"teal", "red", "amber"} <= named
    assert named <= set(COLORS), sorted(named - set(COLORS))


def test_the_stylesheets_are_radix_tokens_for_those_colours_then_components():
    paths = UsedColorsOnly(theme=None).get_stylesheet_paths()
    assert paths[0].endswith("tokens/base.css") and paths[-2:] == (
        "@radix-ui/themes/components.css",
        "@radix-ui/themes/utilities.css",
    )
    assert [p.rsplit("/", 1)[-1] for p in paths[1:-2]] == [f"{c}.css" for c in COLORS]
    assert UsedColorsOnly(theme=None, enabled=False).get_stylesheet_paths() == ()


def test_after_the_build_the_stylesheet_and_its_gzip_copy_lose_what_no_page_draws(tmp_path):
    import gzip

    web = tmp_path / "web"
    assets = web / "build" / "client" / "assets"
    assets.mkdir(parents=True)
    routes = web / "app" / "routes"
    routes.mkdir(parents=True)
    (routes / "[agent]._index.jsx").write_text(
        'import {Badge as RadixThemesBadge} from "@radix-ui/themes"\njsx(X,{columns:({ ["sm"] : "2" })})'
    )
    components = web / "node_modules" / "@radix-ui" / "themes" / "dist" / "esm" / "components"
    components.mkdir(parents=True)
    (components / "badge.js").write_text('const c="rt-Badge";')
    css = (
        ".rt-Badge{display:inline-flex}.rt-AvatarRoot{display:flex}"
        "@media (width>=520px){.sm\\:rt-r-gtc-2{x:1}.sm\\:rt-r-gtc-3{x:2}}.dark{--gray-1:#111}"
    )
    sheet = assets / "__reflex_global_styles-abc.css"
    sheet.write_text(css)
    sheet.with_name(sheet.name + ".gz").write_bytes(gzip.compress(css.encode()))
    sheet.with_name(sheet.name + ".br").write_bytes(b"stale")
    other = assets / "page.css"
    other.write_text(".x{color:red}")

    UsedColorsOnly(theme=None).post_build(static_dir=web / "build" / "client")

    purged = ".rt-Badge{display:inline-flex}@media (width>=520px){.sm\\:rt-r-gtc-2{x:1}}"
    assert sheet.read_text() == purged
    assert gzip.decompress(sheet.with_name(sheet.name + ".gz").read_bytes()).decode() == purged
    assert not sheet.with_name(sheet.name + ".br").exists()  # a copy of the old sheet is never served
    assert other.read_text() == ".x{color:red}"


def test_the_root_page_no_longer_loads_the_whole_radix_themes_package():
    """`import("@radix-ui/themes")` put every Radix component in the chunk every page evaluates at start."""
    from visitapp.ui.theme import without_lazy_themes

    root = (
        "  const loaders = {\n"
        '    "@radix-ui/themes": () => import("@radix-ui/themes"),\n'
        '    "some-lib": () => import("some-lib"),\n'
        "  };\n"
    )
    assert without_lazy_themes(root) == '  const loaders = {\n    "some-lib": () => import("some-lib"),\n  };\n'
    assert without_lazy_themes("nothing to take out") == "nothing to take out"
