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

    def __init__(self, codes=None):
        """Every region, or (`codes`) only those regions and their ancestors: enough to name them on a page."""
        self.regions = {}
        queryset = Region.objects.values_list("code", "name", "level", "kind")
        if codes is not None:
            wanted = set()
            for code in codes:
                parts = str(code).split(".")
                wanted.update(".".join(parts[:length]) for length in range(1, len(parts) + 1))
            queryset = queryset.filter(code__in=sorted(wanted)) if wanted else queryset.none()
        for code, name, level, kind in queryset.iterator(chunk_size=10000):
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

    def short(self, code):
        """'Desa Kuneman', 'Kec. Alor Barat Daya', 'Kabupaten Alor': a region's name as people say it."""
        name, level, kind = self.regions[code]
        if level == 4:
            prefix = {"desa": _("Desa"), "kelurahan": _("Kel.")}.get(kind)
        else:
            prefix = {1: _("Provinsi"), 3: _("Kec.")}.get(level)
        if prefix and not normalize(name).startswith(normalize(prefix)):
            return f"{prefix} {name}"
        return name

    def describe(self, code):
        """A desa with its kecamatan and kabupaten ('Desa Kuneman, Kec. Alor Barat Daya, Kabupaten Alor')."""
        if code not in self.regions:
            return str(code)
        parts = code.split(".")
        chain = [".".join(parts[:length]) for length in range(len(parts), 1 if len(parts) > 1 else 0, -1)]
        return ", ".join(self.short(part) for part in chain if part in self.regions)

    def label(self, code):
        """A candidate in a message: its names, and its code to copy into Kode Wilayah."""
        return _("%(names)s (kode %(code)s)") % {"names": self.describe(code), "code": code}

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
        return [self.describe(names[name]) for name in close]

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
                raise CellError(
                    _("Kode wilayah '%(code)s' tidak dikenal sebagai %(level)s; periksa kodenya (mis. 53.05.03.2001) atau kosongkan dan tulis nama wilayahnya")
                    % {"code": code[:20], "level": LEVEL_LABEL[level]}
                )
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
                        _("%(level)s '%(name)s' tidak cocok dengan kode wilayah %(code)s (%(names)s); perbaiki salah satunya")
                        % {"level": LEVEL_LABEL[lvl], "name": str(value)[:60], "code": code, "names": self.describe(code)}
                    )
            if not codes:
                where = _(" di %(parent)s") % {"parent": "; ".join(self.describe(p) for p in within)} if within else ""
                hint = self._suggest(lvl, value, within)
                message = _("%(level)s '%(name)s' tidak ditemukan%(where)s") % {"level": LEVEL_LABEL[lvl], "name": str(value)[:60], "where": where}
                if hint:
                    message += _("; mungkin maksud Anda: %(hint)s") % {"hint": "; ".join(hint)}
                raise CellError(message, column=LEVEL_LABEL[lvl])
            within = codes
        if code is not None:
            return code
        if len(within) > 1:
            raise CellError(
                _("%(level)s '%(name)s' cocok dengan beberapa wilayah: %(candidates)s. Tulis juga nama kecamatan/kabupatennya atau isi Kode Wilayah.")
                % {"level": LEVEL_LABEL[level], "name": str(dict(given)[level])[:60], "candidates": "; ".join(self.label(c) for c in within[:8])}
            )
        return within[0]


class NamedLookup:
    """Code-or-name look-up for small reference tables (commodities, equipment types, programmes).

    Matches the code, the name, extra keys (KBLI) and synonyms after normalize(); a value that matches
    nothing is refused with the closest names as suggestions ("Kopi bubuk" -> "Kopi olahan"), and the user
    can map it for the whole file in the preview (`chosen`: {normalized value: id})."""

    def __init__(self, queryset, label, extra_keys=(), list_keys=(), chosen=None, column=None):
        self.label = label
        self.column = column  # the import column it reads, for messages and the preview's value mapping
        self.ids = {}
        self.names = {}
        self.keys_of = {}
        ambiguous = set()
        for row in queryset.values("id", "code", "name", *extra_keys, *list_keys):
            self.names[row["id"]] = row["name"]
            keys = [row["code"], row["name"], *(row[k] for k in extra_keys)]
            for name in list_keys:
                keys += list(row[name] or [])
            self.keys_of[row["id"]] = [normalize(key) for key in keys if key]
            for key in keys:
                if not key:
                    continue
                norm = normalize(key)
                if norm in self.ids and self.ids[norm] != row["id"]:
                    ambiguous.add(norm)
                self.ids[norm] = row["id"]
        for norm in ambiguous:
            del self.ids[norm]
        self.chosen = {normalize(raw): value for raw, value in (chosen or {}).items() if value in self.names}
        self._known = {}

    def suggestions(self, raw, limit=3):
        """Names whose code, name or synonyms contain the value's words or are spelled alike."""
        from rapidfuzz import fuzz

        value = normalize(raw)
        words = set(value.split())
        scored = []
        for pk, keys in self.keys_of.items():
            best = 0
            for key in keys:
                key_words = set(key.split())
                if words and (words <= key_words or key_words <= words):
                    best = max(best, 90)
                best = max(best, fuzz.ratio(value, key), fuzz.token_set_ratio(value, key) - 10)
            if best >= 70:
                scored.append((-best, self.names[pk], pk))
        return [(name, pk) for _score, name, pk in sorted(scored)[:limit]]

    def resolve(self, raw):
        if raw is None:
            return None
        try:  # the same few names repeat over thousands of rows
            return self._known[raw]
        except (KeyError, TypeError):
            pass
        norm = normalize(raw)
        found = self.ids.get(norm) or self.chosen.get(norm)
        if found is None:
            message = _("%(label)s '%(value)s' tidak dikenal") % {"label": self.label, "value": str(raw)[:60]}
            close = self.suggestions(raw)
            if close:
                message += _("; mungkin maksud Anda: %(hint)s. Pilih padanannya di atas tabel pratinjau atau perbaiki berkasnya") % {
                    "hint": ", ".join(name for name, _pk in close)
                }
            else:
                message += _("; pilih padanannya di atas tabel pratinjau atau lihat daftar nama di lembar Petunjuk templat")
            raise UnknownValue(message, raw=str(raw)[:120], suggestions=close, column=self.column)
        if len(self._known) < 10_000:
            self._known[raw] = found
        return found


class UnknownValue(CellError):
    """A reference value (commodity, equipment type) that matches nothing: the preview offers to map it."""

    def __init__(self, message, *, raw, suggestions, column=None):
        super().__init__(message, column=column)
        self.raw = raw
        self.suggestions = suggestions


def commodity_lookup(chosen=None, column="Komoditas"):
    return NamedLookup(
        Commodity.objects.all(), _("Komoditas"), extra_keys=("kbli_code",), list_keys=("synonyms",), chosen=chosen, column=column
    )
