"""Chart.js configurations of the open data tables (drawn by static/reports/charts.js, as the dashboards)."""

from django.urls import reverse

PALETTE = ["#1f7a3f", "#d08a00", "#b3261e", "#5b6b7c", "#0b5d8c", "#6a4c93", "#2a9d8f", "#8d6e63"]


def dataset_chart(dataset, rows, names, code):
    chart_id = f"chart-{dataset.slug}"
    options = {"responsive": True, "maintainAspectRatio": False, "plugins": {"title": {"display": True, "text": str(dataset.title)}}}
    if dataset.by_year:
        own = [row for row in rows if row[0] == code]
        labels = [str(row[1]) for row in own]
        keys = dataset.column_keys()
        datasets = [
            {"label": str(column.label), "data": [row[2][keys.index(column.key)] for row in own], "backgroundColor": PALETTE[index]}
            for index, column in enumerate(c for c in dataset.columns if c.key in ("pagu", "realisation"))
        ]
        return {"id": chart_id, "config": {"type": "bar", "data": {"labels": labels, "datasets": datasets}, "options": options}, "links": []}
    members = dataset.partitions[0][0] if dataset.partitions else []
    keys = dataset.column_keys()
    children = [row for row in rows if row[0] != code] or [row for row in rows if row[0] == code]
    labels = [names.get(row[0], row[0]) for row in children]
    datasets = [
        {"label": str(column.label), "data": [row[1][keys.index(column.key)] for row in children], "backgroundColor": PALETTE[index % len(PALETTE)]}
        for index, column in enumerate(c for c in dataset.columns if c.key in members)
    ]
    options["scales"] = {"x": {"stacked": True}, "y": {"stacked": True}}
    links = [reverse("opendata:region", args=[row[0]]) for row in children] if len(code) < 5 and children and children[0][0] != code else []
    return {"id": chart_id, "config": {"type": "bar", "data": {"labels": labels, "datasets": datasets}, "options": options}, "links": links}
