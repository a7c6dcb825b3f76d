"""From the chosen sheet, layout and mapping to one parsed Row per data row.

Every mapped cell goes through its column's parser (values.py). Rows the user did not mean as data are set
aside with a reason: rows hidden in Excel (unless the user includes them), total rows (JUMLAH/TOTAL, or a
row of vertical SUMs) and empty rows. A formula whose value was not saved is flagged on its own row.
Text numbers that stay ambiguous in their column wait for the user's choice. Finally a summary per field
(filled, empty, smallest, largest) lets a misread column stand out in the preview.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .files import cell_name, column_letter
from .kinds.base import ID_HEADER, UPDATED_HEADER, VERSION_HEADER, Row
from .numbers import EN, ID, Ambiguous, ColumnConvention
from .values import CellError, NumberColumn, Noted, ambiguity_message, integer, normalize, show_number

PROGRESS_EVERY = 2000
SPECIAL = (Ambiguous, Noted)
TOTAL_LABEL = re.compile(r"^(?:sub ?)?(?:jumlah|total|grand total|jml)(?: (?:keseluruhan|seluruhnya|akhir|umum|semua|total|kab\w*|kec\w*|desa|kota))*$")
TOTAL_FIRST = frozenset("JjTtSsGg")
VERTICAL_SUM = re.compile(
    r"(?:SUM|SUBTOTAL)\s*\((?:\s*\d+\s*[;,])?\s*\[?\$?\.?\$?[A-Z]{1,3}\$?(\d+)\s*:\s*\.?\$?[A-Z]{1,3}\$?(\d+)", re.IGNORECASE
)


@dataclass
class ReadResult:
    rows: list
    notes: list = field(default_factory=list)
    summary: dict = field(default_factory=dict)


def column_labels(mapping):
    """{target header: "'Jml TK' (F)"} naming each field's file column(s) as the user sees them."""
    labels = {}
    for entry in mapping:
        if entry.get("target"):
            text = f"'{entry['header']}' ({entry['letter']})"
            labels[entry["target"]] = f"{labels[entry['target']]} + {text}" if entry["target"] in labels else text
    return labels


def cell_message(label, raw, error):
    message = str(error)
    shown = str(raw)[:40]
    if shown and shown not in message:
        message = _("%(message)s (tertulis '%(value)s')") % {"message": message, "value": shown}
    return _("Kolom %(column)s: %(message)s") % {"column": label, "message": message}


def _is_total_label(cells):
    seen = 0
    for cell in cells:
        if cell is None:
            continue
        seen += 1
        if cell.__class__ is str and cell[:1] in TOTAL_FIRST and TOTAL_LABEL.match(normalize(cell)):
            return True
        if seen >= 4:
            return False
    return False


def _vertical_sums(formulas):
    count = 0
    for formula in formulas:
        match = VERTICAL_SUM.search(formula.text or "")
        if match and match.group(1) != match.group(2):
            count += 1
    return count


class RowReader:
    def __init__(self, kind, mapping, options):
        self.kind = kind
        self.labels = column_labels(mapping)
        self.options = options or {}
        columns = {column.header: column for column in kind.columns}
        sources = {}
        for entry in mapping:
            if entry.get("target") and entry["target"] != UPDATED_HEADER:
                sources.setdefault(entry["target"], []).append(entry["index"])
        self.version_index = sources.pop(VERSION_HEADER, [None])[0]
        self.id_index = sources.pop(ID_HEADER, [None])[0] if kind.record_id else None
        sources.pop(ID_HEADER, None)
        self.conventions, self.bound = {}, {}
        self.single, self.multi = [], []
        for target, indexes in sources.items():
            column = columns.get(target)
            if column is None:
                continue
            parse = column.parse
            if isinstance(parse, NumberColumn):
                convention = ColumnConvention(chosen=self.options.get("numbers", {}).get(target))
                self.conventions[target] = convention
                parse = self.bound[target] = parse.bind(convention)
            if len(indexes) == 1 or not column.summable:
                self.single.append((target, indexes[0], parse))
            else:
                self.multi.append((target, indexes, parse))
        self.targets = [target for target in sources if target in columns]
        self.mapped = sorted({index for indexes in sources.values() for index in indexes}
                             | {i for i in (self.version_index, self.id_index) if i is not None})
        self.identity = [target for target in (column.header for column in kind.columns[:2]) if target in sources]
        self.info_indexes = [(name, index) for name, index in (("version", self.version_index), ("record_id", self.id_index))
                             if index is not None]
        self.pending = {}
        self.parse_int = integer(1)

    def _store(self, row, target, value):
        cls = value.__class__
        if cls is Noted:
            row.warnings.append(_("Kolom %(column)s: %(note)s") % {"column": self.labels[target], "note": value.note})
            return value.value
        if cls is Ambiguous:
            self.pending.setdefault(target, []).append(row)
        return value

    def read(self, number, cells):
        width = len(cells)
        row = Row(number=number, cells={})
        parsed = row.cells
        filled = False
        for target, index, parse in self.single:
            raw = cells[index] if index < width else None
            if raw is None:  # every parser keeps an empty cell empty: skip the call (millions per large file)
                parsed[target] = None
                continue
            filled = True
            try:
                value = parse(raw)
            except CellError as error:
                parsed[target] = None
                row.errors.append(cell_message(self.labels[target], raw, error))
                continue
            parsed[target] = self._store(row, target, value) if value.__class__ in SPECIAL else value
        for target, indexes, parse in self.multi:
            total = None
            for index in indexes:
                raw = cells[index] if index < width else None
                if raw is None:
                    continue
                try:
                    value = parse(raw)
                except CellError as error:
                    row.errors.append(cell_message(self.labels[target], raw, error))
                    continue
                if value.__class__ is Noted:
                    value = self._store(row, target, value)
                if value.__class__ is Ambiguous:
                    row.questions.append(_("Kolom %(column)s: %(message)s") % {"column": self.labels[target], "message": ambiguity_message(value)})
                    continue
                total = value if total is None else total + value
            parsed[target] = total
            filled = filled or total is not None
        for attribute, index in self.info_indexes:
            if index < width and cells[index] is not None:
                filled = True
                try:
                    setattr(row, attribute, self.parse_int(cells[index]))
                except CellError as error:
                    label = VERSION_HEADER if attribute == "version" else ID_HEADER
                    row.errors.append(cell_message(f"'{label}' ({column_letter(index)})", cells[index], error))
        return row if filled or row.errors else None

    def settle(self):
        """Read the ambiguous numbers of each column by its convention, or hold their rows for the user."""
        questions = {}
        for target, rows in self.pending.items():
            convention = self.conventions[target].decide()
            bound = self.bound[target]
            money = bound.column.money
            for row in rows:
                ambiguous = row.cells[target]
                if not isinstance(ambiguous, Ambiguous):
                    continue
                if money:
                    # Rupiah are whole and never written with three decimals: "150,000" or "150.000" is 150 thousand
                    # whatever the column's convention; where that convention would say otherwise, the row says so.
                    value = bound.finish(ambiguous.grouped)
                    row.cells[target] = self._store(row, target, value) if value.__class__ is Noted else value
                    if convention and ambiguous.reading(convention) != ambiguous.grouped:
                        row.warnings.append(_("Kolom %(column)s: '%(value)s' dibaca %(read)s (rupiah tidak ditulis dengan tiga angka desimal)")
                                            % {"column": self.labels[target], "value": ambiguous.text, "read": show_number(ambiguous.grouped)})
                    continue
                if convention:
                    try:
                        value = bound.finish(ambiguous.reading(convention))
                    except CellError as error:
                        row.cells[target] = None
                        row.errors.append(cell_message(self.labels[target], ambiguous.text, error))
                        continue
                    row.cells[target] = self._store(row, target, value) if value.__class__ is Noted else value
                    continue
                row.cells[target] = None
                row.questions.append(_("Kolom %(column)s: %(message)s") % {"column": self.labels[target], "message": ambiguity_message(ambiguous)})
                entry = questions.setdefault(target, {"column": self.labels[target], "count": 0, "examples": []})
                entry["count"] += 1
                if len(entry["examples"]) < 3 and ambiguous.text not in [e["text"] for e in entry["examples"]]:
                    entry["examples"].append({
                        "text": ambiguous.text, ID: show_number(ambiguous.reading(ID)), EN: show_number(ambiguous.reading(EN)),
                    })
            # A column the user already answered keeps its question on the page (to change the answer).
            chosen = self.conventions[target].chosen
            if chosen and target not in questions:
                questions[target] = {"column": self.labels[target], "count": 0, "examples": [], "chosen": chosen}
        return questions


def read_rows(kind, sheet, layout, mapping, options, progress=None):
    """ReadResult of the sheet's data rows (rows before `layout['data_start']` are the title and header)."""
    reader = RowReader(kind, mapping, options)
    options = options or {}
    include_hidden = bool(options.get("include_hidden"))
    hidden_rows, formulas, text_formulas = sheet.meta.hidden_rows, sheet.meta.formulas, sheet.text_formulas
    mapped = set(reader.mapped)
    data_start = layout["data_start"]
    rows = []
    counts = {"hidden": 0, "total": 0}
    for number, cells in sheet.rows(data_from=data_start):
        if number < data_start:
            continue
        row = reader.read(number, cells)
        if row is None:
            continue  # nothing in the mapped columns (a numbered but unused line, a note in an ignored column)
        row_formulas = formulas.get(number)
        if _is_total_label(cells) or (row_formulas and _is_total_by_formula(row, row_formulas, reader.identity)):
            row.skip = "total"
            counts["total"] += 1
        elif number in hidden_rows:
            if include_hidden:
                row.warnings.append(_("Baris ini disembunyikan di berkas; disertakan atas pilihan Anda."))
            else:
                row.skip = "hidden"
                counts["hidden"] += 1
        if not row.skip:
            for formula in row_formulas or ():
                if not formula.has_value and formula.column in mapped:
                    row.errors.append(
                        _("Sel %(cell)s berisi rumus tanpa nilai tersimpan (=%(formula)s). Buka berkas di Excel lalu simpan lagi "
                          "agar nilainya ikut tersimpan, atau ganti rumus itu dengan nilainya.")
                        % {"cell": cell_name(formula.column, number), "formula": formula.text or "..."}
                    )
            for column, text in text_formulas.get(number, ()):
                if column in mapped:
                    row.errors.append(
                        _("Sel %(cell)s berisi rumus atau teks yang diawali '=' (%(formula)s); isikan nilainya saja.")
                        % {"cell": cell_name(column, number), "formula": text}
                    )
        rows.append(row)
        if progress and len(rows) % PROGRESS_EVERY == 0:
            progress(len(rows), 0, _("Membaca berkas"))
    questions = reader.settle()
    notes = []
    if counts["total"]:
        notes.append(_("%(n)s baris jumlah (JUMLAH/TOTAL) dikenali dan dilewati.") % {"n": counts["total"]})
    if counts["hidden"]:
        notes.append(_("%(n)s baris yang disembunyikan di berkas dilewati; lihat baris 'Dilewati' di bawah, atau sertakan.")
                     % {"n": counts["hidden"]})
    summary = {"columns": column_summary(reader, rows), "questions": questions, "hidden_rows": counts["hidden"],
               "hidden_included": include_hidden}
    return ReadResult(rows=rows, notes=notes, summary=summary)


def _is_total_by_formula(row, formulas, identity):
    sums = _vertical_sums(formulas)
    if sums >= 2:
        return True
    return sums == 1 and not any(row.cells.get(target) is not None for target in identity)


def column_summary(reader, rows):
    """Per mapped field: where it comes from, how many cells are filled or empty, the smallest and largest value."""
    counted = [row.cells for row in rows if not row.skip]
    columns = {}
    if counted:
        # Every read row holds every mapped field (None when empty), in the same order: transposing the rows
        # once (C-level zip) is several times cheaper than one look-up per row and field.
        columns = dict(zip(counted[0], zip(*map(tuple, map(dict.values, counted)))))
    numeric = set(reader.bound)
    summary = []
    for target in reader.targets:
        values = columns.get(target, ())
        empty = values.count(None)
        entry = {"target": target, "column": reader.labels[target], "filled": len(values) - empty, "empty": empty}
        if target in numeric and empty < len(values):
            numbers = [value for value in values if value is not None]
            entry["min"], entry["max"] = show_number(min(numbers)), show_number(max(numbers))
        summary.append(entry)
    return summary
