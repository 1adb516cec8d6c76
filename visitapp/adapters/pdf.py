"""PDF documents with Chinese and Latin text (fpdf2), behind a tiny interface the services fill in.

Font: WenQuanYi Zen Hei (Debian `fonts-wqy-zenhei`): TrueType outlines, Chinese and Latin glyphs in one
face, embedded as a subset, so the PDF looks the same everywhere and its text extracts (copy, search,
screen readers). Two things seen here that it avoids:
- Noto CJK (`fonts-noto-cjk`) is CFF-based: fpdf2 embeds it and it renders, but pypdf reads its text back
  with NULs between the characters;
- a Latin primary font with a CJK fallback (fpdf2 `set_fallback_fonts`) drew a pure-Latin line that
  follows a pure-CJK line with the fallback font's glyph ids: garbage, on screen and in the text.
So one face for everything; it has no bold, bold is drawn as fill+stroke.

`VISITAPP_PDF_FONT` overrides the path (a .ttf, or a .ttc whose first face is used).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "BDF NOT subset": bitmaps, not needed

FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # Debian fonts-wqy-zenhei (scripts/bootstrap.sh)
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)


class FontMissing(RuntimeError):
    """No usable font on this machine: run scripts/bootstrap.sh (it installs the Debian font packages)."""


def font_path() -> Path:
    override = os.environ.get("VISITAPP_PDF_FONT")
    for path in ([override] if override else []) + list(FONTS):
        if path and Path(path).is_file():
            return Path(path)
    raise FontMissing(f"none of {', '.join(FONTS)} exists (set VISITAPP_PDF_FONT or run scripts/bootstrap.sh)")


def fonts_available() -> bool:
    try:
        font_path()
    except FontMissing:
        return False
    return True


class Document:
    """An A4 portrait document: title, headings, paragraphs, tables, an image; `bytes()` at the end."""

    def __init__(self, *, title: str, author: str = "", created: datetime | None = None) -> None:
        pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.set_auto_page_break(auto=True, margin=15)
        pdf.set_margins(18, 16, 18)
        font = str(font_path())
        pdf.add_font("body", "", font)
        pdf.add_font("body", "B", font)  # the same face: table headings ask for "B"; see _bold for real weight
        pdf.set_title(title)
        if author:
            pdf.set_author(author)
        pdf.set_creator("visitapp")
        if created is not None:
            pdf.set_creation_date(created)
        pdf.alias_nb_pages()
        pdf.add_page()
        self._pdf = pdf

    @property
    def width(self) -> float:
        return self._pdf.epw

    def _bold(self, on: bool = True, gray: bool = False):
        """The face has no bold: outline the glyphs (in the text's colour) as well as filling them."""
        if not on:
            return self._pdf.local_context()
        return self._pdf.local_context(
            text_mode="FILL_STROKE", line_width=0.18, draw_color=(90, 90, 90) if gray else (0, 0, 0)
        )

    def title(self, text: str) -> None:
        self._pdf.set_font("body", "B", 16)
        with self._bold():
            self._pdf.multi_cell(0, 9, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self._pdf.ln(1)

    def heading(self, text: str) -> None:
        self._pdf.ln(2)
        self._pdf.set_font("body", "B", 11.5)
        with self._bold():
            self._pdf.multi_cell(0, 7, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self._pdf.set_draw_color(160, 160, 160)
        y = self._pdf.get_y()
        self._pdf.line(self._pdf.l_margin, y, self._pdf.l_margin + self.width, y)
        self._pdf.ln(1.5)

    def para(self, text: str, *, size: float = 9.5, bold: bool = False, gray: bool = False) -> None:
        self._pdf.set_font("body", "B" if bold else "", size)
        if gray:
            self._pdf.set_text_color(90, 90, 90)
        with self._bold(bold, gray):
            self._pdf.multi_cell(0, size * 0.55, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self._pdf.set_text_color(0, 0, 0)
        self._pdf.ln(1)

    def pairs(self, rows: Sequence[tuple[str, str]], *, label_width: float = 0.38) -> None:
        """Label: value rows without borders (the parties); `label_width` is the label column's share."""
        pdf = self._pdf
        pdf.set_font("body", "", 9.5)
        with pdf.table(
            col_widths=(label_width, 1 - label_width),
            borders_layout="NONE",
            line_height=5.2,
            padding=(0.8, 0, 0.8, 0),
            first_row_as_headings=False,
            text_align=("LEFT", "LEFT"),
        ) as t:
            for label, value in rows:
                row = t.row()
                row.cell(label, style=_label_style())
                row.cell(value)
        pdf.ln(1)

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[float],
        right: Sequence[int] = (),
        bold_last: bool = False,
    ) -> None:
        """A bordered table; `widths` are relative, `right` the right-aligned (money) columns."""
        pdf = self._pdf
        pdf.set_font("body", "", 8.5)
        aligns = tuple("RIGHT" if i in right else "LEFT" for i in range(len(headers)))
        with pdf.table(
            col_widths=tuple(widths),
            text_align=aligns,
            line_height=5,
            padding=1.2,
            headings_style=_headings_style(),
            first_row_as_headings=True,
        ) as t:
            t.row(list(headers))
            for n, cells in enumerate(rows):
                row = t.row()
                last = bold_last and n == len(rows) - 1
                for text in cells:
                    if last:
                        from fpdf.fonts import FontFace

                        row.cell(text, style=FontFace(emphasis="BOLD"))
                    else:
                        row.cell(text)
        pdf.ln(2)

    def image(self, path: Path, *, width: float = 60) -> None:
        self._pdf.image(str(path), w=width)
        self._pdf.ln(1)

    def space(self, mm: float = 3) -> None:
        self._pdf.ln(mm)

    def footer_text(self, text: str) -> None:
        """Printed at the bottom of every page, with the page number."""
        pdf = self._pdf

        def footer() -> None:
            pdf.set_y(-12)
            pdf.set_font("body", "", 7.5)
            pdf.set_text_color(110, 110, 110)
            pdf.cell(0, 5, f"{text}    {pdf.page_no()}/{{nb}}", align="C")
            pdf.set_text_color(0, 0, 0)

        pdf.footer = footer  # type: ignore[method-assign]

    def bytes(self) -> bytes:
        return bytes(self._pdf.output())


def _label_style():
    from fpdf.fonts import FontFace

    return FontFace(color=(80, 80, 80))


def _headings_style():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
