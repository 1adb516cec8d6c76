"""The built stylesheet keeps every rule a page can match and loses the Radix components it never draws."""

from __future__ import annotations

from pathlib import Path

from visitapp.ui import css_purge


def test_the_components_are_the_names_imported_from_radix_themes():
    sources = [
        'import {Badge as RadixThemesBadge,Box as RadixThemesBox} from "@radix-ui/themes"\n'
        'import * as radix_ui_themes from "@radix-ui/themes";',
        'import {\n  TextField as RadixThemesTextField,\n  Select as RadixThemesSelect\n} from "@radix-ui/themes"',
        'import {Dialog} from "radix-ui"',
    ]
    assert css_purge.imported_components(sources) == {"Badge", "Box", "TextField", "Select"}


def test_the_classes_a_page_writes_itself_count_as_used():
    sources = ['jsx("span",{className:"rt-reset rt-Badge rt-r-size-2 visit-phase"})', 'c = "rt-BaseCard rt-Card";']
    assert css_purge.named_classes(sources) == {"rt-Badge", "rt-BaseCard", "rt-Card"}


def test_a_component_module_is_its_kebab_case_name(tmp_path: Path):
    assert css_purge.module_file(tmp_path, "TextField") == tmp_path / "text-field.js"
    assert css_purge.module_file(tmp_path, "AlertDialog") == tmp_path / "alert-dialog.js"
    assert css_purge.module_file(tmp_path, "Box") == tmp_path / "box.js"


def test_a_components_classes_include_those_of_the_modules_it_imports(tmp_path: Path):
    internal = tmp_path / "_internal"
    internal.mkdir()
    (tmp_path / "button.js").write_text(
        'import{BaseButton as o}from"./_internal/base-button.js";const r=e=>o({className:T("rt-Button",e)});'
    )
    (internal / "base-button.js").write_text('import{Flex}from"../flex.js";const c="rt-BaseButton";')
    (tmp_path / "flex.js").write_text('const c="rt-Flex";')
    (tmp_path / "avatar.js").write_text('const c="rt-AvatarRoot";')
    classes = css_purge.component_classes(tmp_path, ["Button", "Nonexistent"])
    assert classes == {"rt-Button", "rt-BaseButton", "rt-Flex"}


USED = css_purge.Used({"rt-Button", "rt-BaseButton", "rt-Text"}, {"sm": {"2"}, "md": {"between"}})


def test_a_rule_for_a_component_never_drawn_goes_and_one_drawn_stays():
    css = ".rt-AvatarRoot{display:inline-flex}.rt-Button{color:red}"
    assert css_purge.purge(css, USED) == ".rt-Button{color:red}"


def test_a_selector_list_keeps_the_selectors_that_can_match():
    css = ".rt-Kbd,.rt-Text:where(.rt-variant-soft),.app-card .rt-AvatarRoot{margin:0}"
    assert css_purge.purge(css, USED) == ".rt-Text:where(.rt-variant-soft){margin:0}"


def test_classes_that_are_not_a_components_are_kept():
    css = ".rt-r-size-2{height:32px}.rt-variant-soft{color:red}.visit-card{padding:8px}:root{--x:1}"
    assert css_purge.purge(css, USED) == css


def test_the_responsive_values_are_read_from_the_compiled_props():
    sources = [
        'jsx(RadixThemesGrid,{columns:({ ["initial"] : "1", ["sm"] : "2" }),gap:"3"})',
        'jsx(RadixThemesFlex,{direction:({ ["initial"] : "column", ["md"] : "row" })})',
    ]
    assert css_purge.responsive_values(sources) == {"sm": {"2"}, "md": {"row"}}


def test_a_breakpoints_class_stays_only_for_a_value_the_pages_give_that_breakpoint():
    css = (
        "@media (width>=520px){.sm\\:rt-r-gtc-2{grid-template-columns:repeat(2,1fr)}.sm\\:rt-r-gtc-3{x:1}}"
        "@media (width>=768px){.md\\:rt-r-jc-space-between{justify-content:space-between}.md\\:rt-r-gtc-2{x:2}}"
        "@media (width>=1024px){.lg\\:rt-r-gtc-2{x:3}}"
    )
    assert css_purge.purge(css, USED) == (
        "@media (width>=520px){.sm\\:rt-r-gtc-2{grid-template-columns:repeat(2,1fr)}}"
        "@media (width>=768px){.md\\:rt-r-jc-space-between{justify-content:space-between}}"
    )


def test_media_and_layer_blocks_are_purged_inside_and_dropped_when_empty():
    css = (
        "@media (min-width:520px){.rt-Kbd{font-size:1px}}"
        "@media (min-width:768px){.rt-Kbd{font-size:2px}.rt-Button{font-size:3px}}"
        "@layer components{@supports (display:grid){.rt-DataListRoot{display:grid}}}"
        "@font-face{font-family:x;src:url(a.woff2)}"
        "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}"
    )
    out = css_purge.purge(css, USED)
    assert ".rt-Kbd" not in out and "DataList" not in out and "@layer" not in out
    assert "@media (min-width:768px){.rt-Button{font-size:3px}}" in out
    assert "@font-face{font-family:x;src:url(a.woff2)}" in out
    assert "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}" in out
    assert "520px" not in out


def test_the_dark_appearance_goes_and_the_light_one_stays():
    css = (
        ":root,.light,.light-theme{--gray-1:#fff}"
        ".dark,.dark-theme{--gray-1:#111}"
        ":is(.dark,.dark-theme) :where(.radix-themes:not(.light,.light-theme)){--color-background:#000}"
        ".darkness{color:red}"
    )
    assert css_purge.purge(css, USED) == ":root,.light,.light-theme{--gray-1:#fff}.darkness{color:red}"


def test_strings_and_escapes_survive():
    css = '.rt-Text::before{content:"a,b{c}"}.sm\\:rt-r-p-2{padding:8px}[data-x="rt-Kbd"]{color:red}'
    assert css_purge.purge(css, USED) == css
