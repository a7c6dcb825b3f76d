"""Which column of the file feeds which field: the template's headers, known aliases, then similar spellings.

The guess is shown to the user as the mapping step, where every column can be corrected, ignored, or (for
a field that adds up, like total workers) combined with others. A file that uses exactly the template's
headers skips the step; a mapping an office confirmed is remembered for its next file with the same headers
(RememberedMapping, keyed by region, record type and a signature of the headers).
"""

import hashlib

from rapidfuzz import fuzz, process

from .files import column_letter
from .kinds.base import ID_HEADER, UPDATED_HEADER, VERSION_HEADER
from .values import normalize

FUZZY_CUTOFF = 80
# Headers that are never data: the row counter most registers start with.
IGNORED = {"no", "no urut", "nomor", "nomor urut", "nmr", "urut", "#"}
TEMPLATE, ALIAS, FUZZY, REMEMBERED, USER, IGNORE, NONE, HIDDEN = (
    "template", "alias", "fuzzy", "remembered", "user", "ignore", "none", "hidden",
)
SURE = {TEMPLATE, ALIAS, REMEMBERED, USER, IGNORE}


def info_headers(kind):
    """Columns the pre-filled workbook adds after the kind's own (version, last change, record id)."""
    headers = [VERSION_HEADER, UPDATED_HEADER]
    if kind.record_id:
        headers.append(ID_HEADER)
    return headers


class Matcher:
    """Header text -> (target header, how) for one record type."""

    def __init__(self, kind):
        self.kind = kind
        self.template = {}
        self.aliases = {}
        for column in kind.columns:
            self.template[normalize(column.header)] = column.header
            for alias in column.aliases:
                self.aliases.setdefault(normalize(alias), column.header)
        for header in info_headers(kind):
            self.template[normalize(header)] = header
        self.summable = {column.header for column in kind.columns if column.summable}
        self._fuzzy_keys = list({**self.aliases, **self.template})
        self._cache = {}

    def match(self, text):
        if text is None:
            return "", NONE
        name = normalize(text)
        if name in self._cache:
            return self._cache[name]
        if not name or name in IGNORED:
            found = ("", IGNORE if name else NONE)
        elif name in self.template:
            found = (self.template[name], TEMPLATE)
        elif name in self.aliases:
            found = (self.aliases[name], ALIAS)
        else:
            best = process.extractOne(name, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best is None:
                found = ("", NONE)
            else:
                key = best[0]
                found = (self.template.get(key) or self.aliases[key], FUZZY)
        self._cache[name] = found
        return found

    def score(self, headers):
        """How much a row of texts looks like this kind's header: template 3, alias 2, similar 1 per column."""
        weights = {TEMPLATE: 3, ALIAS: 2, FUZZY: 1}
        seen = set()
        total = matched = 0
        for text in headers:
            if text is None or not isinstance(text, str):
                continue
            target, how = self.match(text)
            if target and target not in seen:
                seen.add(target)
                total += weights.get(how, 0)
                matched += 1
        return total if matched >= 2 or (matched == 1 and total >= 3 and len([h for h in headers if h]) <= 2) else 0


def guess(kind, headers, samples=None, hidden_columns=()):
    """The mapping (one dict per non-empty header column) the step starts from."""
    matcher = Matcher(kind)
    mapping = []
    best = {}  # target -> position in mapping of the strongest claim
    rank = {TEMPLATE: 4, ALIAS: 3, FUZZY: 1}
    for index, text in enumerate(headers):
        if text is None:
            continue
        target, how = matcher.match(text)
        entry = {
            "index": index, "letter": column_letter(index), "header": str(text)[:120], "target": target, "how": how,
            "hidden": index in hidden_columns, "samples": (samples or {}).get(index, []),
        }
        if target and target not in matcher.summable:
            previous = best.get(target)
            if previous is not None:
                other = mapping[previous]
                if rank.get(how, 0) > rank.get(other["how"], 0):
                    other.update(target="", how=NONE)
                    best[target] = len(mapping)
                else:
                    entry.update(target="", how=NONE)
            else:
                best[target] = len(mapping)
        mapping.append(entry)
    return mapping


def signature(headers):
    """The same headers in the same places give the same signature, whatever their spelling of spaces or case."""
    text = "|".join(normalize(header) if header is not None else "" for header in headers).rstrip("|")
    return hashlib.sha256(text.encode()).hexdigest()


def is_exact_template(mapping):
    """Every header is one of the template's (or a row counter): nothing for the user to confirm."""
    return bool(mapping) and all(entry["how"] in (TEMPLATE, IGNORE) for entry in mapping) and any(entry["target"] for entry in mapping)




def apply_remembered(mapping, targets):
    """Targets a confirmed mapping gave these columns (same headers, same places)."""
    for entry, target in zip(mapping, targets):
        entry["target"] = target
        entry["how"] = REMEMBERED if target else IGNORE
    return mapping


def validate(kind, mapping):
    """Errors of a mapping the user submitted: the same field fed twice (unless it adds up)."""
    summable = {column.header for column in kind.columns if column.summable}
    used = {}
    errors = []
    for entry in mapping:
        target = entry["target"]
        if not target or target in summable:
            continue
        if target in used:
            errors.append((target, used[target], entry["letter"]))
        used.setdefault(target, entry["letter"])
    return errors


def targets_of(kind):
    """(header, label) choices of the mapping step, the kind's columns then the workbook's info columns."""
    choices = [(column.header, column.header + (" (+)" if column.summable else "")) for column in kind.columns]
    return choices + [(header, header) for header in info_headers(kind) if header != UPDATED_HEADER]
