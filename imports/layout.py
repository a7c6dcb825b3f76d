"""Where a register's table starts: the header row below title rows, two-row headers under merged cells.

Office registers open with a title ("DATA IKM KABUPATEN ALOR TAHUN 2024"), a subtitle, an empty row, then a
header that often spans two rows ("Tenaga Kerja" merged over "L" and "P") and sometimes a row numbering the
columns (1, 2, 3 ...). Each of the first rows, alone or with the row below it, is scored by how many of its
texts name a field of the record type; the best scoring one is the header.
"""

from dataclasses import dataclass, field

from .files import column_letter

SCAN_ROWS = 30


@dataclass
class Layout:
    header_rows: list  # 1-based row numbers
    data_start: int  # first row after the header (and after a numbering row)
    headers: list  # one text per column (None for an empty header cell)
    score: int = 0
    notes: list = field(default_factory=list)

    def as_json(self):
        return {"header_rows": self.header_rows, "data_start": self.data_start, "headers": self.headers}

    @classmethod
    def from_json(cls, data):
        return cls(header_rows=data["header_rows"], data_start=data["data_start"], headers=data["headers"])


def _text(value):
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def _grid(rows, merges):
    """{row number: [texts]} of the scanned rows with every merged cell's text copied over its whole range."""
    grid = {number: [_text(cell) for cell in cells] for number, cells in rows}
    for (top, left), (bottom, right) in merges:
        first = grid.get(top + 1)
        value = first[left] if first is not None and left < len(first) else None
        if value is None:
            continue
        for number in range(top + 1, bottom + 2):
            row = grid.get(number)
            if row is None:
                continue
            if len(row) <= right:
                row.extend([None] * (right + 1 - len(row)))
            for column in range(left, right + 1):
                if row[column] is None:
                    row[column] = value
    return grid


def _spread_right(top, bottom):
    """Without merge information (CSV): a group title over sub-headers applies to the empty cells to its right."""
    top = list(top)
    for column in range(1, len(top)):
        if top[column] is None and column < len(bottom) and bottom[column] is not None and top[column - 1] is not None \
                and column - 1 < len(bottom) and bottom[column - 1] is not None:
            top[column] = top[column - 1]
    return top


def _combine(top, bottom, merged):
    if not merged:
        top = _spread_right(top, bottom)
    width = max(len(top), len(bottom))
    names = []
    for column in range(width):
        upper = top[column] if column < len(top) else None
        lower = bottom[column] if column < len(bottom) else None
        if lower is None or lower == upper:
            names.append(upper)
        elif upper is None:
            names.append(lower)
        else:
            names.append(f"{upper} {lower}")
    return names


def _is_numbering(cells):
    """A row numbering the columns under a header: 1, 2, 3 ... or (1), (2), (3) ..."""
    values = []
    for cell in cells:
        text = _text(cell)
        if text is None:
            continue
        text = text.strip("()")
        if not text.isdigit():
            return False
        values.append(int(text))
    return len(values) >= 3 and values == list(range(values[0], values[0] + len(values)))


def detect(rows, merges, score):
    """The best Layout for the first rows (`rows`: [(number, cells)]), or None when nothing looks like a header.

    `score(headers)` rates a list of header texts (see mapping.Matcher.score)."""
    rows = rows[:SCAN_ROWS]
    grid = _grid(rows, merges)
    numbers = [number for number, _cells in rows]
    best = None
    for position, number in enumerate(numbers):
        candidates = [([number], grid[number])]
        if position + 1 < len(numbers):
            below = numbers[position + 1]
            candidates.append(([number, below], _combine(grid[number], grid[below], bool(merges))))
        for header_rows, headers in candidates:
            value = score(headers)
            if value and (best is None or value > best.score):
                after = numbers.index(header_rows[-1]) + 1
                data_start = numbers[after] if after < len(numbers) else header_rows[-1] + 1
                best = Layout(header_rows=header_rows, data_start=data_start, headers=headers, score=value)
    if best is None:
        return None
    following = dict(rows).get(best.data_start)
    if following is not None and _is_numbering(following):
        later = [number for number in numbers if number > best.data_start]
        best.data_start = later[0] if later else best.data_start + 1
    return best


def layout_at(rows, merges, header_row):
    """The layout when the user names the header row (one row; the one below joins it if it is a sub-header)."""
    grid = _grid(rows, merges)
    numbers = [number for number, _cells in rows]
    if header_row not in grid:
        return None
    after = [number for number in numbers if number > header_row]
    data_start = after[0] if after else header_row + 1
    layout = Layout(header_rows=[header_row], data_start=data_start, headers=grid[header_row])
    following = dict(rows).get(data_start)
    if following is not None and _is_numbering(following):
        later = [number for number in numbers if number > data_start]
        layout.data_start = later[0] if later else data_start + 1
    return layout


def preview_rows(rows, limit=12):
    """The first rows as short texts, for the page where the user picks the header row."""
    shown = []
    for number, cells in rows[:limit]:
        texts = [(column_letter(index), _text(cell)) for index, cell in enumerate(cells) if _text(cell) is not None]
        shown.append({"number": number, "cells": [f"{letter}: {text[:30]}" for letter, text in texts[:6]]})
    return shown
