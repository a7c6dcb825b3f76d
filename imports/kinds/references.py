"""Records the rows point at by natural key (sentra by code, IKM unit by NIB), loaded in chunks once.

Only records inside the user's region are loaded: a code or NIB that exists elsewhere gets the same answer
as one that does not exist at all ("not found in your region"), so an import never tells a user what lies
outside their scope.
"""

import re

from django.utils.translation import gettext as _

from accounts.scope import region_q
from core.lookups import ANY_OF_CHUNK
from ikm.models import IkmUnit
from sentra.models import Sentra

from ..values import CellError, normalize
from .base import chunks

SEPARATORS = re.compile(r"\s*[,;]\s*|\s+dan\s+")


def _scoped(queryset, scope, path):
    return queryset.filter(region_q(scope, path)) if scope else queryset


def load_sentra(rows, header="Kode Sentra", scope=""):
    codes = {row.cells.get(header) for row in rows if row.cells.get(header)}
    found = {}
    for chunk in chunks(codes):
        for sentra in _scoped(Sentra.objects.filter(code__in=chunk), scope, "desa").only("id", "code", "name", "desa_id"):
            found[sentra.code] = sentra
    return found


def load_units(rows, header="NIB", scope=""):
    nibs = {row.cells.get(header) for row in rows if row.cells.get(header)}
    found = {}
    for chunk in chunks(nibs, ANY_OF_CHUNK):
        for unit in _scoped(IkmUnit.objects.filter(nib__any_of=chunk), scope, "desa").only("id", "nib", "name", "desa_id"):
            found[unit.nib] = unit
    return found


def pick(table, value, message):
    if value is None:
        return None
    try:
        return table[value]
    except KeyError:
        raise CellError(message % {"value": value}) from None


def sentra_by_code(table, code):
    return pick(table, code, _("Sentra dengan kode '%(value)s' tidak ditemukan di wilayah Anda; periksa kodenya di daftar sentra"))


def unit_by_nib(table, nib):
    return pick(table, nib, _("Unit IKM dengan NIB %(value)s tidak ditemukan di wilayah Anda; periksa NIB-nya di daftar unit IKM"))


class SentraIndex:
    """Sentra in scope named in a column by code or by name (several per cell when `split`)."""

    def __init__(self, rows, header, *, scope, split=False):
        self.split = split
        texts = set()
        for row in rows:
            value = row.cells.get(header)
            if value:
                texts.update(self._parts(value))
        self.any = bool(texts)
        self.by_code, self.by_name, self.codes = {}, {}, {}
        if not texts:
            return
        names = {normalize(text) for text in texts}
        queryset = _scoped(Sentra.objects.all(), scope, "desa").only("id", "code", "name", "desa_id")
        for chunk in chunks(texts):
            for sentra in queryset.filter(code__in=chunk):
                self._add(sentra)
        # Names: only when some text was no code (a register that writes "Sentra Tenun Moramam").
        if any(text not in self.by_code for text in texts):
            for sentra in queryset:
                if normalize(sentra.name) in names:
                    self._add(sentra)

    def _parts(self, value):
        value = str(value)
        return [part for part in SEPARATORS.split(value) if part] if self.split else [value]

    def _add(self, sentra):
        self.by_code[sentra.code] = sentra
        self.codes[sentra.pk] = sentra.code
        key = normalize(sentra.name)
        self.by_name[key] = sentra if key not in self.by_name or self.by_name[key].pk == sentra.pk else None

    def resolve(self, text):
        sentra = self.by_code.get(text) or self.by_name.get(normalize(text))
        if sentra is None:
            raise CellError(
                _("Sentra '%(value)s' tidak ditemukan di wilayah Anda; tulis kode sentra seperti di daftar sentra") % {"value": text}
            )
        return sentra

    def resolve_many(self, value):
        return [self.resolve(part) for part in self._parts(value)]

    def code_of(self, pk):
        return self.codes.get(pk, str(pk))
