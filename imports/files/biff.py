""".xls (Excel 97-2003) details calamine does not give: hidden rows and columns, read with xlrd.

xlrd reads the formatting records only with formatting_info=True, which parses the whole workbook; .xls
sheets stop at 65,536 rows, so this stays bounded. Merged cells come from calamine. Formulas in .xls always
carry the value Excel computed, which calamine reads; total rows are recognised by their label.
If xlrd cannot read the file, the data is still read (by calamine) and the preview says hidden rows could
not be checked.
"""

import logging

from .ooxml import SheetMeta

logger = logging.getLogger(__name__)


def xls_meta(fileobj, sheet_name):
    """SheetMeta of the sheet, or None when the hidden rows could not be read."""
    import xlrd

    fileobj.seek(0)
    content = fileobj.read()
    fileobj.seek(0)
    try:
        book = xlrd.open_workbook(file_contents=content, formatting_info=True, on_demand=True, logfile=_Silent())
        sheet = book.sheet_by_name(sheet_name)
    except Exception as error:  # xlrd raises many types for odd files; calamine may still read the data
        logger.info("xls meta unreadable: %s", error)
        return None
    meta = SheetMeta()
    meta.hidden_rows = {row + 1 for row, info in sheet.rowinfo_map.items() if info.hidden}
    meta.hidden_columns = {column for column, info in sheet.colinfo_map.items() if info.hidden}
    book.release_resources()
    return meta


class _Silent:
    def write(self, _text):
        pass
