"""Links from a dashboard figure to the filtered list behind it.

The list pages use the FilterSets' parameter names; a link carries only the dashboard filters that the
target list's FilterSet knows (a sentra list understands `status`, an IKM list does not).
"""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from facilities.filtersets import MachineFilterSet, RoomFilterSet
from funding.filtersets import DakActivityFilterSet, DakAllocationFilterSet
from ikm.filtersets import IkmUnitFilterSet, YearlyFigureFilterSet
from sentra.filtersets import SentraFilterSet

# kind: (FilterSet, URL names to try, path used while no such name exists)
LISTS = {
    "sentra": (SentraFilterSet, ("sentra:list", "sentra:sentra_list", "sentra:index"), "/sentra/"),
    "ikm": (IkmUnitFilterSet, ("ikm:list", "ikm:ikm_list", "ikm:index"), "/ikm/"),
    "ruang": (RoomFilterSet, ("facilities:room_list", "facilities:rooms", "facilities:ruang"), "/fasilitas/ruang/"),
    "mesin": (MachineFilterSet, ("facilities:machine_list", "facilities:machines", "facilities:mesin"), "/fasilitas/mesin/"),
    "dak": (DakAllocationFilterSet, ("funding:allocation_list", "funding:list", "funding:index"), "/dak/"),
    "dak-kegiatan": (DakActivityFilterSet, ("funding:activity_list", "funding:activities", "funding:kegiatan"), "/dak/kegiatan/"),
    "kinerja": (YearlyFigureFilterSet, ("ikm:figure_list", "ikm:yearly_figure_list", "ikm:kinerja"), "/ikm/kinerja/"),
}
_resolved = {}


def list_path(kind):
    if kind not in _resolved:
        filterset, names, fallback = LISTS[kind]
        path = fallback
        for name in names:
            try:
                path = reverse(name)
                break
            except NoReverseMatch:
                continue
        _resolved[kind] = path
    return _resolved[kind]


def list_url(kind, base_pairs=(), **params):
    """URL of list `kind` filtered by the dashboard filters it understands plus `params` (which win)."""
    filterset = LISTS[kind][0]
    known = filterset.base_filters
    pairs = [(name, value) for name, value in base_pairs if name in known and name not in params]
    pairs += [(name, value) for name, value in params.items() if value not in (None, "") and name in known]
    query = urlencode(pairs)
    return f"{list_path(kind)}?{query}" if query else list_path(kind)
