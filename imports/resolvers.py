"""In-memory look-ups loaded once per import, so validating 100,000 rows costs no query per row."""

import difflib
import re
from collections import defaultdict
from functools import cached_property

from django.utils.translation import gettext as _

from commodities.models import Commodity
from regions.models import Region

from .values import CellError, normalize

CODE_PATTERN = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
LEVEL_LABEL = {1: "Provinsi", 2: "Kabupaten/Kota", 3: "Kecamatan", 4: "Desa/Kelurahan"}
# Words people put in front of a region name; the kind they imply narrows the match ("Kota Bima" vs "Kab. Bima").
PREFIXES = {
    1: {"provinsi": None, "prov": None, "propinsi": None},
    2: {"kabupaten": "kabupaten", "kab": "kabupaten", "kota": "kota", "kota administrasi": "kota", "kotamadya": "kota", "kodya": "kota"},
    3: {"kecamatan": None, "kec": None, "distrik": None},
    4: {"desa": "desa", "ds": "desa", "kelurahan": "kelurahan", "kel": "kelurahan", "kampung": None, "nagari": None, "gampong": None},
}

# Everyday short names of provinces, as written in office sheets.
PROVINCE_ALIASES = {
    "ntt": "nusa tenggara timur", "ntb": "nusa tenggara barat", "diy": "daerah istimewa yogyakarta",
    "yogyakarta": "daerah istimewa yogyakarta", "jogja": "daerah istimewa yogyakarta", "dki": "daerah khusus ibukota jakarta",
    "dki jakarta": "daerah khusus ibukota jakarta", "jakarta": "daerah khusus ibukota jakarta", "jabar": "jawa barat",
    "jateng": "jawa tengah", "jatim": "jawa timur", "sumut": "sumatera utara", "sumbar": "sumatera barat",
    "sumsel": "sumatera selatan", "babel": "kepulauan bangka belitung", "bangka belitung": "kepulauan bangka belitung",
    "kepri": "kepulauan riau", "kalbar": "kalimantan barat", "kalteng": "kalimantan tengah", "kalsel": "kalimantan selatan",
    "kaltim": "kalimantan timur", "kaltara": "kalimantan utara", "sulut": "sulawesi utara", "sulteng": "sulawesi tengah",
    "sulsel": "sulawesi selatan", "sultra": "sulawesi tenggara", "sulbar": "sulawesi barat", "malut": "maluku utara",
    "nad": "aceh", "nanggroe aceh darussalam": "aceh",
}


SORTED_PREFIXES = {level: sorted(prefixes, key=len, reverse=True) for level, prefixes in PREFIXES.items()}
FIRST_WORDS = {level: {prefix.split()[0] for prefix in prefixes} for level, prefixes in PREFIXES.items()}


def strip_prefix(level, name):
    """('kab alor' -> ('alor', 'kabupaten')); the longest matching prefix wins."""
    if name.split(" ", 1)[0] not in FIRST_WORDS[level]:
        return name, None
    for prefix in SORTED_PREFIXES[level]:
        if name.startswith(prefix + " ") and len(name) > len(prefix) + 1:
            return name[len(prefix) + 1 :], PREFIXES[level][prefix]
    return name, None


class RegionResolver:
    """Resolve loosely written region names ('Kab. Alor', 'KABUPATEN ALOR', 'Alor') or codes to one region."""

    def __init__(self):
        self.regions = {}
        for code, name, level, kind in Region.objects.values_list("code", "name", "level", "kind").iterator(chunk_size=10000):
            self.regions[code] = (name, level, kind)
        self._cache = {}

    @cached_property
    def by_name(self):
        """Codes by normalised name per level; built on the first name to resolve (a file of codes never needs it)."""
        by_name = {level: defaultdict(list) for level in (1, 2, 3, 4)}
        for code, (name, level, _kind) in self.regions.items():
            base, _implied = strip_prefix(level, normalize(name))
            by_name[level][base].append(code)
        return by_name

    def label(self, code):
        return f"{code} {self.regions[code][0]}"

    def _candidates(self, level, raw, within):
        """Codes at `level` matching `raw` (a name or a code) inside any of `within` (None: anywhere)."""
        raw_text = str(raw).strip()
        if CODE_PATTERN.match(raw_text):
            codes = [raw_text] if raw_text in self.regions and self.regions[raw_text][1] == level else []
        else:
            base, kind = strip_prefix(level, normalize(raw_text))
            if level == 1:
                base = PROVINCE_ALIASES.get(base, base)
            codes = self.by_name[level].get(base, [])
            if kind:
                codes = [code for code in codes if self.regions[code][2] == kind or (kind == "desa" and self.regions[code][2] == "desa_adat")]
        if within is not None:
            codes = [code for code in codes if any(code.startswith(parent + ".") for parent in within)]
        return codes

    def _suggest(self, level, raw, within):
        names = {}
        for code, (name, region_level, _kind) in self.regions.items():
            if region_level == level and (within is None or any(code.startswith(p + ".") for p in within)):
                names.setdefault(normalize(name), code)
            if len(names) > 5000:
                break
        close = difflib.get_close_matches(normalize(raw), names, n=3, cutoff=0.75)
        return [self.label(names[name]) for name in close]

    def resolve(self, names, *, level, scope=None, code=None):
        """`names` = (provinsi, kabupaten/kota, kecamatan, desa) cells; returns the code at `level` or raises CellError."""
        key = (tuple(names), level, scope, code)
        if key not in self._cache:
            try:
                self._cache[key] = self._resolve(names, level, scope, code)
            except CellError as error:
                self._cache[key] = error
        found = self._cache[key]
        if isinstance(found, CellError):
            raise found
        return found

    def _resolve(self, names, level, scope, code):
        if code is not None:
            code = str(code).strip()
            if code not in self.regions or self.regions[code][1] != level:
                raise CellError(_("Kode wilayah '%(code)s' tidak dikenal sebagai %(level)s") % {"code": code[:20], "level": LEVEL_LABEL[level]})
        given = [(i + 1, value) for i, value in enumerate(names[:level]) if value is not None]
        if code is None and not any(lvl == level for lvl, _v in given):
            raise CellError(_("%(level)s wajib diisi (nama atau kode)") % {"level": LEVEL_LABEL[level]})
        # Without a province or kabupaten, names are looked for inside the user's own area first.
        within = [scope] if scope and not any(lvl <= 2 for lvl, _v in given) else None
        for lvl, value in given:
            codes = self._candidates(lvl, value, within)
            if code is not None:
                codes = [c for c in codes if code == c or code.startswith(c + ".")]
                if not codes:
                    raise CellError(
                        _("%(level)s '%(name)s' tidak cocok dengan kode wilayah %(code)s")
                        % {"level": LEVEL_LABEL[lvl], "name": str(value)[:60], "code": code}
                    )
            if not codes:
                where = _(" di %(parent)s") % {"parent": ", ".join(self.label(p) for p in within)} if within else ""
                hint = self._suggest(lvl, value, within)
                message = _("%(level)s '%(name)s' tidak ditemukan%(where)s") % {"level": LEVEL_LABEL[lvl], "name": str(value)[:60], "where": where}
                if hint:
                    message += _("; mungkin maksud Anda: %(hint)s") % {"hint": "; ".join(hint)}
                raise CellError(message)
            within = codes
        if code is not None:
            return code
        if len(within) > 1:
            raise CellError(
                _("%(level)s '%(name)s' cocok dengan beberapa wilayah: %(candidates)s. Tulis nama induknya atau isi Kode Wilayah.")
                % {"level": LEVEL_LABEL[level], "name": str(dict(given)[level])[:60], "candidates": "; ".join(self.label(c) for c in within[:8])}
            )
        return within[0]


class NamedLookup:
    """Code-or-name look-up for small reference tables (commodities, equipment types, programmes)."""

    def __init__(self, queryset, label, extra_keys=()):
        self.label = label
        self.ids = {}
        self.names = {}
        ambiguous = set()
        for row in queryset.values("id", "code", "name", *extra_keys):
            self.names[row["id"]] = row["name"]
            for key in (row["code"], row["name"], *(row[k] for k in extra_keys)):
                if not key:
                    continue
                norm = normalize(key)
                if norm in self.ids and self.ids[norm] != row["id"]:
                    ambiguous.add(norm)
                self.ids[norm] = row["id"]
        for norm in ambiguous:
            del self.ids[norm]
        self._known = {}

    def resolve(self, raw):
        if raw is None:
            return None
        try:  # the same few names repeat over thousands of rows
            return self._known[raw]
        except (KeyError, TypeError):
            pass
        found = self.ids.get(normalize(raw))
        if found is None:
            close = difflib.get_close_matches(normalize(raw), [normalize(n) for n in self.names.values()], n=3, cutoff=0.6)
            message = _("%(label)s '%(value)s' tidak dikenal") % {"label": self.label, "value": str(raw)[:60]}
            if close:
                message += _("; mungkin maksud Anda: %(hint)s") % {"hint": ", ".join(close)}
            raise CellError(message)
        if len(self._known) < 10_000:
            self._known[raw] = found
        return found


def commodity_lookup():
    return NamedLookup(Commodity.objects.all(), _("Komoditas"), extra_keys=("kbli_code",))
