"""The case import file: its columns, how each cell is read, and the errors a dispatcher sees.

Layout: ONE sheet (the first sheet of an .xlsx) or ONE .csv file, one row per debt, header in line 1.
Itemized statement lines sit in the same row, in repeated column groups ``line1_*`` .. ``line24_*``; a
file needs only as many groups as its longest statement. Column order is free; header names are matched
without regard to case, surrounding spaces, or spaces/hyphens instead of underscores.

===================  ========  ==============================================================
column               required  content
===================  ========  ==============================================================
contract_no          yes       contract number, at most 40 characters, unique in the file; the key:
                               importing a contract that exists updates it, never duplicates it
debtor_name          yes       at most 80 characters
id_last4                       last 4 characters of the ID card: 4 digits, or 3 digits and X
birth_year                     4 digits, 1900 .. this year
phone                yes       mobile or landline; +86 optional (CN is the default region)
phone2                         a second number, same rules
address              yes       street address, at most 255 characters
district, city                 at most 40 characters each
lat, lon                       decimal degrees, both or neither (-90..90, -180..180); without them the
                               debtor is flagged for a pin on the map
creditor, product              at most 80 / 40 characters
principal            yes       amount in yuan, at most 2 decimals
opened_on                      date the loan was opened
agent_username                 username of the field agent (role agent) who gets the case
night_worker                   是/否, yes/no, true/false, 1/0 (blank = no)
lineN_due_date       (1)       date the line fell due; N = 1 .. 24
lineN_kind                     installment | interest | late_fee | fee, or 分期 / 本金 / 利息 / 罚息 /
                               滞纳金 / 费用 / 手续费 (blank = installment)
lineN_amount_due     (1)       amount in yuan, at most 2 decimals
lineN_amount_paid              amount in yuan already paid on that line (blank = 0), not above due
===================  ========  ==============================================================

(1) The header must contain line1_due_date and line1_amount_due, and every group it contains must have
its due_date and amount_due columns. A group whose four cells are all blank is ignored; a row needs at
least one line.

Amounts: ``1234.5``, ``1,234.50``, ``¥1234.50`` or a number cell; never negative, never more than 2
decimals (``1.50`` and ``1.500`` are fine, ``1.505`` is not). Dates: ``2026-05-01``, ``2026/5/1``
(an optional time of day is ignored) or a real date cell. Blank rows are skipped.

Errors are :class:`RowError` values: ``line`` as a spreadsheet user sees it (header = line 1; 0 = the
file as a whole), ``column`` the header name (or the column letter of an unnamed column), ``code`` (its
text is the message ``import.error.<code>``) and ``params`` for the message. Verifier values (ID digits,
birth year) are never copied into an error.

This module is pure: bytes in, typed rows and errors out. The database checks (agents, existing
contracts, teams) and the writing are in :mod:`visitapp.services.importer`.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import phonenumbers

from visitapp.core import money

MAX_LINES = 24
MAX_ROWS = 200_000
MAX_AMOUNT_CENTS = money.MAX_FEN  # a billion yuan: beyond that it is a typo
KINDS = ("installment", "interest", "late_fee", "fee")
KIND_ALIASES = {
    "installment": "installment",
    "分期": "installment",
    "本金": "installment",
    "月供": "installment",
    "interest": "interest",
    "利息": "interest",
    "late_fee": "late_fee",
    "罚息": "late_fee",
    "滞纳金": "late_fee",
    "违约金": "late_fee",
    "fee": "fee",
    "费用": "fee",
    "手续费": "fee",
}
TRUE_WORDS = frozenset({"1", "true", "yes", "y", "t", "是"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "f", "否", ""})
PROGRESS_EVERY = 500
# every RowError code; the message of each is "import.error.<code>" (visitapp/i18n/catalog/dispatch_import.py)
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
    # references to the database (checked by visitapp.services.importer)
    "unknown_agent",
    "not_agent",
    "agent_inactive",
    "agent_other_team",
    "agent_required",
    "contract_other_team",
)
DEFAULT_REGION = "CN"


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
_LINE_HEADER = re.compile(r"line(\d{1,3})_(due_date|kind|amount_due|amount_paid)")


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


# --- reading files ------------------------------------------------------------------------------------


class FileError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def csv_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else GB18030 (what Chinese
    Excel writes for "CSV")."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            data.decode(encoding)  # a check only: the rows are decoded as they are read
        except UnicodeDecodeError:
            continue
        return encoding
    raise FileError("unreadable")


def decode_csv(data: bytes) -> str:
    return data.decode(csv_encoding(data))


def _csv_rows(data: bytes) -> tuple[Iterator[list[Any]], int]:
    encoding = csv_encoding(data)
    first = data[:4096].split(b"\n", 1)[0].decode(encoding, errors="ignore")
    delimiter = max((",", "\t", ";"), key=first.count)
    estimate = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    return csv.reader(stream, delimiter=delimiter), estimate


def _xlsx_rows(data: bytes) -> tuple[Iterator[tuple[Any, ...]], int]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileError("unreadable") from exc
    if not wb.worksheets:
        raise FileError("empty_file")
    ws = wb.worksheets[0]
    estimate = ws.max_row or 0
    ws.reset_dimensions()  # some writers store wrong dimensions; read what is there

    def rows() -> Iterator[tuple[Any, ...]]:
        try:
            yield from ws.iter_rows(values_only=True)
        finally:
            wb.close()

    return rows(), estimate


def read_rows(data: bytes, filename: str) -> tuple[Iterator[Any], int]:
    """Rows of cell values (line 1 first) and an estimate of their number, for progress."""
    name = filename.lower().strip()
    if not data:
        raise FileError("empty_file")
    if name.endswith((".xlsx", ".xlsm")):
        if not data.startswith(b"PK"):
            raise FileError("unreadable")
        return _xlsx_rows(data)
    if name.endswith((".csv", ".txt")):
        return _csv_rows(data)
    raise FileError("unsupported_format")


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


# --- cells --------------------------------------------------------------------------------------------


_BAD: Any = object()  # a cell whose error is already recorded


class CellError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _shown(value: Any) -> str:
    """A cell value as it may be quoted back in an error message (short)."""
    text = text_value(value)
    return text if len(text) <= 40 else text[:39] + "…"


def text_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def parse_amount(value: Any) -> int | None:
    """Yuan to integer cents through the one money parser (visitapp.core.money); None for a blank cell."""
    try:
        return money.parse_optional_fen(value, field="amount", max_fen=MAX_AMOUNT_CENTS)
    except money.MoneyError as exc:
        raise CellError(f"amount_{exc.problem}", value=_shown(value)) from None


_DATE = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_date_cache: dict[str, date] = {}


def parse_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise CellError("date_invalid", value=_shown(value))
    text = value.strip()
    if not text:
        return None
    hit = _date_cache.get(text)
    if hit is not None:
        return hit
    m = _DATE.fullmatch(text)
    if not m:
        raise CellError("date_invalid", value=_shown(value))
    try:
        parsed = date(int(m[1]), int(m[3]), int(m[4]))
    except ValueError:
        raise CellError("date_invalid", value=_shown(value)) from None
    if len(_date_cache) < 50_000:
        _date_cache[text] = parsed
    return parsed


_PHONE_JUNK = re.compile(r"[\s\-().]")
_CN_MOBILE = re.compile(r"(?:\+86|0086|86)?(1\d{10})", re.ASCII)
# CN mobile validity depends on the first 5 digits only (phonenumbers' metadata pattern for CN mobiles
# is `1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|...)\d{8}`): a prefix proven valid once is valid for every
# 11-digit number that starts with it, which spares the slow parse for most rows of a big file.
_valid_mobile_prefixes: set[str] = set()
_PHONE_KINDS = {
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE: "landline",
}


def parse_phone(value: Any, region: str = DEFAULT_REGION) -> tuple[str, str] | None:
    """(E.164, kind) with kind mobile | landline | other; None for a blank cell."""
    text = text_value(value)
    if not text:
        return None
    compact = _PHONE_JUNK.sub("", text)
    m = _CN_MOBILE.fullmatch(compact)
    if m and region == "CN" and m[1][:5] in _valid_mobile_prefixes:
        return "+86" + m[1], "mobile"
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise CellError("phone_invalid", value=_shown(value)) from None
    if not phonenumbers.is_valid_number(number):
        raise CellError("phone_invalid", value=_shown(value))
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    kind = _PHONE_KINDS.get(phonenumbers.number_type(number), "other")
    if m and kind == "mobile" and number.country_code == 86 and e164 == "+86" + m[1]:
        _valid_mobile_prefixes.add(m[1][:5])
    return e164, kind


def parse_coordinate(value: Any, low: float, high: float, range_code: str) -> float | None:
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise CellError("coord_invalid", value=_shown(value))
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise CellError("coord_invalid", value=_shown(value)) from None
    if not math.isfinite(number):
        raise CellError("coord_invalid", value=_shown(value))
    if not low <= number <= high:
        raise CellError(range_code, value=_shown(value))
    return number


def parse_bool(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    word = text_value(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError("bool_invalid", value=_shown(value))


def parse_kind(value: Any) -> str:
    word = text_value(value).lower().replace(" ", "_").replace("-", "_")
    if not word:
        return "installment"
    kind = KIND_ALIASES.get(word)
    if kind is None:
        raise CellError("kind_invalid", value=_shown(value))
    return kind


def parse_birth_year(value: Any, today: date) -> str | None:
    text = unicodedata.normalize("NFKC", text_value(value))  # full-width digits from a Chinese IME
    if not text:
        return None
    if not (len(text) == 4 and text.isascii() and text.isdigit() and 1900 <= int(text) <= today.year):
        raise CellError("birth_year_invalid")
    return text


_ID_LAST4 = re.compile(r"\d{3}[\dX]", re.ASCII)


def parse_id_last4(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9999:
        return f"{value:04d}"  # a number cell lost its leading zeros
    text = unicodedata.normalize("NFKC", text_value(value)).upper()
    if not text:
        return None
    if not _ID_LAST4.fullmatch(text):
        raise CellError("id_last4_invalid")
    return text


# --- header and rows ----------------------------------------------------------------------------------


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
        m = _LINE_HEADER.fullmatch(name)
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

    def __call__(self, line: int, cells: Any, errors: list[RowError]) -> ParsedRow | None:
        if len(cells) < self.width:
            cells = tuple(cells) + (None,) * (self.width - len(cells))
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
            """The parsed value, None for a blank (or absent) cell, _BAD after recording the error."""
            i = ix.get(name)
            if i is None:
                return None
            try:
                return parser(cells[i], *args)
            except CellError as exc:
                fail(name, exc.code, **exc.params)
                return _BAD

        id_last4 = cell("id_last4", parse_id_last4)
        birth_year = cell("birth_year", parse_birth_year, self.today)
        phones: list[tuple[str, str]] = []
        primary = cell("phone", parse_phone)
        if primary is None:
            fail("phone", "required")
        elif primary is not _BAD:
            phones.append(primary)
        second = cell("phone2", parse_phone)
        if second is not None and second is not _BAD and second[0] not in {p[0] for p in phones}:
            phones.append(second)
        lat = cell("lat", parse_coordinate, -90.0, 90.0, "lat_range")
        lon = cell("lon", parse_coordinate, -180.0, 180.0, "lon_range")
        if lat is None and lon is not None and lon is not _BAD:
            fail("lat", "coord_pair")
        elif lon is None and lat is not None and lat is not _BAD:
            fail("lon", "coord_pair")
        principal = cell("principal", parse_amount)
        if principal is None:
            fail("principal", "required")
        opened_on = cell("opened_on", parse_date)
        night_worker = cell("night_worker", parse_bool)

        lines: list[tuple[date, str, int, int]] = []
        line_errors = False
        for n, fields in self.layout.groups:
            raw = {f: cells[i] for f, i in fields.items()}
            if not any(text_value(v) for v in raw.values()):
                continue
            bad = False
            parsed: dict[str, Any] = {}
            for fld, parser in (
                ("due_date", parse_date),
                ("kind", parse_kind),
                ("amount_due", parse_amount),
                ("amount_paid", parse_amount),
            ):
                if fld not in raw:
                    continue
                try:
                    parsed[fld] = parser(raw[fld])
                except CellError as exc:
                    fail(line_column(n, fld), exc.code, **exc.params)
                    bad = True
            for fld in LINE_REQUIRED:
                if fld in parsed and parsed[fld] is None:
                    fail(line_column(n, fld), "required")
                    bad = True
            if bad:
                line_errors = True
                continue
            due = parsed["amount_due"]
            paid = parsed.get("amount_paid") or 0
            if paid > due:
                fail(line_column(n, "amount_paid"), "paid_exceeds_due", paid=_yuan(paid), due=_yuan(due))
                line_errors = True
                continue
            lines.append((parsed["due_date"], parsed.get("kind") or "installment", due, paid))
        if not lines and not line_errors:
            fail(line_column(1, "due_date"), "no_lines")

        if failed:
            return None
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


_REPEATED_COLUMNS = frozenset({"district", "city", "creditor", "product", "agent_username"})
_TEXT_COLUMNS = frozenset(
    {"contract_no", "debtor_name", "address", "district", "city", "creditor", "product", "agent_username"}
)


def _yuan(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"
