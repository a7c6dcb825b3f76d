"""Records the rows point at by natural key (sentra by code, IKM unit by NIB), loaded in chunks once."""

from django.utils.translation import gettext as _

from ikm.models import IkmUnit
from sentra.models import Sentra

from ..values import CellError
from .base import chunks


def load_sentra(rows, header="Kode Sentra"):
    codes = {row.cells.get(header) for row in rows if row.cells.get(header)}
    found = {}
    for chunk in chunks(codes):
        for sentra in Sentra.objects.filter(code__in=chunk).only("id", "code", "name", "desa_id"):
            found[sentra.code] = sentra
    return found


def load_units(rows, header="NIB"):
    nibs = {row.cells.get(header) for row in rows if row.cells.get(header)}
    found = {}
    for chunk in chunks(nibs):
        for unit in IkmUnit.objects.filter(nib__in=chunk).only("id", "nib", "name", "desa_id"):
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
    return pick(table, code, _("Sentra dengan kode '%(value)s' tidak ditemukan di registri"))


def unit_by_nib(table, nib):
    return pick(table, nib, _("Unit IKM dengan NIB %(value)s tidak ditemukan di registri"))
