"""Exporter classes in the style of pretix `base/exporter.py`: one class per report, used by page and API.

An exporter knows its `identifier`, `label`, which `filters` it accepts and how to `build` its sheets.
Sheets are lazy (rows are generators over `.iterator()`), so writers stream them in bounded memory.
"""

from dataclasses import dataclass, field
from typing import Callable, Iterable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_code
from regions.models import Region

TEXT, INT, MONEY, PERCENT, DECIMAL, DATE = "text", "int", "money", "percent", "decimal", "date"


@dataclass
class Column:
    label: str
    kind: str = TEXT
    width: int = 16


@dataclass
class Sheet:
    title: str
    columns: list
    rows: Iterable
    count: Callable = None  # how many rows, if known cheaply (progress of background jobs)
    totals: list = field(default=None)  # a closing "Jumlah" row, as shown on the dashboard


class Exporter:
    identifier = ""
    label = ""
    description = ""
    filters = ()  # names of accepted query parameters (the FilterSet's, for list exports)

    def __init__(self, *, user, params):
        self.user = user
        self.params = params

    # -- what the metadata sheet states --------------------------------------------------------------
    def filter_summary(self):
        return [(name, ", ".join(self.params.getlist(name))) for name in self.filters if self.params.getlist(name)]

    def scope_summary(self):
        code = scope_code(self.user)
        if code is None:
            return str(_("Tidak ada"))
        if code == "":
            return str(_("Nasional"))
        region = Region.objects.filter(code=code).first()
        return f"{code} {region.name}" if region else code

    def metadata(self):
        return [
            (_("Laporan"), str(self.label)),
            (_("Sumber"), str(_("Registri Sentra IKM (Kementerian Perindustrian, Ditjen IKMA)"))),
            (_("Dibuat pada"), timezone.localtime().strftime("%d-%m-%Y %H:%M %Z")),
            (_("Pengguna"), self.user.get_username()),
            (_("Cakupan wilayah pengguna"), self.scope_summary()),
            *[(_("Filter: %(name)s") % {"name": name}, value) for name, value in self.filter_summary()],
        ]

    # -- the report ----------------------------------------------------------------------------------
    def row_count(self):
        """Rows this export will write; decides between a direct download and a background job."""
        return sum(sheet.count() if sheet.count else 0 for sheet in self.build())

    def build(self):
        """A list of Sheet."""
        raise NotImplementedError

    def filename(self, extension):
        return f"{self.identifier}-{timezone.localdate():%Y%m%d}.{extension}"
