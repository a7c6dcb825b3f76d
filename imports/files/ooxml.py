""".xlsx details calamine does not give: which rows and columns are hidden, and which cells hold formulas
(with or without the value Excel saved for them).

The worksheet XML is scanned as bytes with a few regular expressions, in chunks cut at row ends: no XML
parser runs over it, so no entity can be expanded (inspect_package has refused any DTD already), and a
100,000-row sheet costs a fraction of a second. Only the hidden rows and the formula cells produce Python
objects; ordinary rows and cells are skipped by the regex engine.
"""

import re
import zipfile
from dataclasses import dataclass, field

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
CHUNK = 4 << 20
HIDDEN_ROW = re.compile(rb'<(?:[\w.-]+:)?row\b([^>]*?\bhidden="(?:1|true)"[^>]*)>')
ROW_NUMBER = re.compile(rb'\br="(\d+)"')
ROW_OPEN = re.compile(rb"<(?:[\w.-]+:)?row[\s>/]")
ROW_CLOSE = re.compile(rb"</(?:[\w.-]+:)?row>")
FORMULA = re.compile(rb"<(?:[\w.-]+:)?f\b([^>]*?)(/?)>")
CELL_OPEN = re.compile(rb'<(?:[\w.-]+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*>')
CELL_CLOSE = re.compile(rb"</(?:[\w.-]+:)?c>")
VALUE = re.compile(rb"<(?:[\w.-]+:)?v>([^<]*)<")
FORMULA_END = re.compile(rb"</(?:[\w.-]+:)?f>")
COLUMN = re.compile(rb"<(?:[\w.-]+:)?col\b([^>]*)>")
ATTRIBUTE = re.compile(rb'\b(min|max|hidden)="([^"]*)"')
SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData\b")


@dataclass
class Formula:
    column: int  # 0-based
    has_value: bool
    text: str  # without '='; empty for the followers of a shared formula


@dataclass
class SheetMeta:
    hidden_rows: set = field(default_factory=set)  # 1-based row numbers
    hidden_columns: set = field(default_factory=set)  # 0-based column indexes
    formulas: dict = field(default_factory=dict)  # row number -> [Formula]
    merges: list = field(default_factory=list)  # [((first row, first col), (last row, last col))], 0-based


def column_index(letters):
    index = 0
    for char in letters:
        index = index * 26 + (char - 64 if isinstance(char, int) else ord(char) - 64)
    return index - 1


def sheet_parts(package):
    """{sheet name: zip path of its XML} from the workbook and its relationships."""
    from defusedxml.ElementTree import fromstring

    names = set(package.namelist())
    targets = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for rel in fromstring(package.read("xl/_rels/workbook.xml.rels")):
            targets[rel.get("Id")] = rel.get("Target", "")
    parts = {}
    for sheet in fromstring(package.read("xl/workbook.xml")).iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(f"{REL_NS}id"), "")
        path = target.lstrip("/") if target.startswith("/") else "xl/" + target
        if path in names:
            parts[sheet.get("name")] = path
    return parts


def _chunks(stream):
    """Pieces of the sheet XML, each ending at the end of a row (a row never straddles two pieces)."""
    buffer = b""
    while True:
        data = stream.read(CHUNK)
        if not data:
            if buffer:
                yield buffer
            return
        buffer += data
        cut = buffer.rfind(b"</row>")
        if cut < 0:
            last = None
            for last in ROW_CLOSE.finditer(buffer):
                pass
            cut = last.start() if last else -1
        if cut < 0:
            continue
        end = buffer.index(b">", cut) + 1
        yield buffer[:end]
        buffer = buffer[end:]


def _hidden_columns(head, meta):
    start = SHEET_DATA.search(head)
    for match in COLUMN.finditer(head, 0, start.start() if start else len(head)):
        attrs = dict(ATTRIBUTE.findall(match.group(1)))
        if attrs.get(b"hidden") in (b"1", b"true") and attrs.get(b"min"):
            first, last = int(attrs[b"min"]), int(attrs.get(b"max", attrs[b"min"]))
            meta.hidden_columns.update(range(first - 1, min(last, 16384)))


def _formulas(text, meta):
    for match in FORMULA.finditer(text):
        start = match.start()
        cell = None
        for cell in CELL_OPEN.finditer(text, max(0, start - 400), start):
            pass
        if cell is None:
            continue
        close = CELL_CLOSE.search(text, start)
        end = close.start() if close else len(text)
        body = b""
        if not match.group(2):  # <f ...>body</f>
            body_end = FORMULA_END.search(text, match.end(), end)
            body = text[match.end() : body_end.start() if body_end else end]
        after = FORMULA_END.search(text, match.end(), end)
        value = VALUE.search(text, after.end() if after else match.end(), end)
        # An empty <v></v> is a saved empty text only for a text formula (t="str"); openpyxl writes <v /> for "none".
        has_value = value is not None and (value.group(1) != b"" or b't="str"' in cell.group(0))
        row = int(cell.group(2))
        meta.formulas.setdefault(row, []).append(
            Formula(column=column_index(cell.group(1)), has_value=has_value, text=body.decode("utf-8", "replace")[:120])
        )


def _hidden_rows(text, meta, counted):
    """`counted`: rows seen so far, for the rare sheet whose rows carry no r= attribute."""
    for match in HIDDEN_ROW.finditer(text):
        number = ROW_NUMBER.search(match.group(1))
        if number:
            meta.hidden_rows.add(int(number.group(1)))
        else:
            meta.hidden_rows.add(counted + len(ROW_OPEN.findall(text, 0, match.start())) + 1)


def scan_sheet(package, part):
    meta = SheetMeta()
    counted = 0
    first = True
    with package.open(part) as stream:
        for text in _chunks(stream):
            if first:
                _hidden_columns(text[:1 << 20], meta)
                first = False
            if b"hidden=" in text:
                _hidden_rows(text, meta, counted)
                if b' r="' not in text[:4096]:
                    counted += len(ROW_OPEN.findall(text))
            if b"<f" in text or b":f" in text:
                _formulas(text, meta)
    return meta


def xlsx_meta(fileobj, sheet_name):
    fileobj.seek(0)
    with zipfile.ZipFile(fileobj) as package:
        part = sheet_parts(package).get(sheet_name)
        meta = scan_sheet(package, part) if part else SheetMeta()
    fileobj.seek(0)
    return meta
