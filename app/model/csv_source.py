"""A CSV file as it comes from a spreadsheet: its encoding, its delimiter, its rows.

`read_records` turns the bytes of a CSV file into ``(line, cells)`` records
for the CSV importer (`app.model.csv_import.import_records`), whatever
spreadsheet program wrote it (docs/csv.md, "Spreadsheets"):

- the text is UTF-8 with or without a byte order mark, or UTF-16 (or UTF-32)
  with one; any other bytes raise `EncodingError`, unless the caller names the
  encoding (``journeymap import --encoding cp1252``);
- the delimiter (comma, semicolon or tab) is found from the header row: the
  one that splits it into the required columns, else the one that gives the
  most known columns; Excel's ``sep=;`` first line is honoured too.

Plain Python; never imports Qt.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from app.model.errors import JourneyError
from app.model.fileformat import read_bytes
from app.model.reading import MAX_INPUT_BYTES

#: The delimiters the import recognises, most likely first.
DELIMITERS = (",", ";", "\t")

#: Byte order marks and the encodings they announce; UTF-32's come first
#: because UTF-32-LE's mark begins with UTF-16-LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: A record: the line its first cell starts on, and its cells.
Record = tuple[int, list[str]]


class EncodingError(JourneyError):
    """The bytes of a file are not text in the encoding it was read as.

    The message is complete for the editor; the command line adds how to
    name another encoding (``--encoding``).
    """


def read_records(
    source: str, columns: tuple[str, ...], required: tuple[str, ...], encoding: str | None = None
) -> Iterator[Record]:
    """The records of the CSV file ``source``, decoded and split by its own delimiter.

    Args:
        source: the file.
        columns: every column name the importer knows (to find the delimiter).
        required: the columns it requires (likewise).
        encoding: a Python codec name; None finds UTF-8/16/32 by the byte order mark.

    Raises:
        JourneyError: the file cannot be read, ``encoding`` is unknown, or the
            CSV is malformed (an `EncodingError` when the bytes are not text).
    """
    text = decode(read_bytes(source), source, encoding)
    first_line, text = _sep_line(text)
    delimiter = first_line[4] if first_line else sniff(text, columns, required)
    return _records(text, delimiter, source, 2 if first_line else 1)


def decode(raw: bytes, source: str, encoding: str | None = None) -> str:
    """The text of ``raw``: by ``encoding``, else by its byte order mark, else UTF-8.

    Raises:
        JourneyError: ``encoding`` names no codec Python knows.
        EncodingError: the bytes are not text in that encoding.
    """
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise JourneyError(f'--encoding: unknown encoding "{encoding}"') from None
        # A UTF-8 file named as such may still start with the mark.
        codec, label = ("utf-8-sig" if name == "utf-8" else name), encoding
    else:
        codec = next((c for bom, c in _BOMS if raw.startswith(bom)), "utf-8")
        label = "UTF-8" if codec == "utf-8" else codec.upper().replace("-SIG", "")
    try:
        # A mark left by a codec that does not drop it (cp1252 reading UTF-8...).
        return raw.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = "save the file as UTF-8" if label == "UTF-8" else "check the file's encoding"
        raise EncodingError(
            f"{source}: line {line}: not {label} text (byte 0x{raw[exc.start]:02x}); {hint}"
        ) from None


def _sep_line(text: str) -> tuple[str, str]:
    """Excel's ``sep=;`` first line, if any, and the text after it."""
    end = text.find("\n")
    first = (text if end < 0 else text[:end]).rstrip("\r")
    if first.lower().startswith("sep=") and len(first) == 5:
        return first.lower(), "" if end < 0 else text[end + 1 :]
    return "", text


def sniff(text: str, columns: tuple[str, ...], required: tuple[str, ...]) -> str:
    """The delimiter of the header row (the first non-blank line); comma if in doubt."""
    best, best_score = ",", (False, 0)
    for delimiter in DELIMITERS:
        header = _first_record(text, delimiter)
        names = {cell.strip().lower() for cell in header}
        score = (all(name in names for name in required), len(names & set(columns)))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _first_record(text: str, delimiter: str) -> list[str]:
    # Only the first few lines: a header never spans more, and the file may be big.
    head = io.StringIO(text[:65536], newline="")
    try:
        for cells in csv.reader(head, delimiter=delimiter):
            if any(cell.strip() for cell in cells):
                return cells
    except csv.Error:
        pass
    return []


def _records(text: str, delimiter: str, source: str, first_line: int) -> Iterator[Record]:
    """``(line, cells)`` for every record, lines counted in the file."""
    # A value may be as long as the file (the CSV export writes notes whole).
    csv.field_size_limit(max(csv.field_size_limit(), MAX_INPUT_BYTES))
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    offset = first_line - 1
    end = 0
    while True:
        start = end + 1
        try:
            cells = next(records)
        except StopIteration:
            return
        except csv.Error as exc:
            line = (records.line_num or start) + offset
            raise JourneyError(f"{source}: line {line}: not valid CSV: {exc}") from None
        end = records.line_num
        yield start + offset, cells
