"""What every importable record type declares: its columns, natural key, look-ups and cross-field rules.

The engine (imports/engine.py) does the rest the same way for every type: parse cells, resolve names,
fetch existing records in a few queries, decide create/update/unchanged/refused/conflict, write in bulk.
"""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

from django.utils import timezone

from core.instances import InstanceFactory
from django.utils.translation import gettext as _

from .. import values
from ..values import CellError, normalize

REGION_HEADERS = ("Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan")
VERSION_HEADER = "Versi"
UPDATED_HEADER = "Terakhir Diubah"
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
    aliases: tuple = ()
    choices: tuple = ()  # shown in the template's instructions and as a drop-down


def region_columns(*, upto=4, required_level=4):
    columns = [
        Column(header, values.text(100), help=_("Nama wilayah; boleh ditulis bebas ('Kab. Alor', 'KABUPATEN ALOR', 'Alor')."))
        for header in REGION_HEADERS[:upto]
    ]
    columns.append(
        Column("Kode Wilayah", values.text(13), help=_("Kode Kemendagri (mis. 53.05.03.2001). Jika diisi bersama nama, keduanya harus cocok."))
    )
    return columns


def choice_column(header, field_name, choices, **kwargs):
    return Column(header, values.choice(choices), field=field_name, choices=tuple(str(label) for _v, label in choices), **kwargs)


@dataclass
class Row:
    number: int
    cells: dict  # header -> parsed value (None when empty)
    errors: list = field(default_factory=list)
    version: int | None = None
    key: tuple | None = None
    data: dict = field(default_factory=dict)  # model attname -> value
    extra: dict = field(default_factory=dict)  # values written outside the model row (e.g. primary commodity)
    key_label: str = ""


class ImportKind:
    do_not_call_in_templates = True  # templates list the classes themselves
    code = ""
    label = ""
    model = None
    columns: list = []
    key_help = ""

    def __init__(self, *, user, scope, regions=None):
        self.user = user
        self.scope = scope  # region code the user is confined to, or "" for national
        self.regions = regions

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
        """Rules across fields on the merged record; return a list of reasons to refuse."""
        return []

    def region_of(self, instance):
        raise NotImplementedError

    def attach_relations(self, instance):
        """Put already-loaded related objects on the instance so the scope check on write needs no query."""

    def missing_existing(self, row):
        """Why a row whose key names a record that must exist (an ID) cannot be created; None to create."""
        return None

    def after_write(self, written_rows):
        """Write what lives outside the model row (links), for (row, instance) pairs just written."""

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
        """How a stored or new value is shown in the preview's list of changes."""
        if value is None:
            return ""
        if field_name in ("commodity_id", "primary_commodity") and hasattr(self, "commodities"):
            return self.commodities.names.get(value, value)
        return str(value)

    def describe(self, field_name):
        for column in self.columns:
            if column.field == field_name:
                return column.header
        try:
            return str(self.model._meta.get_field(field_name.removesuffix("_id")).verbose_name)
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


__all__ = ["AMBIGUOUS", "Column", "ImportKind", "Row", "chunks", "normalize", "region_columns", "choice_column", "require", "next_year"]
