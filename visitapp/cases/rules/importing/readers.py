"""Reading an import file: CSV (UTF-8, UTF-16 or GB18030, any of , tab ;) or the first sheet of an XLSX, as
rows of cell values. Pure: bytes in, rows out."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from typing import Any


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
