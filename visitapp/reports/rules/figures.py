"""A report's tables as plain data, the rates in them, and the XLSX workbook of them (no SQL, no UI)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font


def rate(part: int, whole: int) -> int | None:
    """A whole percentage, rounded half up; None when there is nothing to divide (shown as "–", not 0 %)."""
    if whole <= 0:
        return None
    return (200 * part + whole) // (2 * whole)


@dataclass(frozen=True)
class Table:
    """One section of a report: a row per label, a column per figure.

    `labels`: "key" when each row's label is a message key (translated for the reader), "text" when it is
    shown as it is (a team's or an agent's name, a segment). Columns named in `money` hold fen, in `pct`
    whole percentages (None: nothing to divide); `chart` names the columns drawn as bars."""

    key: str
    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    labels: str = "key"
    chart: tuple[str, ...] = ()
    money: tuple[str, ...] = ()
    pct: tuple[str, ...] = ()

    def total(self, column: str) -> int:
        i = self.columns.index(column) + 1
        return sum(int(r[i] or 0) for r in self.rows)


def workbook(
    tables: Sequence[Table],
    *,
    title: Callable[[str], str],
    column: Callable[[str], str],
    label: Callable[[Table, str], str],
    first_column: str,
    heading: str,
) -> bytes:
    """One sheet per table, its header in bold, money in yuan with two decimals (exact: from fen), rates as
    percentages; the first sheet carries `heading` (the period and the teams)."""
    wb = Workbook()
    for sheet in list(wb.worksheets):  # the empty default sheet
        wb.remove(sheet)
    for n, t in enumerate(tables):
        ws = wb.create_sheet(title=title(t.key)[:31].replace("/", "-"))
        row = 1
        if n == 0:
            ws.cell(row=1, column=1, value=heading).font = Font(bold=True)
            row = 3
        for c, name in enumerate((first_column, *(column(x) for x in t.columns)), start=1):
            ws.cell(row=row, column=c, value=name).font = Font(bold=True)
        for r in t.rows:
            row += 1
            ws.cell(row=row, column=1, value=label(t, str(r[0])))
            for c, (name, value) in enumerate(zip(t.columns, r[1:]), start=2):
                cell = ws.cell(row=row, column=c)
                if value is None:
                    cell.value = None
                elif name in t.money:
                    cell.value = Decimal(int(value)).scaleb(-2)  # yuan, exact: written as its decimal digits
                    cell.number_format = "#,##0.00"
                elif name in t.pct:
                    cell.value = Decimal(int(value)).scaleb(-2)
                    cell.number_format = "0%"
                else:
                    cell.value = value
        ws.column_dimensions["A"].width = 28
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
