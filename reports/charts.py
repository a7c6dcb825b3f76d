"""Chart.js configurations built from a dashboard's data; `links` make a bar clickable (drill-down)."""

from django.utils.http import urlencode
from django.utils.translation import gettext as _

from facilities.models import MachineCondition
from sentra.models import SentraStatus

STATUS_COLOURS = {"aktif": "#1f7a3f", "kurang_aktif": "#d08a00", "tidak_aktif": "#b3261e", "tutup": "#5b6b7c"}
PALETTE = ["#0b5d8c", "#1f7a3f", "#d08a00", "#b3261e", "#6a4c93", "#5b6b7c", "#2a9d8f"]


def _drill_links(drill, request, rows, filter_pairs):
    if not drill.can_drill:
        return []
    base = [(k, v) for k, v in filter_pairs if k != "region"]
    return [f"{request.path}?{urlencode([('region', row['code']), *base])}" for row in rows]


COUNT, MONEY, PERCENT = "count", "money", "percent"  # how static/reports/charts.js writes the value axis


def _bar(chart_id, title, labels, datasets, links=(), stacked=False, horizontal=False, values=COUNT):
    """`values`: COUNT (whole-number ticks), MONEY ("Rp7 M", "Rp1,2 T") or PERCENT; charts.js formats the axis."""
    options = {"responsive": True, "maintainAspectRatio": False, "plugins": {"title": {"display": True, "text": title}}}
    if stacked:
        options["scales"] = {"x": {"stacked": True}, "y": {"stacked": True}}
    if horizontal:
        options["indexAxis"] = "y"
    config = {"type": "bar", "data": {"labels": labels, "datasets": datasets}, "options": options}
    return {"id": chart_id, "config": config, "links": list(links), "values": values, "value_axis": "x" if horizontal else "y"}


def overview_charts(data, drill, request, filter_pairs):
    regions = data["regions"]
    labels = [row["name"] for row in regions]
    statuses = [(value, str(label)) for value, label in SentraStatus.choices]
    by_region = _bar(
        "chart-sentra-region", _("Sentra per status per wilayah (klik untuk menelusuri)"), labels,
        [{"label": label, "data": [row["sentra"][value] for row in regions], "backgroundColor": STATUS_COLOURS.get(value, "#999")}
         for value, label in statuses],
        _drill_links(drill, request, regions, filter_pairs), stacked=True,
    )
    years = data["status_by_year"]
    by_year = _bar(
        "chart-status-year", _("Status sentra per akhir tahun"), [str(row["year"]) for row in years],
        [{"label": label, "data": [row[value] for row in years], "backgroundColor": STATUS_COLOURS.get(value, "#999")} for value, label in statuses],
        stacked=True,
    )
    workers = _bar(
        "chart-workers-group", _("Tenaga kerja per kelompok komoditas"), [row["name"] for row in data["by_group"]],
        [{"label": _("Laki-laki"), "data": [row["workers_male"] for row in data["by_group"]], "backgroundColor": PALETTE[0]},
         {"label": _("Perempuan"), "data": [row["workers_female"] for row in data["by_group"]], "backgroundColor": PALETTE[4]}],
        stacked=True, horizontal=True,
    )
    return [by_region, by_year, workers]


def facilities_charts(data, drill, request, filter_pairs):
    regions = data["regions"]
    rooms = _bar(
        "chart-rooms-region", _("Ruang produksi per wilayah (klik untuk menelusuri)"), [row["name"] for row in regions],
        [{"label": _("Aktif digunakan"), "data": [row["active"] for row in regions], "backgroundColor": PALETTE[1]},
         {"label": _("Terisi, tidak berproduksi"), "data": [row["idle_occupied"] for row in regions], "backgroundColor": PALETTE[2]},
         {"label": _("Kosong"), "data": [row["empty"] for row in regions], "backgroundColor": PALETTE[5]}],
        _drill_links(drill, request, regions, filter_pairs), stacked=True,
    )
    conditions = [(value, str(label)) for value, label in MachineCondition.choices]
    machines = _bar(
        "chart-machines", _("Mesin per kondisi"), [label for _v, label in conditions],
        [{"label": _("Jumlah unit"), "data": [data["totals"]["machines"][value] for value, _l in conditions], "backgroundColor": PALETTE[0]}],
    )
    return [rooms, machines]


def dak_charts(data, drill, request, filter_pairs):
    years = data["by_year"]
    return [
        _bar(
            "chart-dak-year", _("Pagu dan realisasi DAK per tahun (Rp)"), [str(row["year"]) for row in years],
            [{"label": _("Pagu"), "data": [row["pagu"] for row in years], "backgroundColor": PALETTE[0]},
             {"label": _("Realisasi"), "data": [row["realisation"] for row in years], "backgroundColor": PALETTE[1]}],
            values=MONEY,
        )
    ]


def impact_charts(data, drill, request, filter_pairs):
    rows = [row for row in data["funded"] if row["complete"]][:20]
    return [
        _bar(
            "chart-impact-workers", _("Tenaga kerja sebelum dan sesudah DAK"), [row["name"] for row in rows],
            [{"label": _("Sebelum"), "data": [row["workers_total_before"] for row in rows], "backgroundColor": PALETTE[5]},
             {"label": _("Sesudah"), "data": [row["workers_total_after"] for row in rows], "backgroundColor": PALETTE[1]}],
        )
    ] if rows else []


def freshness_charts(data, drill, request, filter_pairs):
    regions = data["regions"]
    return [
        _bar(
            "chart-freshness", _("Terverifikasi dalam 12 bulan (%) (klik untuk menelusuri)"), [row["name"] for row in regions],
            [{"label": _("Sentra"), "data": [row["sentra_percent"] for row in regions], "backgroundColor": PALETTE[0]},
             {"label": _("Unit IKM"), "data": [row["ikm_percent"] for row in regions], "backgroundColor": PALETTE[1]}],
            _drill_links(drill, request, regions, filter_pairs), values=PERCENT,
        )
    ]


CHARTS = {
    "overview": overview_charts,
    "facilities": facilities_charts,
    "dak": dak_charts,
    "impact": impact_charts,
    "freshness": freshness_charts,
}
