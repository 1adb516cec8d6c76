import io
import re
from datetime import date, datetime
from pathlib import Path

import phonenumbers
import pytest
from openpyxl import Workbook

from visitapp.cases.rules import importing as fmt
from visitapp.cases.rules.importing import RowError
from visitapp.cases.services import importer
from visitapp.i18n.messages import MESSAGES

TODAY = date(2026, 11, 23)
HEADER = [
    "contract_no",
    "debtor_name",
    "id_last4",
    "birth_year",
    "phone",
    "phone2",
    "address",
    "district",
    "city",
    "lat",
    "lon",
    "principal",
    "agent_username",
    "night_worker",
    "line1_due_date",
    "line1_kind",
    "line1_amount_due",
    "line1_amount_paid",
    "line2_due_date",
    "line2_kind",
    "line2_amount_due",
    "line2_amount_paid",
]
GOOD = {
    "contract_no": "HT001",
    "debtor_name": "张伟",
    "id_last4": "123X",
    "birth_year": "1985",
    "phone": "13812345678",
    "address": "上海市静安区南京西路1266号",
    "district": "静安区",
    "city": "上海",
    "lat": "31.2297",
    "lon": "121.4551",
    "principal": "50000",
    "agent_username": "Agent1",
    "line1_due_date": "2026-08-15",
    "line1_amount_due": "2500.00",
}


def csv_bytes(rows: list[dict], header: list[str] = HEADER, encoding: str = "utf-8-sig") -> bytes:
    lines = [",".join(header)]
    for row in rows:
        lines.append(",".join(_quote(row.get(h, "")) for h in header))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _quote(value: str) -> str:
    return f'"{value}"' if "," in value else value


def parse(rows: list[dict], **kw) -> fmt.ParseResult:
    return fmt.parse_file(csv_bytes(rows, **kw), "cases.csv", today=TODAY)


def errors_of(result: fmt.ParseResult) -> list[tuple[int, str, str]]:
    return [(e.line, e.column, e.code) for e in result.errors]


def one_error(**cells) -> RowError:
    """The single error of a file with one good row (line 2) and one row changed by `cells` (line 3)."""
    result = parse([GOOD, {**GOOD, "contract_no": "HT002", **cells}])
    assert len(result.errors) == 1, result.errors
    assert result.errors[0].line == 3
    assert [r.line for r in result.rows] == [2]
    return result.errors[0]


def test_a_good_row_is_typed():
    result = parse(
        [
            {
                **GOOD,
                "phone2": "021-6234 5678",
                "night_worker": "是",
                "line1_kind": "利息",
                "line1_amount_paid": "¥1,000.5",
                "line2_due_date": "2026/9/5",
                "line2_amount_due": "12",
            }
        ]
    )
    assert result.errors == [] and result.total_rows == 1
    row = result.rows[0]
    assert row.line == 2 and row.contract_no == "HT001" and row.agent_username == "agent1"
    assert row.phones == [("+8613812345678", "mobile"), ("+862162345678", "landline")]
    assert row.principal_cents == 5_000_000 and row.night_worker is True
    assert row.lat == pytest.approx(31.2297) and row.lon == pytest.approx(121.4551)
    assert row.id_last4 == "123X" and row.birth_year == "1985"
    assert row.lines == [(date(2026, 8, 15), "interest", 250_000, 100_050), (date(2026, 9, 5), "installment", 1_200, 0)]


@pytest.mark.parametrize(
    ("cells", "column", "code", "params"),
    [
        ({"debtor_name": ""}, "debtor_name", "required", {}),
        ({"address": "  "}, "address", "required", {}),
        ({"phone": ""}, "phone", "required", {}),
        ({"principal": ""}, "principal", "required", {}),
        ({"contract_no": "X" * 41}, "contract_no", "too_long", {"max": 40}),
        ({"principal": "abc"}, "principal", "amount_invalid", {"value": "abc"}),
        ({"principal": "1.005"}, "principal", "amount_decimals", {"value": "1.005"}),
        ({"principal": "-5"}, "principal", "amount_negative", {"value": "-5"}),
        ({"principal": "99999999999"}, "principal", "amount_too_large", {"value": "99999999999"}),
        ({"line1_amount_due": "1.2.3"}, "line1_amount_due", "amount_invalid", {"value": "1.2.3"}),
        ({"line1_amount_paid": "3000"}, "line1_amount_paid", "paid_exceeds_due", {"paid": "3000.00", "due": "2500.00"}),
        ({"line1_due_date": "2026-02-30"}, "line1_due_date", "date_invalid", {"value": "2026-02-30"}),
        ({"line1_due_date": "15/08/2026"}, "line1_due_date", "date_invalid", {"value": "15/08/2026"}),
        ({"line1_due_date": ""}, "line1_due_date", "required", {}),
        ({"line1_amount_due": ""}, "line1_amount_due", "required", {}),
        ({"line1_kind": "penalty"}, "line1_kind", "kind_invalid", {"value": "penalty"}),
        ({"line1_due_date": "", "line1_amount_due": ""}, "line1_due_date", "no_lines", {}),
        ({"phone": "12345"}, "phone", "phone_invalid", {"value": "12345"}),
        ({"phone2": "1381234567"}, "phone2", "phone_invalid", {"value": "1381234567"}),
        ({"lat": "north"}, "lat", "coord_invalid", {"value": "north"}),
        ({"lat": "91"}, "lat", "lat_range", {"value": "91"}),
        ({"lon": "-180.5"}, "lon", "lon_range", {"value": "-180.5"}),
        ({"lon": ""}, "lon", "coord_pair", {}),
        ({"lat": ""}, "lat", "coord_pair", {}),
        ({"night_worker": "maybe"}, "night_worker", "bool_invalid", {"value": "maybe"}),
        ({"birth_year": "85"}, "birth_year", "birth_year_invalid", {}),
        ({"birth_year": "2030"}, "birth_year", "birth_year_invalid", {}),
        ({"id_last4": "12345"}, "id_last4", "id_last4_invalid", {}),
        ({"id_last4": "12X4"}, "id_last4", "id_last4_invalid", {}),
        ({"contract_no": "HT001"}, "contract_no", "duplicate_contract", {"first_line": 2}),
    ],
)
def test_each_cell_error_names_its_line_column_and_code(cells, column, code, params):
    error = one_error(**cells)
    assert (error.column, error.code, error.params) == (column, code, params)
    assert error.message_key == f"import.error.{code}"


def test_verifier_values_are_never_quoted_in_errors():
    for cells in ({"birth_year": "1234567"}, {"id_last4": "98765"}):
        assert one_error(**cells).params == {}


def test_every_problem_of_a_row_is_reported_in_column_order():
    result = parse(
        [{**GOOD, "phone": "1", "address": "", "principal": "x", "line1_kind": "?", "line2_amount_due": "5"}]
    )
    assert errors_of(result) == [
        (2, "phone", "phone_invalid"),
        (2, "address", "required"),
        (2, "principal", "amount_invalid"),
        (2, "line1_kind", "kind_invalid"),
        (2, "line2_due_date", "required"),
    ]
    assert result.rows == [] and result.total_rows == 1


def test_line_numbers_count_blank_rows_and_a_quoted_newline_stays_one_row():
    row = ",".join(_quote(GOOD.get(h, "")) for h in HEADER)
    bad = ",".join(_quote({**GOOD, "contract_no": "HT9", "principal": "x"}.get(h, "")) for h in HEADER)
    bad = bad.replace(GOOD["address"], '"line one\nline two"')
    text = "\r\n".join([",".join(HEADER), row, "," * (len(HEADER) - 1), "", bad]) + "\r\n"
    result = fmt.parse_file(text.encode(), "c.csv", today=TODAY)
    assert result.total_rows == 2
    assert errors_of(result) == [(5, "principal", "amount_invalid")]


def test_duplicates_are_found_even_when_the_first_row_is_bad():
    result = parse([{**GOOD, "phone": "1"}, GOOD, {**GOOD, "principal": "1"}])
    assert errors_of(result) == [
        (2, "phone", "phone_invalid"),
        (3, "contract_no", "duplicate_contract"),
        (4, "contract_no", "duplicate_contract"),
    ]
    assert [e.params for e in result.errors[1:]] == [{"first_line": 2}, {"first_line": 2}]


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1234", 123_400),
        ("1234.5", 123_450),
        ("1234.50", 123_450),
        ("1,234.56", 123_456),
        ("￥ 12.30", 1_230),
        ("0", 0),
        ("1.500", 150),
        (" 7 ", 700),
    ],
)
def test_amounts_in_yuan_become_exact_cents(text, cents):
    assert fmt.parse_amount(text) == cents


@pytest.mark.parametrize(
    ("text", "code"),
    [("1E+3", "amount_invalid"), ("inf", "amount_invalid"), ("1.005", "amount_decimals"), ("-3", "amount_negative")],
)
def test_an_amount_cell_goes_through_the_one_money_parser(text, code):
    """Exponents, infinities and sub-fen amounts are refused by name, as everywhere else in the app."""
    with pytest.raises(fmt.CellError) as err:
        fmt.parse_amount(text)
    assert err.value.code == code


def test_number_cells_are_amounts_with_excel_precision():
    assert fmt.parse_amount(2500) == 250_000
    assert fmt.parse_amount(0.1 + 0.2) == 30  # Excel shows 0.3: it keeps 15 significant digits
    assert fmt.parse_amount(12.5) == 1_250
    with pytest.raises(fmt.CellError) as err:
        fmt.parse_amount(12.345)
    assert err.value.code == "amount_decimals"
    with pytest.raises(fmt.CellError):
        fmt.parse_amount(True)


@pytest.mark.parametrize("text", ["2026-05-01", "2026/05/01", "2026/5/1", "2026-5-1 00:00:00", "2026/05/01 0:00"])
def test_dates_in_both_separators(text):
    assert fmt.parse_date(text) == date(2026, 5, 1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", ("+8613812345678", "mobile")),
        ("+86 138 1234 5678", ("+8613812345678", "mobile")),
        ("0086-138-1234-5678", ("+8613812345678", "mobile")),
        ("(021) 6234-5678", ("+862162345678", "landline")),
        (13812345678, ("+8613812345678", "mobile")),
        ("+1 415 555 2671", ("+14155552671", "mobile")),  # US: fixed line or mobile
    ],
)
def test_phones_become_e164(raw, expected):
    assert fmt.parse_phone(raw) == expected


def test_the_mobile_fast_path_agrees_with_phonenumbers():
    samples = [f"1{a}{b}{c}{n:07d}" for a in range(10) for b in range(10) for c in (0, 5) for n in (0, 1234567)]
    for number in samples:
        try:
            parsed = phonenumbers.parse(number, "CN")
            valid = phonenumbers.is_valid_number(parsed)
        except phonenumbers.NumberParseException:
            valid = False
        for _ in range(2):  # the second time may take the fast path
            try:
                got = fmt.parse_phone(number)
            except fmt.CellError:
                got = None
            assert (got is not None) == valid, number
            if valid:
                assert got[0] == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def test_kinds_in_english_or_chinese():
    assert [fmt.parse_kind(k) for k in ("", "Installment", "利息", "late-fee", "滞纳金", "手续费")] == [
        "installment",
        "installment",
        "interest",
        "late_fee",
        "late_fee",
        "fee",
    ]


def test_booleans():
    assert [fmt.parse_bool(v) for v in ("是", "否", "YES", "n", "1", "0", "", None, True)] == [
        True,
        False,
        True,
        False,
        True,
        False,
        False,
        False,
        True,
    ]


# --- the header ---------------------------------------------------------------------------------------


def test_header_names_are_forgiving_about_case_and_spaces():
    header = ["Contract No", "DEBTOR_NAME", " phone ", "address", "principal", "Line1-Due-Date", "line1 amount due"]
    data = ",".join(header) + "\r\nHT1,张三,13812345678,上海,100,2026-01-01,50\r\n"
    result = fmt.parse_file(data.encode(), "c.csv", today=TODAY)
    assert result.errors == []
    assert result.rows[0].lines == [(date(2026, 1, 1), "installment", 5_000, 0)]
    assert "lat" not in result.present and "contract_no" in result.present


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            ["contract_no", "debtor_name", "phone", "principal", "line1_due_date", "line1_amount_due"],
            [(1, "address", "missing_column")],
        ),
        ([*HEADER, "notes"], [(1, "notes", "unknown_column")]),
        ([*HEADER, "phone"], [(1, "phone", "duplicate_column")]),
        ([*HEADER, "line25_due_date"], [(1, "line25_due_date", "line_out_of_range")]),
        ([*HEADER, "line3_kind"], [(1, "line3_due_date", "missing_column"), (1, "line3_amount_due", "missing_column")]),
        ([h for h in HEADER if h != "lon"], [(1, "lon", "missing_column")]),
        ([h for h in HEADER if h != "line1_amount_due"], [(1, "line1_amount_due", "missing_column")]),
    ],
)
def test_header_errors_are_on_line_1_and_stop_everything(header, expected):
    result = parse([GOOD], header=header)
    assert errors_of(result) == expected
    assert result.fatal and result.rows == []


def test_a_column_with_data_but_no_header_is_named_by_its_letter():
    data = (",".join(HEADER) + ",\r\n" + ",".join(_quote(GOOD.get(h, "")) for h in HEADER) + ",oops\r\n").encode()
    result = fmt.parse_file(data, "c.csv", today=TODAY)
    assert errors_of(result) == [(2, "W", "unnamed_column")]


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"a,b", "cases.pdf", "unsupported_format"),
        (b"", "cases.csv", "empty_file"),
        (b"\r\n\r\n", "cases.csv", "empty_file"),
        (b"PK\x03\x04 not really a zip", "cases.xlsx", "unreadable"),
        (b"not a zip", "cases.xlsx", "unreadable"),
        (",".join(HEADER).encode() + b"\r\n\r\n", "cases.csv", "no_rows"),
    ],
)
def test_file_errors_are_on_line_0(data, name, code):
    result = fmt.parse_file(data, name, today=TODAY)
    assert errors_of(result) == [(0, "", code)]
    assert result.fatal


# --- encodings and Excel ------------------------------------------------------------------------------


def test_utf8_with_bom_keeps_the_first_header():
    data = csv_bytes([GOOD], encoding="utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbf")
    result = fmt.parse_file(data, "c.csv", today=TODAY)
    assert result.errors == [] and result.rows[0].contract_no == "HT001"


def test_gb18030_csv_from_chinese_excel():
    data = csv_bytes([GOOD], encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = fmt.parse_file(data, "cases.CSV", today=TODAY)
    assert result.errors == []
    assert result.rows[0].debtor_name == "张伟" and result.rows[0].district == "静安区"


def test_utf16_tab_separated_unicode_text():
    lines = ["\t".join(HEADER), "\t".join(GOOD.get(h, "") for h in HEADER)]
    data = ("\r\n".join(lines) + "\r\n").encode("utf-16")
    result = fmt.parse_file(data, "cases.txt", today=TODAY)
    assert result.errors == [] and result.rows[0].address == GOOD["address"]


def xlsx_bytes(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_excel_cells_keep_their_types():
    header = [
        "contract_no",
        "debtor_name",
        "id_last4",
        "birth_year",
        "phone",
        "address",
        "principal",
        "opened_on",
        "night_worker",
        "lat",
        "lon",
        "line1_due_date",
        "line1_amount_due",
        "line1_amount_paid",
        "line2_due_date",
        "line2_amount_due",
    ]
    data = xlsx_bytes(
        [
            header,
            [
                20260001,
                "王芳",
                123,
                1990,
                13812345678,
                "上海",
                50000,
                datetime(2025, 3, 15),
                True,
                31.2,
                121.4,
                datetime(2026, 8, 15),
                2500.5,
                100,
                date(2026, 9, 15),
                2500,
            ],
            [],
            [
                "HT3",
                "李强",
                "0456",
                "1980",
                "13912345678",
                "上海",
                "1.005",
                None,
                False,
                None,
                None,
                45000,
                100,
                None,
                "2026/9/1",
                1,
            ],
        ]
    )
    result = fmt.parse_file(data, "cases.xlsx", today=TODAY)
    assert errors_of(result) == [(4, "principal", "amount_decimals"), (4, "line1_due_date", "date_invalid")]
    row = result.rows[0]
    assert row.contract_no == "20260001" and row.id_last4 == "0123" and row.birth_year == "1990"
    assert row.phones == [("+8613812345678", "mobile")]
    assert row.principal_cents == 5_000_000 and row.opened_on == date(2025, 3, 15) and row.night_worker is True
    assert row.lines == [
        (date(2026, 8, 15), "installment", 250_050, 10_000),
        (date(2026, 9, 15), "installment", 250_000, 0),
    ]
    assert result.total_rows == 2


def test_excel_header_must_be_in_line_1():
    data = xlsx_bytes([[], HEADER, [GOOD.get(h, "") for h in HEADER]])
    result = fmt.parse_file(data, "cases.xlsx", today=TODAY)
    assert errors_of(result) == [(0, "", "empty_file")]


def test_progress_is_reported_every_500_rows():
    rows = [{**GOOD, "contract_no": f"HT{i}"} for i in range(1_200)]
    calls = []
    result = fmt.parse_file(csv_bytes(rows), "c.csv", today=TODAY, progress=lambda d, t: calls.append((d, t)))
    assert len(result.rows) == 1_200
    assert [d for d, _ in calls] == [500, 1_000, 1_200] and calls[-1] == (1_200, 1_200)


def test_the_template_header_covers_24_lines():
    names = fmt.header_names()
    assert len(names) == len(fmt.DEBT_COLUMNS) + 24 * 4 and names[-1] == "line24_amount_paid"


# --- messages -----------------------------------------------------------------------------------------


def test_every_error_code_has_a_message_with_its_placeholders():
    rules = Path(fmt.__file__).resolve().parent
    source = "".join(f.read_text() for f in sorted(rules.glob("*.py"))) + Path(importer.__file__).read_text()
    used = set(re.findall(r'(?:CellError|FileError)\("(\w+)"', source))
    used |= set(re.findall(r'RowError\([^,()]+, [^,()]+, "(\w+)"', source))
    used |= set(re.findall(r'fail\(\s*[^,()]+(?:\([^()]*\))?,\s*"(\w+)"', source))
    assert {
        "required",
        "phone_invalid",
        "unknown_agent",
        "duplicate_contract",
        "missing_column",
        "no_lines",
        "paid_exceeds_due",
        "coord_pair",
        "unnamed_column",
    } <= used
    assert used <= set(fmt.ERROR_CODES), used - set(fmt.ERROR_CODES)
    for code in fmt.ERROR_CODES:
        assert f"import.error.{code}" in MESSAGES, code
    for key, texts in MESSAGES.items():
        if key.startswith("import."):
            ph = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in texts.items()}
            assert ph["zh-CN"] == ph["en"], key


# rows the whole-row fast reading (_RowParser.clean) must read exactly as the cell-by-cell one (checked)
VARIANTS = [
    {},
    {"phone2": "021-6234 5678", "night_worker": "是", "line1_kind": "利息", "line1_amount_paid": "¥1,000.5"},
    {"phone2": "13812345678", "line2_due_date": "2026/9/5", "line2_amount_due": "12", "line2_amount_paid": "12"},
    {"phone": "+86 138 1234 5679", "lat": "", "lon": "", "id_last4": "", "birth_year": ""},
    {"agent_username": "  MiXeD ", "district": " 静安区 ", "night_worker": "no", "line1_amount_paid": "0"},
    {"line1_due_date": "", "line1_amount_due": "", "line2_due_date": "2026-10-01", "line2_amount_due": "1"},
    {"principal": "０１２３．５", "birth_year": "１９８５"},
    {"debtor_name": ""},
    {"address": "  "},
    {"phone": ""},
    {"principal": ""},
    {"contract_no": "X" * 41},
    {"principal": "1.005"},
    {"line1_amount_due": "1.2.3"},
    {"line1_amount_paid": "3000"},
    {"line1_due_date": "2026-02-30"},
    {"line1_due_date": ""},
    {"line1_amount_due": ""},
    {"line1_kind": "penalty"},
    {"line1_due_date": "", "line1_amount_due": ""},
    {"line2_kind": "fee"},
    {"phone": "12345"},
    {"phone2": "1381234567"},
    {"lat": "north"},
    {"lon": "-180.5"},
    {"lon": ""},
    {"lat": ""},
    {"night_worker": "maybe"},
    {"birth_year": "2030"},
    {"id_last4": "12X4"},
    {"contract_no": "HT001"},
]


def _both_readings(monkeypatch, data: bytes, filename: str) -> tuple[fmt.ParseResult, fmt.ParseResult]:
    from visitapp.cases.rules.importing import rows as reading

    checked = reading._RowParser.checked
    read_cell_by_cell = []

    def counted(self, line, cells, errors):
        read_cell_by_cell.append(line)
        return checked(self, line, cells, errors)

    monkeypatch.setattr(reading._RowParser, "checked", counted)
    fast = fmt.parse_file(data, filename, today=TODAY)
    assert not {r.line for r in fast.rows} & set(read_cell_by_cell)  # the good rows were read at once
    monkeypatch.setattr(reading._RowParser, "clean", lambda self, line, cells: None)
    slow = fmt.parse_file(data, filename, today=TODAY)
    return fast, slow


def test_a_clean_row_is_read_at_once_exactly_as_cell_by_cell(monkeypatch):
    rows = [{**GOOD, "contract_no": f"HT{n:03d}", **cells} for n, cells in enumerate(VARIANTS, start=1)]
    header = [*HEADER, ""]  # an unnamed column: blank in every row but the last
    rows.append({**GOOD, "contract_no": "HT999", "": "x"})
    fast, slow = _both_readings(monkeypatch, csv_bytes(rows, header=header), "cases.csv")
    assert (fast.rows, fast.errors, fast.refs) == (slow.rows, slow.errors, slow.refs)
    assert [r.contract_no for r in fast.rows] == [f"HT{n:03d}" for n in range(1, 8)] and len(fast.errors) == 26


def test_typed_excel_cells_are_read_at_once_exactly_as_cell_by_cell(monkeypatch):
    header = ["contract_no", "debtor_name", "id_last4", "birth_year", "phone", "address", "principal", "opened_on"]
    header += ["night_worker", "lat", "lon", "line1_due_date", "line1_amount_due", "line1_amount_paid"]
    good = [20260001, "王芳", 123, 1990, 13812345678, "上海", 50000, datetime(2025, 3, 15), True, 31.2, 121.4]
    data = xlsx_bytes(
        [
            header,
            [*good, datetime(2026, 8, 15), 2500.5, 100],
            ["HT2", *good[1:], date(2026, 8, 15), 2500, None],
            ["HT3", *good[1:7], None, False, None, None, "2026/9/1", 1.5, 0.0],
            ["HT4", *good[1:], 45000, 100, None],  # a number where a date belongs
            ["HT5", *good[1:], date(2026, 8, 15), 2500.005, None],  # more than two decimals
            ["HT6", *good[1:4], 123, *good[5:], date(2026, 8, 15), 2500, None],  # not a phone
        ]
    )
    fast, slow = _both_readings(monkeypatch, data, "cases.xlsx")
    assert [r.line for r in fast.rows] == [2, 3, 4]
    assert (fast.rows, fast.errors, fast.refs) == (slow.rows, slow.errors, slow.refs)
