"""How to read an uploaded file: which sheet, which header row, which column feeds which field.

`analyse` decides what it can and says what the user must choose:
- Only visible sheets are candidates. One visible sheet that looks like data (or exactly the template's
  'Data' sheet) is taken; several are offered to the user; when data is only on hidden sheets, the user is
  told and may pick one (a hidden sheet is never read unless picked).
- The header row is found below title rows and through merged cells (layout.py).
- The mapping starts from template headers, aliases and similar spellings (mapping.py). A file with exactly
  the template's headers, or with headers this office confirmed before, needs no confirmation.
The result is stored on the job (sheet_name, sheets, layout, mapping); the check then reads rows with it.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.scope import scope_code

from . import layout as layouts
from . import mapping as mappings
from .files import FileRefused
from .models import RememberedMapping
from .values import show_number

SAMPLE_ROWS = 40


@dataclass
class Analysis:
    sheet_name: str = ""
    sheets: list = field(default_factory=list)
    layout: dict = field(default_factory=dict)
    mapping: list = field(default_factory=list)
    needs: list = field(default_factory=list)  # "sheet", "header", "mapping": what the user must confirm
    messages: list = field(default_factory=list)
    preview: list = field(default_factory=list)  # first rows, to pick the header row


def _first_rows(sheet):
    rows = []
    for number, cells in sheet.rows():
        rows.append((number, cells))
        if len(rows) >= SAMPLE_ROWS:
            break
    return rows


def _shown(cell):
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        return show_number(cell)
    return str(cell)[:40]


def _samples(rows, data_start, limit=3):
    """A few values of each column, as the user would read them, for the mapping step."""
    samples = {}
    for number, cells in rows:
        if number < data_start:
            continue
        for index, cell in enumerate(cells):
            if cell is not None and len(samples.setdefault(index, [])) < limit:
                samples[index].append(_shown(cell))
    return samples


def _sheet_candidates(book, matcher, chosen):
    """[(info, layout or None, first rows, merges, hidden columns)] of the sheets worth looking at."""
    infos = [info for info in book.sheets if info.name == chosen] if chosen else [info for info in book.sheets if info.visible]
    found = []
    for info in infos:
        sheet = book.sheet(info.name)
        rows = _first_rows(sheet)
        found.append((info, layouts.detect(rows, sheet.meta.merges, matcher.score), rows, sheet.meta.merges, sheet.meta.hidden_columns))
    return found


def remembered(user, kind_code, headers):
    region = scope_code(user) or ""
    try:
        return RememberedMapping.objects.get(region_code=region, kind=kind_code, signature=mappings.signature(headers))
    except RememberedMapping.DoesNotExist:
        return None


def remember(user, kind_code, headers, mapping):
    region = scope_code(user) or ""
    RememberedMapping.objects.update_or_create(
        region_code=region, kind=kind_code, signature=mappings.signature(headers),
        defaults={"headers": headers, "targets": [entry["target"] for entry in mapping], "confirmed_by": user},
    )


def _sheet_summary(info, layout, rows):
    data_rows = len([number for number, _cells in rows if layout and number >= layout.data_start])
    return {
        "name": info.name, "visible": info.visible, "header_row": layout.header_rows[0] if layout else None,
        "score": layout.score if layout else 0, "rows_seen": data_rows,
    }


def analyse(job, kind, book, *, header_row=None):
    """The Analysis of `book` for `job` (whose sheet_name, if set, is the user's choice)."""
    matcher = mappings.Matcher(kind)
    result = Analysis()
    candidates = _sheet_candidates(book, matcher, job.sheet_name)
    with_data = [candidate for candidate in candidates if candidate[1] is not None]
    result.sheets = [_sheet_summary(info, layout, rows) for info, layout, rows, _m, _h in candidates]
    if not job.sheet_name:
        hidden = [info for info in book.sheets if not info.visible]
        result.sheets += [{"name": info.name, "visible": False, "header_row": None, "score": 0, "rows_seen": 0} for info in hidden]
    if not job.sheet_name and len(with_data) > 1:
        exact = [c for c in with_data if mappings.is_exact_template(mappings.guess(kind, c[1].headers))]
        if len(exact) == 1:
            with_data = exact
        else:
            result.needs.append("sheet")
            result.messages.append(_("Berkas ini memiliki %(n)s lembar yang tampak berisi data: %(names)s. Pilih lembar yang akan diimpor.")
                                   % {"n": len(with_data), "names": ", ".join(f"'{c[0].name}'" for c in with_data)})
            return result
    if not with_data and not job.sheet_name:
        hidden_data = [info.name for info in book.sheets if not info.visible and layouts.detect(
            _first_rows(book.sheet(info.name)), [], matcher.score)]
        if hidden_data:
            result.needs.append("sheet")
            result.messages.append(
                _("Data hanya ditemukan di lembar tersembunyi (%(names)s). Lembar tersembunyi tidak dibaca kecuali Anda memilihnya.")
                % {"names": ", ".join(f"'{name}'" for name in hidden_data)}
            )
            return result
    chosen = with_data[0] if with_data else (candidates[0] if candidates else None)
    if chosen is None:
        raise FileRefused(_("Berkas tidak berisi lembar kerja yang terlihat."))
    info, layout, rows, merges, hidden_columns = chosen
    result.sheet_name = info.name
    result.preview = layouts.preview_rows(rows)
    if header_row:
        layout = layouts.layout_at(rows, merges, header_row)
    if layout is None:
        if not rows:
            raise FileRefused(_("Berkas tidak berisi data."))
        # Nothing looks like a header: offer the first row, so the user can still map the columns by hand.
        layout = layouts.layout_at(rows, merges, rows[0][0])
        result.needs.append("header")
        result.messages.append(
            _("Baris judul tidak dikenali: tidak ada judul kolom yang cocok dengan templat %(kind)s. Pilih baris judulnya dan "
              "petakan kolomnya di bawah, atau unduh templat dan salin data ke sana.") % {"kind": kind.label}
        )
    result.layout = layout.as_json()
    result.mapping = mappings.guess(kind, layout.headers, _samples(rows, layout.data_start), hidden_columns)
    for entry in result.mapping:
        if entry["hidden"]:  # what the user hid is not read unless they map it on purpose
            entry["target"], entry["how"] = "", mappings.HIDDEN
    if mappings.is_exact_template(result.mapping):
        return result
    memory = remembered(job.user, job.kind, layout.headers)
    if memory is not None and len(memory.targets) == len(result.mapping):
        mappings.apply_remembered(result.mapping, memory.targets)
        result.messages.append(_("Pemetaan kolom yang pernah dikonfirmasi kantor Anda untuk judul kolom ini dipakai lagi."))
        return result
    if "header" not in result.needs:
        result.needs.append("mapping")
    return result
