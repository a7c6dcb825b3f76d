"""One interface over .xlsx, .xls, .ods and .csv: the sheets (with their visibility) and, per sheet, its rows
numbered as the spreadsheet shows them, plus what the user could see that the values alone do not say:
hidden rows and columns, merged cells, formulas and whether their value was saved."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .cells import clean_rows
from .delimited import csv_rows
from .errors import FileRefused
from .ooxml import SheetMeta


@dataclass
class SheetInfo:
    name: str
    visible: bool
    position: int


@dataclass
class Sheet:
    name: str
    raw_rows: object  # iterator of (number, raw cells)
    meta: SheetMeta
    notes: list = field(default_factory=list)
    text_formulas: dict = field(default_factory=dict)  # row -> [(column, text)] of cells typed as '=...'
    meta_known: bool = True  # False when hidden rows could not be read (an odd .xls)

    def rows(self, data_from=1):
        """(number, cleaned cells) for every row holding something; see files.cells.clean_rows."""
        return clean_rows(self.raw_rows, self.text_formulas, data_from)


def _calamine_error(file_kind, error):
    if file_kind == "xls":
        return FileRefused(
            _("Berkas .xls ini rusak, dilindungi kata sandi, atau bukan lembar kerja Excel (%(error)s). Buka di Excel, "
              "hapus kata sandinya bila ada, lalu simpan sebagai 'Buku Kerja Excel (.xlsx)' dan unggah lagi.")
            % {"error": type(error).__name__}
        )
    return FileRefused(
        _("Berkas %(format)s rusak atau tidak dapat dibaca (%(error)s). Buka di Excel atau LibreOffice, simpan ulang "
          "sebagai .xlsx, lalu unggah lagi.") % {"format": "." + file_kind, "error": type(error).__name__}
    )


def _padded(rows, first_row, first_col):
    """Keep row numbers and column letters as Excel shows them even when the data starts lower or further right."""
    if not first_col:
        return enumerate(rows, start=first_row + 1)  # the common case, without a Python step per row
    padding = [None] * first_col
    return ((number, padding + row) for number, row in enumerate(rows, start=first_row + 1))


class Book:
    """An opened upload; `file_kind` is what its bytes are ('xlsx', 'xls', 'ods', 'csv')."""

    def __init__(self, fileobj, file_kind, name):
        self.fileobj = fileobj
        self.file_kind = file_kind
        self.name = name
        self.notes = []
        self._workbook = None
        self._loaded = {}  # sheet name -> (calamine sheet, meta, meta known): parsed once per book
        if file_kind == "csv":
            self.sheets = [SheetInfo(name=_("Berkas CSV"), visible=True, position=0)]
            return
        from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum  # Rust: ~20x faster than openpyxl

        fileobj.seek(0)
        try:
            self._workbook = CalamineWorkbook.from_filelike(fileobj)
            metadata = self._workbook.sheets_metadata
        except Exception as error:  # calamine raises its own error types for a broken package
            raise _calamine_error(file_kind, error) from None
        self.sheets = [
            SheetInfo(name=sheet.name, visible=sheet.visible == SheetVisibleEnum.Visible, position=position)
            for position, sheet in enumerate(metadata)
            if sheet.typ == SheetTypeEnum.WorkSheet
        ]
        if not self.sheets:
            raise FileRefused(_("Berkas tidak berisi lembar kerja."))

    def info(self, name):
        return next((sheet for sheet in self.sheets if sheet.name == name), None)

    def sheet(self, name):
        if self.file_kind == "csv":
            rows, encoding, delimiter = csv_rows(self.fileobj)
            sheet = Sheet(name=self.sheets[0].name, raw_rows=rows, meta=SheetMeta())
            if encoding not in ("UTF-8",):
                sheet.notes.append(_("Berkas CSV dibaca dengan pengodean %(encoding)s.") % {"encoding": encoding})
            sheet.delimiter = delimiter
            return sheet
        if name not in self._loaded:
            try:
                calamine_sheet = self._workbook.get_sheet_by_name(name)
                merges = calamine_sheet.merged_cell_ranges or []
            except Exception as error:
                raise _calamine_error(self.file_kind, error) from None
            meta, known = self._meta(name)
            if not meta.merges:
                meta.merges = list(merges)
            self._loaded[name] = (calamine_sheet, meta, known)
        calamine_sheet, meta, known = self._loaded[name]
        try:
            first_row, first_col = calamine_sheet.start or (0, 0)
            rows = calamine_sheet.iter_rows()
        except Exception as error:
            raise _calamine_error(self.file_kind, error) from None
        sheet = Sheet(name=name, raw_rows=_padded(rows, first_row, first_col), meta=meta, meta_known=known)
        if not known:
            sheet.notes.append(_("Baris tersembunyi di berkas .xls ini tidak dapat diperiksa; semua baris dibaca."))
        return sheet

    def _meta(self, name):
        if self.file_kind == "xlsx":
            from .ooxml import xlsx_meta

            return xlsx_meta(self.fileobj, name), True
        if self.file_kind == "ods":
            from .odf import ods_meta

            return ods_meta(self.fileobj, name), True
        from .biff import xls_meta

        meta = xls_meta(self.fileobj, name)
        return (meta, True) if meta is not None else (SheetMeta(), False)

    def close(self):
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None
