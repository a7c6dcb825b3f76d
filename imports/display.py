"""What the preview page shows for one page of rows: the parsed values a new row will store (with names, not
ids), in a fixed number of queries whatever the page holds."""

from commodities.models import Commodity

from .engine import json_values
from .kinds import KINDS
from .models import RowAction
from .resolvers import RegionResolver


class _Names:
    def __init__(self, mapping):
        self.names = mapping


def rows_for_page(job, rows):
    """[(row, [(label, value)] of a new row's values, candidate)] for the rows of one page."""
    rows = list(rows)
    creates = [row for row in rows if row.action == RowAction.CREATE and isinstance(row.payload, dict) and row.payload.get("data")]
    kind = KINDS[job.kind](user=job.user, scope="", regions=None)
    if creates:
        codes = {value for row in creates for name, value in row.payload["data"].items() if name in kind.region_fields and value}
        kind.regions = RegionResolver(codes=codes) if codes else None
        commodity_ids = {value for row in creates for value in (row.payload["data"].get("commodity_id"),
                                                                 (row.payload.get("extra") or {}).get("primary_commodity"))} - {None}
        if commodity_ids:
            kind.commodities = _Names(dict(Commodity.objects.filter(pk__in=commodity_ids).values_list("id", "name")))
    typed = json_values(kind.model)
    shown = []
    for row in rows:
        values = []
        if row in creates:
            for name, value in typed(row.payload["data"]).items():
                if value is None or value == "" or name in ("version",):
                    continue
                values.append((kind.describe(name), kind.show_value(name, value)))
            for name, value in (row.payload.get("extra") or {}).items():
                values.append((kind.describe(name), kind.show_value(name, value)))
            if row.payload.get("links"):
                values.append((kind.describe("sentra"), ", ".join(row.payload["links"].get("codes", []))))
        candidate = row.payload.get("candidate") if isinstance(row.payload, dict) else None
        conflicts = row.payload.get("conflicts") if isinstance(row.payload, dict) else None
        shown.append({"row": row, "values": values, "candidate": candidate, "conflicts": conflicts})
    return shown
