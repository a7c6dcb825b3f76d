"""Small-cell suppression: no published count below OPENDATA_MIN_CELL, and none recoverable by arithmetic.

Primary suppression hides every count cell with 0 < n < threshold (a zero says nothing about a business).
Complementary suppression then hides more cells until no hidden cell can be worked out from what is shown.
The published figures obey additive equations:
  - in every region row, the categories of a partition add up to its total (kecil + menengah + besar = total),
  - in every column, the kabupaten/kota of a province add up to the province, the provinces to Indonesia.
An equation with exactly one hidden cell would give it away (total minus the others), so the smallest
positive shown cell of that equation is hidden too; this repeats until every equation has no hidden cell
or at least two. The pattern is computed ONCE over the whole hierarchy (Indonesia, provinces,
kabupaten/kota) and every page and download shows cells from that one pattern: a province page and a
kabupaten page can never be combined to undo each other's suppression.

Sums tied to a count (the workers of the small IKM units) are hidden exactly when their count is: any
arithmetic on them is arithmetic on the same equations.

This protects against exact recovery by subtraction; it is not a full disclosure-control system (ranges can
still be bounded: a hidden cell lies between 1 and the equation's remainder). That is the usual standard for
published statistical tables and is stated in each dataset's description.
"""


def suppress(cells, equations, threshold):
    """The set of hidden cell keys.

    `cells`: {key: value} of the count cells (any hashable key); `equations`: lists of keys whose values
    add up (the last item being the total, though the rule does not depend on it).
    """
    hidden = {key for key, value in cells.items() if value and 0 < value < threshold}
    changed = True
    while changed:
        changed = False
        for equation in equations:
            unknown = [key for key in equation if key in hidden]
            if len(unknown) != 1:
                continue
            candidates = [key for key in equation if key not in hidden and (cells.get(key) or 0) > 0]
            if not candidates:
                continue  # every other cell is zero: then the hidden one is zero too (cannot happen for n > 0)
            hidden.add(min(candidates, key=lambda key: (cells[key], str(key))))
            changed = True
    return hidden
