"""A minimal streaming XLSX (SpreadsheetML) writer: worksheet XML goes straight into a zip entry.

Why not XlsxWriter: its per-cell Python code (~3-5 us a cell) caps a national export at ~30,000 cells/s, and
issue 6 asks for 200,000. Here each cell is one f-string built by a per-column function chosen once, rows are
joined and written in blocks, text is stored inline (`t="inlineStr"`, no shared-strings table to hold in memory)
and the styles are a small fixed table. Memory stays bounded by one block of rows.
Only what the exports need: text, numbers, dates, column widths, a frozen header row, bold text.
"""

import datetime
import math
import re
import zipfile
from decimal import Decimal

# Style indexes into cellXfs of STYLES_XML below.
PLAIN, INT_STYLE, MONEY_STYLE, TWO_DECIMALS_STYLE, DECIMAL_STYLE, DATE_STYLE, HEADER_STYLE, BOLD_STYLE = range(8)

FORMULA_FIRST = frozenset("=+-@\t\r")
# XML 1.0 forbids most control characters; & < > must be escaped; a CR would be normalised away by parsers.
XML_TEXT = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord("\r"): "&#13;"}
XML_TEXT.update({code: None for code in (*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF)})
XML_ATTR = {**XML_TEXT, ord('"'): "&quot;"}
NEEDS_ESCAPE = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # a search is far cheaper than translate
EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
BLOCK_ROWS = 2000
EMPTY = "<c/>"

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet {NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;Rp&quot;\\ #,##0"/><numFmt numFmtId="165" formatCode="dd\\-mm\\-yyyy"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE9EEF3"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""


def column_letters(index):
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def text_cell(style=PLAIN):
    """Cell function for text: neutralised (formula prefixes), XML-escaped, inline."""
    style_attr = f' s="{style}"' if style else ""

    def cell(value):
        text = value if type(value) is str else str(value)
        if not text:
            return EMPTY
        if text[0] in FORMULA_FIRST:
            text = "'" + text
        if NEEDS_ESCAPE.search(text):
            text = text.translate(XML_TEXT)
            if not text:
                return EMPTY
        if text[0] <= " " or text[-1] <= " ":
            return f'<c{style_attr} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
        return f'<c{style_attr} t="inlineStr"><is><t>{text}</t></is></c>'

    return cell


def number_cell(style, fallback):
    """Cell function for numbers; anything that is not a number (or is a bool) is written as text."""

    def cell(value):
        kind = type(value)
        if kind is int or kind is float or kind is Decimal:
            if kind is not int and not math.isfinite(value):
                return fallback(value)
            return f'<c s="{style}"><v>{value}</v></c>'
        return fallback(value)

    return cell


def date_cell(fallback, zone=None):
    """Cell function for dates/datetimes: an Excel serial day number with the date format.

    Aware datetimes are shown in `zone` (Excel has no time zones); without it their zone is simply dropped.
    """

    def cell(value):
        if isinstance(value, datetime.datetime):
            if zone is not None and value.tzinfo is not None:
                value = value.astimezone(zone)
            delta = value.replace(tzinfo=None) - EXCEL_EPOCH
            serial = delta.days + delta.seconds / 86400
        elif isinstance(value, datetime.date):
            serial = (value - EXCEL_EPOCH.date()).days
        else:
            return fallback(value)
        return f'<c s="{DATE_STYLE}"><v>{serial}</v></c>'

    return cell


class StreamingSheet:
    """One worksheet part, open for writing; rows are appended in order and must be closed before the next sheet."""

    def __init__(self, stream, widths, frozen_header, dimension=None):
        self.stream = stream
        self.next_row = 1
        self.pending = []
        head = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS} {NS_R}>']
        if dimension:  # (rows, columns), known in advance: readers such as openpyxl's read-only mode rely on it
            head.append(f'<dimension ref="A1:{column_letters(max(dimension[1], 1) - 1)}{max(dimension[0], 1)}"/>')
        if frozen_header:
            head.append('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
                        'state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>')
        head.append('<sheetFormatPr defaultRowHeight="15"/>')
        if widths:
            head.append("<cols>")
            head.extend(f'<col min="{i}" max="{i}" width="{float(w or 9):g}" customWidth="1"/>' for i, w in enumerate(widths, 1))
            head.append("</cols>")
        head.append("<sheetData>")
        self.stream.write("".join(head).encode())

    def write_row(self, cells, values):
        """`cells`: one cell function per column; None and "" values leave the cell empty.

        Cells carry no `r` reference: readers place them one after another (optional in the schema), which
        saves formatting a reference per cell; an empty cell is a bare <c/> so the next one keeps its column.
        """
        number = self.next_row
        self.next_row = number + 1
        cells_xml = "".join([EMPTY if value is None or value == "" else cell(value) for cell, value in zip(cells, values)])
        self.pending.append(f'<row r="{number}">{cells_xml}</row>')
        if len(self.pending) >= BLOCK_ROWS:
            self.flush()

    def flush(self):
        if self.pending:
            self.stream.write("".join(self.pending).encode())
            self.pending.clear()

    def close(self):
        self.flush()
        self.stream.write(b"</sheetData></worksheet>")
        self.stream.close()


class StreamingWorkbook:
    """Sheets are written one after another; the workbook part listing them is written on close."""

    def __init__(self, path, compresslevel=1):
        # Level 1: the XML is very repetitive, so it still shrinks ~10x, at a fraction of level 6's CPU time.
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self.titles = []
        self.current = None

    @staticmethod
    def cells(functions):
        """The per-column cell functions, as a list, for StreamingSheet.write_row."""
        return list(functions)

    def add_sheet(self, title, widths=(), frozen_header=False, dimension=None):
        if self.current:
            self.current.close()
        self.titles.append(title)
        stream = self.zip.open(f"xl/worksheets/sheet{len(self.titles)}.xml", "w", force_zip64=True)
        self.current = StreamingSheet(stream, widths, frozen_header, dimension)
        return self.current

    def close(self):
        if self.current:
            self.current.close()
            self.current = None
        count = len(self.titles)
        sheets = "".join(f'<sheet name="{t.translate(XML_ATTR)}" sheetId="{i}" r:id="rId{i}"/>' for i, t in enumerate(self.titles, 1))
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, count + 1)
        )
        sheet_rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1))
        header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        self.zip.writestr("[Content_Types].xml", header + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"
        ))
        self.zip.writestr("_rels/.rels", header + (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ))
        self.zip.writestr("xl/workbook.xml", header + f"<workbook {NS} {NS_R}><sheets>{sheets}</sheets></workbook>")
        self.zip.writestr("xl/_rels/workbook.xml.rels", header + (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{sheet_rels}<Relationship Id="rId{count + 1}" Type="{REL}/styles" Target="styles.xml"/></Relationships>'
        ))
        self.zip.writestr("xl/styles.xml", STYLES_XML)
        self.zip.close()
