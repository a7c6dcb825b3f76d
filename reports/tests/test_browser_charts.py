"""In Debian's Chromium: chart axes read as people read them: whole-number ticks for counts, Rupiah with a
short scale word for money (Indonesian "Rp7 M", English "Rp7 bn"), and exact figures in the tooltips."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TICKS = """(id) => { const chart = Chart.getChart(document.querySelector(`canvas[data-chart=${id}]`));
  const axis = chart.options.indexAxis === 'y' ? chart.scales.x : chart.scales.y;
  return axis.ticks.map(t => ({value: t.value, label: Array.isArray(t.label) ? t.label.join(' ') : t.label})); }"""


def ticks(page, chart_id):
    page.wait_for_function(f"Chart.getChart(document.querySelector('canvas[data-chart={chart_id}]')) !== undefined")
    return page.evaluate(TICKS, chart_id)


def test_count_axes_have_whole_ticks_and_money_axes_short_rupiah(login_as, live_server, demo, analyst):
    page = login_as(analyst)
    page.goto(f"{live_server.url}/laporan/?region=53.05")  # one kabupaten: counts of 1-2 sentra, where 0,5 used to appear
    for chart_id in ("chart-sentra-region", "chart-status-year", "chart-workers-group"):
        values = ticks(page, chart_id)
        assert values and all(float(tick["value"]).is_integer() for tick in values), (chart_id, values)
        assert all("," not in tick["label"] for tick in values), (chart_id, values)

    page.goto(f"{live_server.url}/laporan/dak/")
    labels = [tick["label"] for tick in ticks(page, "chart-dak-year")]
    assert labels[0] == "Rp0"
    # One scale word for the whole axis (miliar here), decimals with a comma: "Rp0,2 M" ... "Rp1,2 M".
    assert all(re.fullmatch(r"Rp\d+(,\d)? M", label) for label in labels[1:]), labels
    assert "7.000.000.000" not in " ".join(labels)
    tooltip = page.evaluate("""() => Chart.getChart(document.querySelector('canvas[data-chart=chart-dak-year]'))
        .options.plugins.tooltip.callbacks.label({dataset: {label: 'Pagu'}, parsed: {x: 0, y: 1500000000}})""")
    assert tooltip == "Pagu: Rp1.500.000.000"  # the exact figure, Indonesian grouping


def test_english_money_axis(login_as, live_server, demo, analyst):
    page = login_as(analyst)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/laporan/dak/")
    labels = [tick["label"] for tick in ticks(page, "chart-dak-year")]
    assert all(re.fullmatch(r"Rp\d+(\.\d)? bn", label) for label in labels[1:]), labels
