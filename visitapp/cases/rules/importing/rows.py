"""The layout of an import file (its columns and line groups), the header check, and the row parser that
turns each row into a ParsedRow or RowErrors by line and column."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from visitapp.cases.rules.importing.cells import (
    BAD,
    CellError,
    parse_amount,
    parse_birth_year,
    parse_bool,
    parse_coordinate,
    parse_date,
    parse_id_last4,
    parse_kind,
    parse_phone,
    text_value,
)
from visitapp.cases.rules.importing.readers import FileError, read_rows
from visitapp.core import money

MAX_LINES = 24
MAX_ROWS = 200_000
PROGRESS_EVERY = 500
# every RowError code; the message of each is "import.error.<code>" (visitapp/i18n/catalog/cases.py)
ERROR_CODES = (
    # the file (line 0) and its header (line 1)
    "unsupported_format",
    "unreadable",
    "empty_file",
    "no_rows",
    "too_many_rows",
    "missing_column",
    "unknown_column",
    "duplicate_column",
    "line_out_of_range",
    "unnamed_column",
    # cells
    "required",
    "too_long",
    "amount_invalid",
    "amount_decimals",
    "amount_negative",
    "amount_too_large",
    "paid_exceeds_due",
    "date_invalid",
    "phone_invalid",
    "coord_invalid",
    "lat_range",
    "lon_range",
    "coord_pair",
    "kind_invalid",
    "bool_invalid",
    "birth_year_invalid",
    "id_last4_invalid",
    "duplicate_contract",
    "no_lines",
    # references to the database (checked by visitapp.cases.services.importer)
    "unknown_agent",
    "not_agent",
    "agent_inactive",
    "agent_other_team",
    "agent_required",
    "contract_other_team",
)


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False  # the header must have it and every row must fill it
    max_len: int | None = None
    example: str = ""


DEBT_COLUMNS: tuple[Column, ...] = (
    Column("contract_no", True, 40, "HT2026000123"),
    Column("debtor_name", True, 80, "张伟"),
    Column("id_last4", example="123X"),
    Column("birth_year", example="1985"),
    Column("phone", True, example="13812345678"),
    Column("phone2", example="021-62345678"),
    Column("address", True, 255, "上海市静安区南京西路1266号"),
    Column("district", max_len=40, example="静安区"),
    Column("city", max_len=40, example="上海"),
    Column("lat", example="31.2297"),
    Column("lon", example="121.4551"),
    Column("creditor", max_len=80, example="华东商业银行"),
    Column("product", max_len=40, example="信用卡"),
    Column("principal", True, example="50000.00"),
    Column("opened_on", example="2025-03-15"),
    Column("agent_username", max_len=64, example="agent1"),
    Column("night_worker", example="否"),
)
LINE_FIELDS = ("due_date", "kind", "amount_due", "amount_paid")
LINE_REQUIRED = ("due_date", "amount_due")
BY_NAME = {c.name: c for c in DEBT_COLUMNS}
LINE_HEADER = re.compile(r"line(\d{1,3})_(due_date|kind|amount_due|amount_paid)")


def line_column(n: int, fld: str) -> str:
    return f"line{n}_{fld}"


def header_names(lines: int = MAX_LINES) -> list[str]:
    """The template's header: every debt column, then `lines` line groups."""
    return [c.name for c in DEBT_COLUMNS] + [line_column(n, f) for n in range(1, lines + 1) for f in LINE_FIELDS]


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    code: str
    params: dict = field(default_factory=dict)

    @property
    def message_key(self) -> str:
        return f"import.error.{self.code}"

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "code": self.code, "params": dict(self.params)}


@dataclass(slots=True)
class ParsedRow:
    line: int
    contract_no: str
    debtor_name: str
    id_last4: str | None
    birth_year: str | None
    phones: list[tuple[str, str]]  # (E.164, kind); the first is the primary
    address: str
    district: str
    city: str
    lat: float | None
    lon: float | None
    creditor: str
    product: str
    principal_cents: int
    opened_on: date | None
    agent_username: str | None
    night_worker: bool
    lines: list[tuple[date, str, int, int]]  # (due_date, kind, amount_due_cents, amount_paid_cents)


def _all_blank(cells: Any, indexes: tuple[int, ...]) -> bool:
    """Whether every one of these cells is empty (None, or a text of spaces)."""
    for i in indexes:
        v = cells[i]
        if v is not None and (v.__class__ is not str or v.strip()):
            return False
    return True


def _parsed_row(
    line: int,
    texts: dict[str, str],
    id_last4: str | None,
    birth_year: str | None,
    phones: list[tuple[str, str]],
    lat: float | None,
    lon: float | None,
    principal: int,
    opened_on: date | None,
    night_worker: bool | None,
    lines: list[tuple[date, str, int, int]],
) -> ParsedRow:
    """A row as both readings (`clean` and `checked`) return it, from the values they read."""
    return ParsedRow(
        line=line,
        contract_no=texts["contract_no"],
        debtor_name=texts["debtor_name"],
        id_last4=id_last4,
        birth_year=birth_year,
        phones=phones,
        address=texts["address"],
        district=texts.get("district", ""),
        city=texts.get("city", ""),
        lat=lat,
        lon=lon,
        creditor=texts.get("creditor", ""),
        product=texts.get("product", ""),
        principal_cents=principal,
        opened_on=opened_on,
        agent_username=texts.get("agent_username") or None,
        night_worker=bool(night_worker),
        lines=lines,
    )


@dataclass
class ParseResult:
    total_rows: int = 0
    rows: list[ParsedRow] = field(default_factory=list)  # the rows without errors, in file order
    errors: list[RowError] = field(default_factory=list)
    # (line, contract_no, agent_username) of every data row, good or bad, for the database checks
    refs: list[tuple[int, str, str | None]] = field(default_factory=list)
    present: frozenset[str] = frozenset()  # debt columns present in the header
    column_order: dict[str, int] = field(default_factory=dict)  # header name (or letter) -> position

    def sort_errors(self, errors: list[RowError]) -> list[RowError]:
        """By line, then in the order of the columns in the file."""
        order = self.column_order
        return sorted(errors, key=lambda e: (e.line, order.get(e.column, len(order))))

    fatal: bool = False  # the file or its header is unusable: no row can be imported

    @property
    def bad_lines(self) -> set[int]:
        return {e.line for e in self.errors}


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def normalize_header(value: Any) -> str:
    text = text_value(value).replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


@dataclass
class _Layout:
    index: dict[str, int]  # debt column name -> cell index
    groups: list[tuple[int, dict[str, int]]]  # (N, field -> cell index), by N
    unnamed: list[int]  # cell indexes without a header name


def _read_header(cells: Any, errors: list[RowError]) -> _Layout | None:
    index: dict[str, int] = {}
    groups: dict[int, dict[str, int]] = {}
    unnamed: list[int] = []
    seen: set[str] = set()
    bad = False
    for i, raw in enumerate(cells or ()):
        name = normalize_header(raw)
        if not name:
            unnamed.append(i)
            continue
        if name in seen:
            errors.append(RowError(1, name, "duplicate_column"))
            bad = True
            continue
        seen.add(name)
        if name in BY_NAME:
            index[name] = i
            continue
        m = LINE_HEADER.fullmatch(name)
        if m:
            n = int(m[1])
            if 1 <= n <= MAX_LINES:
                groups.setdefault(n, {})[m[2]] = i
            else:
                errors.append(RowError(1, name, "line_out_of_range", {"max": MAX_LINES}))
                bad = True
            continue
        errors.append(RowError(1, name, "unknown_column"))
        bad = True
    for col in DEBT_COLUMNS:
        if col.required and col.name not in index:
            errors.append(RowError(1, col.name, "missing_column"))
            bad = True
    if ("lat" in index) != ("lon" in index):
        errors.append(RowError(1, "lon" if "lat" in index else "lat", "missing_column"))
        bad = True
    if 1 not in groups:
        groups[1] = {}
    for n, fields in sorted(groups.items()):
        for fld in LINE_REQUIRED:
            if fld not in fields:
                errors.append(RowError(1, line_column(n, fld), "missing_column"))
                bad = True
    if bad:
        return None
    return _Layout(index, sorted(groups.items()), unnamed)


def parse_file(
    data: bytes, filename: str, *, today: date | None = None, progress: Callable[[int, int], None] | None = None
) -> ParseResult:
    """Read and check every row. Never raises for bad input: problems come back as errors."""
    result = ParseResult()
    today = today or date.today()
    try:
        rows, estimate = read_rows(data, filename)
        rows = iter(rows)
        header = next(rows, None)
    except FileError as exc:
        result.errors.append(RowError(0, "", exc.code, exc.params))
        result.fatal = True
        return result
    except (csv.Error, UnicodeDecodeError):
        result.errors.append(RowError(0, "", "unreadable"))
        result.fatal = True
        return result
    if header is None or not any(text_value(v) for v in header):
        result.errors.append(RowError(0, "", "empty_file"))
        result.fatal = True
        return result
    layout = _read_header(header, result.errors)
    if layout is None:
        result.fatal = True
        return result
    result.present = frozenset(layout.index)
    result.column_order = {normalize_header(v) or column_letter(i): i for i, v in enumerate(header)}
    estimate = max(estimate - 1, 0)
    first_line: dict[str, int] = {}
    errors = result.errors
    parse_row = _RowParser(layout, today)
    line = 1
    try:
        for cells in rows:
            line += 1
            if not cells or not any(v is not None and (not isinstance(v, str) or v.strip()) for v in cells):
                continue
            result.total_rows += 1
            if result.total_rows > MAX_ROWS:
                errors.append(RowError(0, "", "too_many_rows", {"max": MAX_ROWS}))
                result.fatal = True
                break
            before = len(errors)
            row = parse_row(line, cells, errors)
            contract = parse_row.last_contract
            result.refs.append((line, contract, parse_row.last_agent))
            if contract:
                first = first_line.get(contract)
                if first is None:
                    first_line[contract] = line
                else:
                    errors.append(RowError(line, "contract_no", "duplicate_contract", {"first_line": first}))
            if row is not None and len(errors) == before:
                result.rows.append(row)
            if progress and result.total_rows % PROGRESS_EVERY == 0:
                progress(result.total_rows, max(estimate, result.total_rows))
    except (csv.Error, UnicodeDecodeError):
        errors.append(RowError(line, "", "unreadable"))
        result.fatal = True
    if progress:
        progress(result.total_rows, result.total_rows)
    if not result.fatal and result.total_rows == 0:
        errors.append(RowError(0, "", "no_rows"))
        result.fatal = True
    if result.fatal:
        result.rows, result.refs = [], []
    result.errors = result.sort_errors(errors)
    return result


class _RowParser:
    """Turns the cells of one row into a ParsedRow, appending every problem to `errors`."""

    def __init__(self, layout: _Layout, today: date) -> None:
        self.layout = layout
        self.today = today
        self.last_contract = ""
        self.last_agent: str | None = None
        self.shared: dict[str, str] = {}
        ix = layout.index
        self.text_cols = [
            (c.name, ix[c.name], c.required, c.max_len)
            for c in DEBT_COLUMNS
            if c.name in ix and c.name in _TEXT_COLUMNS
        ]
        self.width = 1 + max(
            [*ix.values(), *(i for _, f in layout.groups for i in f.values()), *layout.unnamed], default=0
        )
        # the cell index of each parsed debt column (None: not in the header)
        self.at = {name: ix.get(name) for name in _PARSED_COLUMNS}
        # each line group: N, the cell index of its due date, kind, amount due and amount paid (None: no such
        # column), and the indexes of all its cells
        self.groups = [
            (n, f["due_date"], f.get("kind"), f["amount_due"], f.get("amount_paid"), tuple(f.values()))
            for n, f in layout.groups
        ]

    def __call__(self, line: int, cells: Any, errors: list[RowError]) -> ParsedRow | None:
        if len(cells) < self.width:
            cells = tuple(cells) + (None,) * (self.width - len(cells))
        row = self.clean(line, cells)
        if row is not None:
            return row
        return self.checked(line, cells, errors)

    def clean(self, line: int, cells: Any) -> ParsedRow | None:
        """The row when every cell of it is good, else None (then `checked` reads it again and names every
        problem). Almost every row of a big file is good: this reads it with the same cell parsers as
        `checked`, without recording where each value came from, and gives up at the first problem; it must
        never accept a row that `checked` would refuse, nor read one differently (tests/cases check both
        on good and bad rows)."""
        for i in self.layout.unnamed:
            v = cells[i]
            if v is not None and (v.__class__ is not str or v.strip()):
                return None
        texts: dict[str, str] = {}
        shared = self.shared
        for name, i, required, max_len in self.text_cols:
            v = cells[i]
            value = v.strip() if v.__class__ is str else text_value(v)
            if name == "agent_username":
                value = value.lower()
            if name in _REPEATED_COLUMNS:
                value = shared.setdefault(value, value)
            if (required and not value) or (max_len is not None and len(value) > max_len):
                return None
            texts[name] = value
        self.last_contract = texts.get("contract_no", "")
        self.last_agent = texts.get("agent_username") or None
        at = self.at
        k: int | None  # the cell index of a column (None: not in the header)
        m: int | None
        try:
            k = at["id_last4"]
            id_last4 = None if k is None else parse_id_last4(cells[k])
            k = at["birth_year"]
            birth_year = None if k is None else parse_birth_year(cells[k], self.today)
            primary = parse_phone(cells[at["phone"]])
            if primary is None:
                return None
            phones = [primary]
            k = at["phone2"]
            second = None if k is None else parse_phone(cells[k])
            if second is not None and second[0] != primary[0]:
                phones.append(second)
            k, m = at["lat"], at["lon"]
            lat = None if k is None else parse_coordinate(cells[k], -90.0, 90.0, "lat_range")
            lon = None if m is None else parse_coordinate(cells[m], -180.0, 180.0, "lon_range")
            if (lat is None) != (lon is None):
                return None
            principal = parse_amount(cells[at["principal"]])
            if principal is None:
                return None
            k = at["opened_on"]
            opened_on = None if k is None else parse_date(cells[k])
            k = at["night_worker"]
            night_worker = None if k is None else parse_bool(cells[k])
            lines: list[tuple[date, str, int, int]] = []
            for _, i_due, i_kind, i_amount, i_paid, indexes in self.groups:
                if _all_blank(cells, indexes):  # a group whose cells are all blank is ignored
                    continue
                due_date = parse_date(cells[i_due])
                kind = "installment" if i_kind is None else parse_kind(cells[i_kind])
                due = parse_amount(cells[i_amount])
                paid = 0 if i_paid is None else parse_amount(cells[i_paid])
                if due_date is None or due is None:
                    return None
                paid = paid or 0
                if paid > due:
                    return None
                lines.append((due_date, kind, due, paid))
        except CellError:
            return None
        if not lines:
            return None
        return _parsed_row(
            line, texts, id_last4, birth_year, phones, lat, lon, principal, opened_on, night_worker, lines
        )

    def checked(self, line: int, cells: Any, errors: list[RowError]) -> ParsedRow | None:
        """The row read cell by cell, every problem appended to `errors`; None if there was any."""
        ix = self.layout.index
        failed = False

        def fail(column: str, code: str, **params: Any) -> None:
            nonlocal failed
            failed = True
            errors.append(RowError(line, column, code, params))

        for i in self.layout.unnamed:
            if text_value(cells[i]):
                fail(column_letter(i), "unnamed_column")

        texts: dict[str, str] = {}
        shared = self.shared
        for name, i, required, max_len in self.text_cols:
            value = text_value(cells[i])
            if name == "agent_username":
                value = value.lower()
            if name in _REPEATED_COLUMNS:  # one string object for the many rows with the same value
                value = shared.setdefault(value, value)
            if required and not value:
                fail(name, "required")
            elif max_len is not None and len(value) > max_len:
                fail(name, "too_long", max=max_len)
            texts[name] = value
        self.last_contract = texts.get("contract_no", "")
        self.last_agent = texts.get("agent_username") or None

        def cell(name: str, parser: Callable[..., Any], *args: Any) -> Any:
            """The parsed value, None for a blank (or absent) cell, BAD after recording the error."""
            i = ix.get(name)
            if i is None:
                return None
            try:
                return parser(cells[i], *args)
            except CellError as exc:
                fail(name, exc.code, **exc.params)
                return BAD

        id_last4 = cell("id_last4", parse_id_last4)
        birth_year = cell("birth_year", parse_birth_year, self.today)
        phones: list[tuple[str, str]] = []
        primary = cell("phone", parse_phone)
        if primary is None:
            fail("phone", "required")
        elif primary is not BAD:
            phones.append(primary)
        second = cell("phone2", parse_phone)
        if second is not None and second is not BAD and second[0] not in {p[0] for p in phones}:
            phones.append(second)
        lat = cell("lat", parse_coordinate, -90.0, 90.0, "lat_range")
        lon = cell("lon", parse_coordinate, -180.0, 180.0, "lon_range")
        if lat is None and lon is not None and lon is not BAD:
            fail("lat", "coord_pair")
        elif lon is None and lat is not None and lat is not BAD:
            fail("lon", "coord_pair")
        principal = cell("principal", parse_amount)
        if principal is None:
            fail("principal", "required")
        opened_on = cell("opened_on", parse_date)
        night_worker = cell("night_worker", parse_bool)

        lines: list[tuple[date, str, int, int]] = []
        line_errors = False
        for n, i_due, i_kind, i_amount, i_paid, indexes in self.groups:
            if _all_blank(cells, indexes):  # a group whose cells are all blank is ignored
                continue
            due_date = _line_cell(cells[i_due], parse_date, n, "due_date", fail)
            kind = "installment" if i_kind is None else _line_cell(cells[i_kind], parse_kind, n, "kind", fail)
            due = _line_cell(cells[i_amount], parse_amount, n, "amount_due", fail)
            paid = 0 if i_paid is None else _line_cell(cells[i_paid], parse_amount, n, "amount_paid", fail)
            bad = due_date is BAD or kind is BAD or due is BAD or paid is BAD
            for fld, value in (("due_date", due_date), ("amount_due", due)):  # LINE_REQUIRED
                if value is None:
                    fail(line_column(n, fld), "required")
                    bad = True
            if bad:
                line_errors = True
                continue
            paid = paid or 0
            if paid > due:
                fail(
                    line_column(n, "amount_paid"),
                    "paid_exceeds_due",
                    paid=money.to_input(paid),
                    due=money.to_input(due),
                )
                line_errors = True
                continue
            lines.append((due_date, kind, due, paid))
        if not lines and not line_errors:
            fail(line_column(1, "due_date"), "no_lines")

        if failed:
            return None
        return _parsed_row(
            line, texts, id_last4, birth_year, phones, lat, lon, principal, opened_on, night_worker, lines
        )


def _line_cell(value: Any, parser: Callable[[Any], Any], n: int, fld: str, fail: Callable[..., None]) -> Any:
    """One cell of line group N, parsed; BAD after recording its error."""
    try:
        return parser(value)
    except CellError as exc:
        fail(line_column(n, fld), exc.code, **exc.params)
        return BAD


_REPEATED_COLUMNS = frozenset({"district", "city", "creditor", "product", "agent_username"})
_TEXT_COLUMNS = frozenset(
    {"contract_no", "debtor_name", "address", "district", "city", "creditor", "product", "agent_username"}
)
_PARSED_COLUMNS = ("id_last4", "birth_year", "phone", "phone2", "lat", "lon", "principal", "opened_on", "night_worker")
