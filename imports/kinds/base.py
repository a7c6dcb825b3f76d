"""What every importable record type declares: its columns, natural key, look-ups and cross-field rules.

The engine (imports/engine.py) does the rest the same way for every type: parse cells, resolve names,
fetch existing records in a few queries, decide create/update/unchanged/refused/conflict, write in bulk.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, Callable

from django.utils import timezone
from django.utils.text import capfirst

from core.instances import InstanceFactory
from django.utils.translation import gettext as _, gettext_lazy

from .. import values
from ..values import CellError, normalize

REGION_HEADERS = ("Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan")
VERSION_HEADER = "Versi"
UPDATED_HEADER = "Terakhir Diubah"
# The record's id, written by the pre-filled workbook: the row updates that record even when its natural key
# (NIB, code, room name) was changed in the file, instead of creating a second copy.
ID_HEADER = "ID"
CHUNK = 2000
# load_existing maps a key to this when several stored records match it: the row is refused, never guessed.
AMBIGUOUS = object()


def next_year():
    return timezone.localdate().year + 1


@dataclass(frozen=True)
class Column:
    header: str
    parse: Callable[[Any], Any]
    field: str | None = None  # model attribute it fills directly; None when a resolver uses it
    required: bool = False  # needed to create a record (an update may leave it empty)
    help: str = ""
    example: Any = None
    aliases: tuple = ()  # other headers offices use for it (matched after normalize())
    choices: tuple = ()  # shown in the template's instructions and as a drop-down
    summable: bool = False  # several file columns may feed it; their values are added (e.g. total workers)


REGION_ALIASES = {
    "Provinsi": ("prov", "propinsi", "nama provinsi"),
    "Kabupaten/Kota": ("kabupaten", "kota", "kab kota", "kabupaten kota", "kab", "nama kabupaten", "kota kabupaten"),
    "Kecamatan": ("kec", "nama kecamatan", "kecamatan lokasi"),
    "Desa/Kelurahan": ("desa", "kelurahan", "desa kel", "kel desa", "kelurahan desa", "ds kel", "nama desa", "desa kelurahan lokasi"),
}


def region_columns(*, upto=4, required_level=4):
    columns = [
        Column(header, values.text(100), help=gettext_lazy("Nama wilayah; boleh ditulis bebas ('Kab. Alor', 'KABUPATEN ALOR', 'Alor')."),
               aliases=REGION_ALIASES[header])
        for header in REGION_HEADERS[:upto]
    ]
    columns.append(
        Column("Kode Wilayah", values.text(13), help=gettext_lazy("Kode Kemendagri (mis. 53.05.03.2001). Jika diisi bersama nama, keduanya harus cocok."),
               aliases=("kode desa", "kode kemendagri", "kode wilayah desa", "kode wilayah kemendagri"))
    )
    return columns


def point_columns():
    """Lintang and Bujur. Read as any degrees up to 180 (wide enough for a swapped pair to reach the point rule,
    which says they are swapped; narrow enough for "124.410" to read as a decimal); the registry's rule for where
    a point may be is core.coordinates', applied to the row by imports/coordinates.py."""
    return [
        Column("Lintang", values.decimal(6, -180, 180), field="latitude",
               help=gettext_lazy("Derajat desimal; di Indonesia antara -11,5 dan 6,5 (lintang selatan ditulis negatif)."),
               example="-8.2431", aliases=("latitude", "lat", "koordinat lintang", "garis lintang")),
        Column("Bujur", values.decimal(6, -180, 180), field="longitude",
               help=gettext_lazy("Derajat desimal; di Indonesia antara 94,5 dan 141,5."), example="124.4102",
               aliases=("longitude", "long", "lng", "lon", "koordinat bujur", "garis bujur", "bujur timur")),
    ]


def choice_column(header, field_name, choices, **kwargs):
    return Column(header, values.choice(choices), field=field_name, choices=tuple(str(label) for _v, label in choices), **kwargs)


@dataclass(slots=True)
class Row:
    """One data row of the file on its way through the check (slots: there are 100,000 of them)."""

    number: int
    cells: dict  # header -> parsed value (None when empty)
    errors: list = field(default_factory=list)
    version: int | None = None
    key: tuple | None = None
    data: dict = field(default_factory=dict)  # model attname -> value
    extra: dict = field(default_factory=dict)  # values written outside the model row (e.g. primary commodity)
    key_label: str = ""
    record_id: int | None = None  # the ID column of the pre-filled workbook
    warnings: list = field(default_factory=list)  # shown on the row, do not stop it
    questions: list = field(default_factory=list)  # what the user must decide before the row can be written
    skip: str = ""  # why the row is not read at all (hidden, a total row)
    payload_extra: dict = field(default_factory=dict)  # stored with the row for the page (candidate, conflict fields)
    link: dict | None = None  # written after the rows (e.g. a new membership), see ImportKind.link_payload
    requested_sentra: list | None = None  # sentra a unit row asks to join (imports.kinds.ikm)
    point: tuple | None = None  # (lat, lon) of the record as written, when the row gives or changes it (decide.py)
    # The decision (engine/decide.py), set for every row before anything reads it.
    action: str = ""
    reasons: list | None = None
    changes: list | None = None
    instance: object = None
    payload: dict | None = None  # when rebuilt from the stored preview


class ImportKind:
    do_not_call_in_templates = True  # templates list the classes themselves
    code = ""
    label = ""
    model = None
    columns: list = []
    key_help = ""
    record_id = True  # the pre-filled workbook carries the ID column (False: the kind has its own id column)
    # A new row needs no model instance to be checked (no `check`, region straight from the row's data).
    lazy_create = False
    key_label_name = ""  # what the natural key is called in messages ("NIB", "Kode sentra")
    # (latitude, longitude) attnames of a kind whose records are placed on the map: a new or changed point is
    # refused outside Indonesia and flagged far from its kabupaten (imports/coordinates.py); `code` then names
    # the records for geo.checks ("sentra" | "ikm").
    point_fields = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.lazy_create and cls.check is not ImportKind.check:
            raise TypeError(f"{cls.__name__}: a kind with lazy_create checks new rows without instances; it cannot define check()")

    def __init__(self, *, user, scope, regions=None, options=None):
        self.user = user
        self.scope = scope  # region code the user is confined to, or "" for national
        self.regions = regions
        # Values the user mapped in the preview ({column header: {value as written: id}}), e.g. commodities.
        self.chosen_values = (options or {}).get("values", {})

    @cached_property
    def new_instance(self):
        """`self.new_instance(row.data)`: an unsaved record, built without Model.__init__'s cost per keyword."""
        return InstanceFactory(self.model)

    # -- hooks ------------------------------------------------------------------------------------
    def prepare(self, rows):
        """Load, in a few queries, everything the rows refer to (sentra by code, units by NIB...)."""

    def resolve(self, row):
        """Fill row.data/row.extra/row.key from row.cells; raise CellError or append to row.errors."""
        raise NotImplementedError

    def load_existing(self, keys, *, lock):
        """{key: instance} for the keys that exist; `lock` asks for SELECT ... FOR UPDATE (commit)."""
        raise NotImplementedError

    def current_extra(self, instance):
        """Stored values of the keys in row.extra, to tell changed from unchanged."""
        return {}

    def check(self, instance, row):
        """Rules across fields on the merged record; return a list of reasons to refuse.

        A finding that should not stop the row (a value to double-check, e.g. coordinates far from the row's
        kabupaten) goes to `row.warnings` instead: the preview shows it on the row and it is stored with it."""
        return []

    def region_of(self, instance):
        raise NotImplementedError

    def region_of_data(self, data):
        """The region of a new row from its data alone (kinds with `lazy_create`)."""
        raise NotImplementedError

    def attach_relations(self, instance):
        """Put already-loaded related objects on the instance so the scope check on write needs no query."""

    def missing_existing(self, row):
        """Why a row whose key names a record that must exist (an ID) cannot be created; None to create."""
        return None

    def after_write(self, written_rows):
        """Write what lives outside the model row (links), for (row, instance) pairs just written."""

    def after_load(self, records):
        """Load what the decisions need about the stored records the rows update (few queries, all rows)."""

    def finish(self, row, instance, existing):
        """Fields that depend on the stored record as well as the row (set on row.data before the merge)."""

    def find_similar(self, rows):
        """{row number: (record, label)} for new rows that may be an existing record written differently."""
        return {}

    def link_payload(self, row):
        """What must be written after the rows (e.g. a membership), stored with the preview; None for nothing."""
        return None

    def write_links(self, items):
        """Write the links of `items` = [(record id, natural key, link payload)] after the rows are written."""

    def load_ids(self, ids, *, lock):
        """{id: record} of records named by the ID column, wherever they are (the engine checks the scope)."""
        manager = getattr(self.model, "all_objects", self.model._default_manager)
        found = {}
        for chunk in chunks(ids):
            queryset = manager.filter(pk__in=chunk)
            for record in queryset.select_for_update() if lock else queryset:
                found[record.pk] = record
        return found

    def taken_message(self, row):
        """A row's natural key belongs to a record the user cannot change (elsewhere, or deleted out of scope)."""
        return _("%(key)s ini sudah tercatat di registri untuk data yang tidak dapat Anda ubah. Periksa nilainya; jika memang "
                 "milik data di wilayah Anda, hubungi administrator.") % {"key": self.key_label_name or _("Kunci data")}

    def export_queryset(self, user):
        raise NotImplementedError

    def export_cells(self, instance):
        raise NotImplementedError

    # -- helpers shared by the kinds --------------------------------------------------------------
    @cached_property
    def _direct_columns(self):
        return [(column.header, column.field) for column in self.columns if column.field]

    @cached_property
    def _required_headers(self):
        return [column.header for column in self.columns if column.required]

    def direct_data(self, row):
        cells = row.cells
        data = {}
        for header, field_name in self._direct_columns:
            value = cells.get(header)
            if value is not None:
                data[field_name] = value
        return data

    def resolve_region(self, row, *, level=4):
        names = [row.cells.get(header) for header in REGION_HEADERS[:level]]
        code = row.cells.get("Kode Wilayah")
        if code is None and not any(name is not None for name in names):
            return None
        return self.regions.resolve(names, level=level, scope=self.scope or None, code=code)

    def region_cells(self, code):
        """Names of the region and its ancestors, for the pre-filled workbook."""
        parts = code.split(".") if code else []
        names = []
        for level in range(1, 5):
            prefix = ".".join(parts[:level])
            names.append(self.regions.regions[prefix][0] if level <= len(parts) and prefix in self.regions.regions else None)
        return names

    def missing_required(self, row):
        cells = row.cells
        return [header for header in self._required_headers if cells.get(header) is None]

    def show_value(self, field_name, value):
        """How a stored or new value is shown in the preview (parsed values, the Indonesian way)."""
        if value is None or value == "":
            return ""
        if field_name in ("commodity_id", "primary_commodity") and getattr(self, "commodities", None) is not None:
            return self.commodities.names.get(value, value)
        if field_name in self.region_fields and self.regions is not None:
            return self.regions.describe(value)
        if field_name in self.choice_labels:
            return str(self.choice_labels[field_name].get(value, value))
        if isinstance(value, bool):
            return _("ya") if value else _("tidak")
        if isinstance(value, (int, Decimal)):
            return values.show_number(value)
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y")
        return str(value)

    region_fields = ("desa_id", "region_id", "kabupaten_kota_id")

    @cached_property
    def choice_labels(self):
        labels = {}
        for field_obj in self.model._meta.concrete_fields:
            if field_obj.choices:
                labels[field_obj.attname] = dict(field_obj.choices)
        return labels

    def describe(self, field_name):
        for column in self.columns:
            if column.field == field_name:
                return column.header
        try:
            return capfirst(str(self.model._meta.get_field(field_name.removesuffix("_id")).verbose_name))
        except Exception:
            return field_name


def chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def require(value, message):
    if value is None:
        raise CellError(message)
    return value


__all__ = [
    "AMBIGUOUS", "ID_HEADER", "Column", "ImportKind", "Row", "chunks", "normalize", "region_columns", "point_columns", "choice_column", "require",
    "next_year",
]
