"""Excel import and export with Vietnamese headers, shared by every app.

An import is all-or-nothing:

1. ``read_sheet`` parses every row against a ``SheetSpec`` (types, required cells, choices) and collects
   errors row by row, in Vietnamese, with the Excel row number and the column header.
2. The app's importer checks what needs the database and the other rows (duplicates, references, scope).
3. Only when no row has an error does the importer's write service run, in one transaction. A service may
   still refuse a row at that point (another user changed the record meanwhile): the importer writes each row
   inside ``writing_row(row)``, so the refusal names the row, and nothing is written.

``run_import`` chains the three. ``build_template`` and ``build_workbook`` write files with the same headers, so
an export can be edited and imported back.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .vietnamese import fold

MAX_ROWS = 20000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text | int | decimal | date | choice | bool
    required: bool = False
    choices: Sequence[tuple[str, str]] = ()  # (stored value, Vietnamese label): either is accepted
    max_length: int | None = None
    pattern: str | None = None
    pattern_message: str = ""
    help: str = ""
    example: Any = ""
    width: int = 20


@dataclass(frozen=True)
class SheetSpec:
    title: str
    columns: Sequence[Column]
    instructions: str = ""

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


@dataclass(frozen=True)
class RowError:
    row: int  # the Excel row number (the header is row 1); 0 for an error about the whole file
    column: str  # the column's header, or "" for an error about the whole row
    message: str

    def __str__(self):
        if self.row == 0:
            return self.message
        if self.column:
            return _("Dòng %(row)s, cột «%(column)s»: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]
    errors: list[RowError] = field(default_factory=list)

    def error(self, column_key_or_header: str, message: str, spec: SheetSpec | None = None) -> None:
        header = column_key_or_header
        if spec is not None:
            header = next(
                (c.header for c in spec.columns if c.key == column_key_or_header), column_key_or_header
            )
        self.errors.append(RowError(self.number, header, message))


@dataclass
class ImportOutcome:
    ok: bool
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    created: int = 0
    updated: int = 0

    @property
    def error_rows(self) -> int:
        return len({error.row for error in self.errors if error.row})


class RowWriteError(ValidationError):
    """A service refused a row while the rows were being written (see ``writing_row``): the whole write is rolled
    back, and ``run_import`` reports ``row_errors`` (row number and column) instead of a file error."""

    def __init__(self, row_errors: list[RowError]):
        super().__init__([error.message for error in row_errors])
        self.row_errors = row_errors


@contextmanager
def writing_row(
    row: ParsedRow, spec: SheetSpec | None = None, fields: Mapping[str, str] | None = None
) -> Iterator[None]:
    """Write one row: a ``ValidationError`` raised inside becomes a ``RowWriteError`` naming the row.

    The error's fields name the column: ``fields`` maps a service's field name to a column key (for example
    ``{"reason": "revoked_reason"}``); otherwise a field named like a column key of ``spec`` is that column, and
    any other field (or none) is the whole row."""
    try:
        yield
    except RowWriteError:
        raise
    except ValidationError as exc:
        raise RowWriteError(_row_errors(exc, row, spec, fields or {})) from exc


def _row_errors(
    exc: ValidationError, row: ParsedRow, spec: SheetSpec | None, fields: Mapping[str, str]
) -> list[RowError]:
    keys = {column.key: column.header for column in spec.columns} if spec is not None else {}
    if not hasattr(exc, "error_dict"):
        return [RowError(row.number, "", message) for message in exc.messages]
    errors = []
    for name, messages in exc.message_dict.items():
        key = fields.get(name, name)
        header = str(keys[key]) if name != NON_FIELD_ERRORS and key in keys else ""
        errors += [RowError(row.number, header, message) for message in messages]
    return errors


class Importer(Protocol):
    spec: SheetSpec

    def check(self, rows: list[ParsedRow], *, actor) -> None:
        """Add errors to rows for what needs the database or the other rows. Writes nothing."""

    def write(self, rows: list[ParsedRow], *, actor) -> tuple[int, int]:
        """Write every row in one transaction (a ``@service``); return (created, updated). Writing each row
        inside ``writing_row`` makes a service's refusal name its row instead of the whole file."""


# --- reading ------------------------------------------------------------------------------------------------

_HEADER_NOISE = re.compile(r"[\s*()]+")


def _header_key(text: Any) -> str:
    return _HEADER_NOISE.sub(" ", fold(str(text or ""))).strip()


def _parse_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if "," in text:  # Vietnamese style: 1.234,5
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or re.fullmatch(
        r"\d{1,3}(\.\d{3})+", text
    ):  # 1.234.567 or 8.030: thousands dots
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError from exc


def _parse_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError


def _parse_cell(column: Column, value: Any) -> Any:
    """The typed value of one cell; raises ValueError with a Vietnamese message."""
    if column.kind == "text":
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        text = " ".join(text.split())
        if column.max_length and len(text) > column.max_length:
            raise ValueError(_("dài quá %(n)s ký tự") % {"n": column.max_length})
        if column.pattern and not re.fullmatch(column.pattern, text):
            raise ValueError(column.pattern_message or _("không đúng định dạng"))
        return text
    if column.kind == "int":
        try:
            number = _parse_decimal(value)
        except ValueError:
            raise ValueError(_("«%(value)s» không phải là số nguyên") % {"value": value}) from None
        if number != number.to_integral_value():
            raise ValueError(_("«%(value)s» không phải là số nguyên") % {"value": value})
        return int(number)
    if column.kind == "decimal":
        try:
            return _parse_decimal(value)
        except ValueError:
            raise ValueError(_("«%(value)s» không phải là số (ví dụ 1.234,5)") % {"value": value}) from None
    if column.kind == "date":
        try:
            return _parse_date(value)
        except ValueError:
            raise ValueError(
                _("«%(value)s» không phải là ngày hợp lệ (nhập theo dạng dd/mm/yyyy, ví dụ 02/09/2025)")
                % {"value": value}
            ) from None
    if column.kind == "choice":
        wanted = fold(str(value))
        for stored, label in column.choices:
            if wanted in {fold(str(stored)), fold(str(label))}:
                return stored
        allowed = ", ".join(str(label) for _stored, label in column.choices)
        raise ValueError(
            _("«%(value)s» không có trong danh mục (chọn một trong: %(allowed)s)")
            % {
                "value": value,
                "allowed": allowed,
            }
        )
    if column.kind == "bool":
        wanted = fold(str(value))
        if wanted in {"x", "co", "1", "true", "dung", "yes"}:
            return True
        if wanted in {"", "khong", "0", "false", "sai", "no"}:
            return False
        raise ValueError(_("«%(value)s» không hợp lệ (nhập «có» hoặc «không»)") % {"value": value})
    raise AssertionError(f"unknown column kind {column.kind}")


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_sheet(file, spec: SheetSpec) -> tuple[list[ParsedRow], list[RowError]]:
    """Parse the first sheet of an .xlsx file. Returns the rows and the errors about the whole file."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a file that is not a workbook
        return [], [RowError(0, "", _("Không đọc được tệp: hãy tải lên tệp Excel (.xlsx) theo mẫu."))]
    sheet = workbook.worksheets[0]
    rows_iter = sheet.iter_rows(values_only=True)
    header_row = next(rows_iter, None) or ()
    positions: dict[str, int] = {}
    # A file made from the Vietnamese template imports with the English interface too, and the other way round.
    wanted = {_header_key(column.header): column for column in spec.columns}
    with translation.override("vi"):
        wanted |= {_header_key(column.header): column for column in spec.columns}
    for index, cell in enumerate(header_row):
        column = wanted.get(_header_key(cell))
        if column is not None and column.key not in positions:
            positions[column.key] = index
    missing = [column.header for column in spec.columns if column.required and column.key not in positions]
    if missing:
        workbook.close()
        return [], [
            RowError(
                0,
                "",
                _("Thiếu cột bắt buộc ở dòng tiêu đề: %(columns)s. Hãy dùng tệp mẫu.")
                % {"columns": ", ".join(f"«{name}»" for name in missing)},
            )
        ]
    parsed: list[ParsedRow] = []
    for number, raw in enumerate(rows_iter, start=2):
        cells = {key: raw[index] if index < len(raw) else None for key, index in positions.items()}
        if all(_is_blank(value) for value in cells.values()):
            continue
        if len(parsed) >= MAX_ROWS:
            workbook.close()
            return [], [
                RowError(0, "", _("Tệp có quá %(n)s dòng: hãy chia thành nhiều tệp.") % {"n": MAX_ROWS})
            ]
        row = ParsedRow(number=number, values={})
        for column in spec.columns:
            value = cells.get(column.key)
            if _is_blank(value):
                row.values[column.key] = None
                if column.required:
                    row.error(str(column.header), _("không được để trống"))
                continue
            try:
                row.values[column.key] = _parse_cell(column, value)
            except ValueError as exc:
                row.values[column.key] = None
                row.error(str(column.header), str(exc))
        parsed.append(row)
    workbook.close()
    if not parsed:
        return [], [RowError(0, "", _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))]
    return parsed, []


def run_import(importer: Importer, file, *, actor) -> ImportOutcome:
    """Parse, check every row, and write all rows only when none has an error."""
    rows, file_errors = read_sheet(file, importer.spec)
    if file_errors:
        return ImportOutcome(ok=False, errors=file_errors)
    importer.check(rows, actor=actor)
    errors = [error for row in rows for error in row.errors]
    if errors:
        return ImportOutcome(ok=False, errors=errors, rows=len(rows))
    try:
        created, updated = importer.write(rows, actor=actor)
    except RowWriteError as exc:
        # A service refused this row at the last moment: nothing was written.
        return ImportOutcome(ok=False, errors=exc.row_errors, rows=len(rows))
    except ValidationError as exc:
        # Something changed between the check and the write (another user's edit): nothing was written.
        return ImportOutcome(
            ok=False, errors=[RowError(0, "", message) for message in exc.messages], rows=len(rows)
        )
    return ImportOutcome(ok=True, rows=len(rows), created=created, updated=updated)


def check_unique(rows: Iterable[ParsedRow], key: str, spec: SheetSpec, normalise: Callable = str) -> None:
    """Flag rows that repeat a value another row of the same file already has."""
    seen: dict[Any, int] = {}
    for row in rows:
        value = row.values.get(key)
        if value in (None, ""):
            continue
        marker = normalise(value)
        if marker in seen:
            row.error(key, _("trùng với dòng %(row)s trong cùng tệp") % {"row": seen[marker]}, spec)
        else:
            seen[marker] = row.number


# --- writing ------------------------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_REQUIRED_FILL = PatternFill("solid", fgColor="9C2A00")


def _cell_value(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == "choice":
        labels = dict(column.choices)
        return str(labels.get(value, value))
    if column.kind == "bool":
        return _("có") if value else _("không")
    if column.kind == "decimal" and isinstance(value, Decimal):
        return float(value) if value == value.normalize() and abs(value) < 10**15 else str(value)
    return value


def _style_sheet(sheet, spec: SheetSpec, data_rows: int) -> None:
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        last = max(data_rows + 1, 500)
        if column.kind == "date":
            for row in range(2, data_rows + 2):
                sheet.cell(row=row, column=index).number_format = "DD/MM/YYYY"
        elif column.kind == "decimal":
            for row in range(2, data_rows + 2):
                sheet.cell(row=row, column=index).number_format = "#,##0.##"
        if column.kind == "choice" and column.choices:
            labels = ",".join(str(label).replace(",", " ") for _stored, label in column.choices)
            if len(labels) < 250:  # Excel's limit for an inline list
                validation = DataValidation(
                    type="list", formula1=f'"{labels}"', allow_blank=not column.required
                )
                validation.error = _("Hãy chọn một giá trị trong danh sách.")
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{last}")
    sheet.freeze_panes = "A2"


def build_workbook(spec: SheetSpec, rows: Iterable[dict[str, Any]]) -> bytes:
    """An .xlsx with the spec's headers and one line per row (an export that can be imported back)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(spec.title)[:31]
    sheet.append([str(column.header) for column in spec.columns])
    count = 0
    for row in rows:
        sheet.append([_cell_value(column, row.get(column.key)) for column in spec.columns])
        count += 1
    _style_sheet(sheet, spec, count)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_template(spec: SheetSpec) -> bytes:
    """An empty import template: the header row (required columns in red), and a sheet of instructions with
    an example for each column."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(spec.title)[:31]
    sheet.append([str(column.header) for column in spec.columns])
    _style_sheet(sheet, spec, 0)
    guide = workbook.create_sheet(_("Hướng dẫn"))
    guide.append([_("Cột"), _("Bắt buộc"), _("Ví dụ"), _("Cách nhập")])
    for column in spec.columns:
        how = column.help
        if column.kind == "date":
            how = f"{how} " + _("Ngày theo dạng dd/mm/yyyy.")
        if column.kind == "choice":
            how = f"{how} " + _("Một trong: %(values)s.") % {
                "values": "; ".join(str(label) for _v, label in column.choices)
            }
        example = _cell_value(column, column.example) if column.example != "" else ""
        if isinstance(example, datetime.date):
            example = example.strftime("%d/%m/%Y")
        guide.append([str(column.header), _("có") if column.required else "", example, str(how).strip()])
    guide.append([])
    if spec.instructions:
        guide.append(["", "", "", str(spec.instructions)])
    guide.append(
        ["", "", "", _("Tệp chỉ được ghi khi mọi dòng đều hợp lệ; nếu có lỗi, không dòng nào được ghi.")]
    )
    for letter, width in (("A", 28), ("B", 10), ("C", 28), ("D", 90)):
        guide.column_dimensions[letter].width = width
    for cell in guide[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
