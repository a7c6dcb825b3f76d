"""Published tables: each dataset's figures for Indonesia, every province and kabupaten/kota, suppressed once.

Computed from one GROUP BY per dataset (by kabupaten/kota) and cached for OPENDATA_CACHE_SECONDS: at national
scale (a million IKM units) the grouping takes about a second, a cached page a few milliseconds. The cache
holds numbers only; labels follow the visitor's language when rendered.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.models import Region

from .datasets import datasets
from .suppression import suppress

CACHE_VERSION = 1
NATIONAL = ""


def threshold():
    return getattr(settings, "OPENDATA_MIN_CELL", 3)


def _levels(code):
    """The region itself and its ancestors that the tables keep: kabupaten/kota, province, Indonesia."""
    return (code, code[:2], NATIONAL)


def _roll_up(per_kabupaten):
    regions = {}
    for code, cells in per_kabupaten.items():
        for target in _levels(code):
            entry = regions.setdefault(target, {})
            for key, value in cells.items():
                entry[key] = entry.get(key, 0) + (value or 0)
    return regions


def _equations(dataset, regions):
    equations = []
    for code in regions:
        for members, total in dataset.partitions:
            equations.append([(code, key) for key in [*members, total]])
    keys = [key for members, total in dataset.partitions for key in [*members, total]]
    provinces = [code for code in regions if len(code) == 2]
    for key in keys:
        equations.append([*((code, key) for code in provinces), (NATIONAL, key)])
        for province in provinces:
            children = [code for code in regions if len(code) == 5 and code.startswith(province + ".")]
            equations.append([*((code, key) for code in children), (province, key)])
    return equations


def _build(dataset):
    per_kabupaten = dataset.fetch()
    if dataset.by_year:
        regions = {}
        for (code, year), cells in per_kabupaten.items():
            for target in _levels(code):
                entry = regions.setdefault(target, {}).setdefault(year, {key: 0 for key in cells})
                for key, value in cells.items():
                    entry[key] += value or 0
        published = {code: {"years": {year: {**cells, "absorption_percent": _absorption(cells)} for year, cells in sorted(years.items())}}
                     for code, years in regions.items()}
    else:
        regions = _roll_up(per_kabupaten)
        hidden = set()
        if dataset.suppressed:
            counts = {(code, key): value for code, cells in regions.items() for key, value in cells.items() if key not in dataset.followers}
            hidden = suppress(counts, _equations(dataset, regions), threshold())
            hidden |= {(code, key) for code in regions for key, count in dataset.followers.items() if (code, count) in hidden}
        published = {code: {"cells": cells, "hidden": sorted(key for (where, key) in hidden if where == code)} for code, cells in regions.items()}
    modified = dataset.modified()
    return {
        "regions": published,
        "computed_at": timezone.now().isoformat(),
        "modified": modified.isoformat() if modified else None,
        "threshold": threshold(),
    }


def _absorption(cells):
    return round(cells["realisation"] * 100 / cells["pagu"], 2) if cells.get("pagu") else None


def dataset_for(slug):
    dataset = datasets().get(slug)
    if dataset is None:
        raise Http404(_("Dataset tidak dikenal."))
    return dataset


def published(dataset):
    """The dataset's published figures: fresh from the cache, or stale while the worker recomputes them.

    Grouping a million IKM units takes a few seconds; a visitor should never wait for it. The first visitor
    after a cold start does (or `manage.py opendata_refresh` at deploy); after OPENDATA_CACHE_SECONDS the old
    figures are still served while one background job (webhooks-style, through django-tasks) replaces them.
    OPENDATA_CACHE_SECONDS=0 computes on every request (tests)."""
    seconds = getattr(settings, "OPENDATA_CACHE_SECONDS", 900)
    if not seconds:
        return _build(dataset)
    key = _key(dataset.slug)
    entry = cache.get(key)
    if entry is None:
        return refresh(dataset)
    if entry["fresh_until"] < timezone.now().timestamp() and cache.add(f"{key}:refreshing", 1, 300):
        from .tasks import refresh_dataset

        refresh_dataset.enqueue(dataset.slug)
    return entry["value"]


def _key(slug):
    return f"opendata:v{CACHE_VERSION}:{slug}"


def refresh(dataset):
    """Recompute and cache one dataset (kept a day past its freshness, to be served while it is recomputed)."""
    seconds = getattr(settings, "OPENDATA_CACHE_SECONDS", 900)
    value = _build(dataset)
    cache.set(_key(dataset.slug), {"value": value, "fresh_until": timezone.now().timestamp() + seconds}, seconds + 86400)
    cache.delete(f"{_key(dataset.slug)}:refreshing")
    return value


def region_for(code):
    """Indonesia (""), a province or a kabupaten/kota; anything else is a 404 (kecamatan and below are not published)."""
    code = (code or "").strip()
    if code == NATIONAL:
        return None
    region = Region.objects.filter(code=code, level__in=(1, 2)).first()
    if region is None:
        raise Http404(_("Wilayah tidak dikenal atau tidak diterbitkan (hanya provinsi dan kabupaten/kota)."))
    return region


def _values(entry, keys):
    hidden = set(entry.get("hidden", []))
    return [None if key in hidden else entry.get("cells", {}).get(key, 0) for key in keys]


DEPTH = {0: 0, 2: 1, 5: 2}  # code length -> Indonesia, province, kabupaten/kota


def rows_for(figures, code, *, below=1):
    """Codes of the rows for a page or download: the region's descendants down `below` levels (never below
    kabupaten/kota), then the region itself."""
    level = DEPTH[len(code)]
    prefix = f"{code}." if code else ""
    children = sorted(
        other for other in figures["regions"]
        if other != code and other.startswith(prefix) and 0 < DEPTH.get(len(other), 9) - level <= below
    )
    return [*children, code]


def table(dataset, figures, code, *, below=1):
    """[(region code, [values per column])] for non-yearly datasets; [(code, year, values)] for yearly ones."""
    regions = figures["regions"]
    codes = rows_for(figures, code, below=below)
    keys = dataset.column_keys()
    if dataset.by_year:
        out = []
        for where in codes:
            for year, cells in regions.get(where, {}).get("years", {}).items():
                out.append((where, year, [year if key == "year" else cells.get(key) for key in keys]))
        return out
    return [(where, _values(regions.get(where, {}), keys)) for where in codes]


def region_names(codes):
    names = dict(Region.objects.filter(code__in=[code for code in codes if code]).values_list("code", "name"))
    names[NATIONAL] = _("Indonesia")
    return names
