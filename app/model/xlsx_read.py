"""Read the cells of an ``.xlsx`` workbook as text, fast (docs/xlsx.md).

A workbook is a zip of XML parts.  This module reads the few parts an import
needs — the list of sheets, the shared strings, which cell styles are dates,
and a sheet's cells — and turns every cell into the text a person sees:

- a number without a date format gives its shortest form with at most 15
  significant digits, as a spreadsheet shows it (``3.0`` gives ``3``);
- a date gives ISO text (``2024-03-05``, or ``2024-03-05 14:30`` with a time);
- a formula gives the value the spreadsheet computed and saved with it; one
  saved without a value, or whose value is an error (``#REF!``), gives a
  `Problem` that the caller reports when it reads that cell.

Why not openpyxl's reader (which the export and the tests use to write):
streaming a 5,000-card sheet through it takes 4x as long as the CSV import of
the same map, and it cannot tell in one pass whether a formula's value was
ever computed.  Plain ElementTree over the zip does both; openpyxl still
tells which number formats are dates and converts serial dates.

Plain Python; never imports Qt.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import IO
from xml.etree import ElementTree

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from app.model.errors import JourneyError

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The stream an encrypted (password-protected) workbook keeps in its OLE file.
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
#: Number formats of East Asian Excel versions that are dates (not in openpyxl's list).
_LOCAL_DATE_FORMATS = frozenset(range(27, 37)) | frozenset(range(50, 59))
#: Sheets up to this size (uncompressed XML, about 35,000 cards) are parsed
#: whole; bigger ones are streamed, which takes a fifth of the memory.
WHOLE_SHEET_BYTES = 20_000_000
_DIGITS = "0123456789"
#: How XML spells a character it cannot hold (``_x0001_``; ``_x005F_`` is "_").
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


@dataclass(frozen=True)
class Problem:
    """A cell whose value cannot be read: a formula never computed, or an error value."""

    message: str


#: What a cell gives: its text, or why it has none.
Value = str | Problem
#: A sheet's row: its number, its cells (from column A), and whether one is a `Problem`.
Row = tuple[int, list[Value], bool]


class Workbook:
    """An opened ``.xlsx`` file: its sheets by name, and their rows.

    Args:
        source: the file name (for messages).
        archive: the file opened as a zip.
    """

    def __init__(self, source: str, archive: zipfile.ZipFile) -> None:
        self.source = source
        self.archive = archive
        book, rels = _workbook_parts(self)
        root = self.xml(book)
        self.ns = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else _MAIN
        targets = self.relations(rels, posixpath.dirname(book))
        #: Sheet name -> path of its part, in the workbook's order.
        self.sheets: dict[str, str] = {}
        for sheet in root.iter(f"{{{self.ns}}}sheet"):
            rel = sheet.get(f"{{{_REL}}}id") or sheet.get("id") or ""
            if rel in targets:
                self.sheets[sheet.get("name", "")] = targets[rel][1]
        pr = root.find(f"{{{self.ns}}}workbookPr")
        date1904 = pr is not None and pr.get("date1904", "") in ("1", "true")
        self.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        by_type = {kind.rpartition("/")[2]: path for kind, path in targets.values()}
        self.strings = self._strings(by_type.get("sharedStrings"))
        self.date_styles, self.duration_styles = self._styles(by_type.get("styles"))

    def xml(self, part: str) -> ElementTree.Element:
        """The parsed XML of a part of the zip."""
        try:
            with self.archive.open(part) as stream:
                return ElementTree.parse(stream).getroot()
        except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError) as exc:
            raise JourneyError(f"{self.source}: damaged workbook ({part}: {exc})") from None

    def relations(self, part: str, base: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, path in the zip) of a ``.rels`` part."""
        if part not in self.archive.NameToInfo:
            return {}
        out = {}
        for rel in self.xml(part).iter(f"{{{_PKG_REL}}}Relationship"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            out[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(path))
        return out

    def _strings(self, part: str | None) -> list[str]:
        if part is None or part not in self.archive.NameToInfo:
            return []
        items = self.xml(part).iter(f"{{{self.ns}}}si")
        return [_text(item, self.ns) for item in items]

    def _styles(self, part: str | None) -> tuple[frozenset[int], frozenset[int]]:
        """The indices of the cell styles whose number format is a date, and a duration."""
        if part is None or part not in self.archive.NameToInfo:
            return frozenset(), frozenset()
        root, ns = self.xml(part), self.ns
        codes = dict(BUILTIN_FORMATS)
        for fmt in root.iter(f"{{{ns}}}numFmt"):
            codes[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
        dates, durations = set(), set()
        xfs = root.find(f"{{{ns}}}cellXfs")
        for i, xf in enumerate(() if xfs is None else xfs.iter(f"{{{ns}}}xf")):
            number = int(xf.get("numFmtId", "0"))
            code = codes.get(number, "")
            if number in _LOCAL_DATE_FORMATS or is_date_format(code):
                dates.add(i)
                if is_timedelta_format(code):
                    durations.add(i)
        return frozenset(dates), frozenset(durations)

    def rows(self, name: str) -> Iterator[Row]:
        """``(row number, cell values, any problem)`` of a sheet's rows that hold anything.

        Raises:
            JourneyError: the sheet's XML is damaged.
        """
        part = self.sheets[name]
        reader = _SheetReader(self)
        try:
            size = self.archive.getinfo(part).file_size
            with self.archive.open(part) as stream:
                if size <= WHOLE_SHEET_BYTES:
                    # Parsed in one go by the C parser: 5x faster than streaming.
                    elements = ElementTree.fromstring(stream.read()).iter(reader.row_tag)
                else:
                    elements = _streamed_rows(stream, reader.row_tag)
                yield from reader.rows(elements)
        except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError) as exc:
            raise JourneyError(
                f'{self.source}: sheet "{name}": damaged workbook ({part}: {exc})'
            ) from None

    def close(self) -> None:
        """Close the file."""
        self.archive.close()


def open_workbook(source: str) -> Workbook:
    """Open the ``.xlsx`` file ``source``.

    Raises:
        JourneyError: the file cannot be read, is encrypted, or is no workbook.
    """
    try:
        with open(source, "rb") as handle:
            start = handle.read(8)
            if start == _OLE:
                raise JourneyError(_ole_message(source, start + handle.read()))
        archive = zipfile.ZipFile(source)
    except FileNotFoundError:
        raise JourneyError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise JourneyError(f"{source}: is a folder, not a file") from None
    except zipfile.BadZipFile:
        raise JourneyError(
            f"{source}: not an .xlsx workbook (the file is damaged, or of another kind)"
        ) from None
    except OSError as exc:
        raise JourneyError(f"{source}: cannot read: {exc.strerror or exc}") from None
    try:
        return Workbook(source, archive)
    except BaseException:
        archive.close()
        raise


def _ole_message(source: str, data: bytes) -> str:
    if _ENCRYPTION_INFO in data:
        return (
            f"{source}: the workbook is protected by a password (encrypted); "
            "save a copy without the password and import that"
        )
    return f"{source}: an old .xls workbook, not .xlsx; save it as .xlsx (Excel Workbook)"


def _workbook_parts(book: Workbook) -> tuple[str, str]:
    """The workbook part's path and its relationships part's path."""
    names = book.archive.NameToInfo
    part = next(
        (path for kind, path in book.relations("_rels/.rels", "").values()
         if kind.endswith("/officeDocument") and path in names),
        "xl/workbook.xml",
    )
    if part not in names:
        raise JourneyError(
            f"{book.source}: not an .xlsx workbook (the file is damaged, or of another kind)"
        )
    folder, name = posixpath.split(part)
    return part, posixpath.join(folder, "_rels", name + ".rels")


def _streamed_rows(stream: IO[bytes], tag: str) -> Iterator[ElementTree.Element]:
    """The row elements of a sheet too big to hold as a tree, one at a time."""
    for _, element in ElementTree.iterparse(stream):
        if element.tag == tag:
            yield element
            element.clear()  # read: the tree need not keep it


_T_TAGS: dict[str, str] = {}


def _text(item: ElementTree.Element, ns: str) -> str:
    """The text of a shared or inline string: plain, or rich text runs (without ruby)."""
    plain = item.find(_T_TAGS.get(ns) or _T_TAGS.setdefault(ns, f"{{{ns}}}t"))
    if plain is not None:
        text = plain.text or ""
    else:
        text = "".join(t.text or "" for r in item.iter(f"{{{ns}}}r") for t in r.iter(f"{{{ns}}}t"))
    return unescape_xml_text(text) if "_x" in text else text


def unescape_xml_text(text: str) -> str:
    """Resolve the ``_xHHHH_`` escapes with which spreadsheets store control characters."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


class _SheetReader:
    """Turns the ``<row>`` elements of one sheet into lists of cell values."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        ns = book.ns
        self.row_tag, self.cell_tag = f"{{{ns}}}row", f"{{{ns}}}c"
        self.value_tag, self.formula_tag = f"{{{ns}}}v", f"{{{ns}}}f"
        self.inline_tag = f"{{{ns}}}is"
        self.columns: dict[str, int] = {}

    def rows(self, elements: Iterator[ElementTree.Element]) -> Iterator[Row]:
        # The hot loop of an import: strings, the common case, are read inline here.
        number = 0
        strings, cell_tag, value_tag = self.book.strings, self.cell_tag, self.value_tag
        text_tag, columns = f"{{{self.book.ns}}}t", self.columns
        for element in elements:
            given = element.get("r")
            number = int(given) if given else number + 1
            cells: list[Value] = []
            problem = False
            for cell in element.iter(cell_tag):
                kind = cell.get("t")
                value: Value | None = None
                if kind == "inlineStr" and len(cell) and len(cell[0]):
                    text = cell[0][0]  # <is><t>: plain text (rich text runs go the long way)
                    if text.tag == text_tag:
                        value = text.text or ""
                        if "_x" in value:
                            value = unescape_xml_text(value)
                elif kind == "s":
                    raw = cell.findtext(value_tag)
                    if raw:
                        value = strings[int(raw)]
                if value is None:
                    value = self.value(cell)
                    problem = problem or isinstance(value, Problem)
                if not value:
                    continue
                ref = cell.get("r")
                if ref:
                    index = columns.get(ref.rstrip(_DIGITS))
                    if index is None:
                        index = self.column(ref)
                else:
                    index = len(cells)
                size = len(cells)
                if index == size:
                    cells.append(value)
                elif index > size:
                    cells.extend([""] * (index - size))
                    cells.append(value)
                else:
                    cells[index] = value
            if cells:
                yield number, cells, problem

    def column(self, ref: str) -> int:
        """The 0-based column of a reference such as ``AB12``."""
        letters = ref.rstrip(_DIGITS)
        index = self.columns.get(letters)
        if index is None:
            index = 0
            for char in letters.upper():
                index = index * 26 + ord(char) - 64
            index = self.columns[letters] = index - 1
        return index

    def value(self, cell: ElementTree.Element) -> Value:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(self.inline_tag)
            return "" if inline is None else _text(inline, self.book.ns)
        raw = cell.findtext(self.value_tag)
        if kind == "s" and raw:
            return self.book.strings[int(raw)]
        if not raw and kind != "str" and cell.find(self.formula_tag) is not None:
            formula = cell.findtext(self.formula_tag)
            shown = f' "={formula}"' if formula else ""
            return Problem(
                f"the formula{shown} has no saved value (it was never calculated); "
                "open the file in a spreadsheet program and save it again"
            )
        if raw is None:
            return ""
        if kind == "n":
            return self.number(raw, cell.get("s"))
        if kind == "b":
            return "TRUE" if raw.strip() in ("1", "true") else "FALSE"
        if kind == "e":
            return Problem(f"the cell holds the error {raw}")
        if kind == "d":
            return raw.replace("T00:00:00", "").replace("T", " ")
        return unescape_xml_text(raw) if "_x" in raw else raw

    def number(self, raw: str, style: str | None) -> Value:
        try:
            value = float(raw)
        except ValueError:
            return Problem(f'the number "{raw}" cannot be read')
        if style and int(style) in self.book.date_styles:
            return _date_text(value, int(style) in self.book.duration_styles, self.book.epoch)
        return number_text(raw, value)


def number_text(raw: str, value: float) -> str:
    """A number as a spreadsheet shows it: ``3`` for 3.0, at most 15 significant digits."""
    if raw.isdigit() or (raw[:1] == "-" and raw[1:].isdigit()):
        return str(int(raw))
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(value, ".15g")
    return text.upper() if "e" in text else text


def _date_text(value: float, duration: bool, epoch: datetime) -> Value:
    try:
        moment = from_excel(value, epoch, timedelta=duration)
    except (OverflowError, ValueError):
        return Problem(f"the date {value:g} is out of range")
    if isinstance(moment, timedelta):
        hours, rest = divmod(round(moment.total_seconds()), 3600)
        return f"{hours}:{rest // 60:02d}" + (f":{rest % 60:02d}" if rest % 60 else "")
    if isinstance(moment, time):
        return moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    if isinstance(moment, datetime) and moment.time() != time(0):
        return moment.strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")
    day = moment.date() if isinstance(moment, datetime) else moment
    assert isinstance(day, date)
    return day.isoformat()
