"""National -> province -> kabupaten/kota -> kecamatan by links that carry the region code."""


def test_drill_down_links_and_breadcrumbs(client, demo, analyst):
    client.force_login(analyst)
    national = client.get("/laporan/")
    assert [row["code"] for row in national.context["data"]["regions"]] == ["52", "53"]
    assert 'href="/laporan/?region=53"' in national.content.decode()
    province = client.get("/laporan/?region=53")
    assert [row["code"] for row in province.context["data"]["regions"]] == ["53.04", "53.05"]
    kabupaten = client.get("/laporan/?region=53.05")
    assert [row["code"] for row in kabupaten.context["data"]["regions"]] == ["53.05.03"]
    html = kabupaten.content.decode()
    assert "Nusa Tenggara Timur" in html and "Indonesia" in html  # breadcrumbs back up
    kecamatan = client.get("/laporan/?region=53.05.03")
    assert kecamatan.context["data"]["regions"][0]["code"] == "53.05.03.2001"


def test_figures_link_to_filtered_lists_with_dashboard_filters(client, demo, analyst):
    client.force_login(analyst)
    html = client.get("/laporan/?region=53&commodity=tenun-ikat").content.decode()
    assert "/sentra/?commodity=tenun-ikat&amp;region=53.05&amp;status=aktif" in html
    assert "/ikm/?commodity=tenun-ikat&amp;region=53.05" in html


def test_filters_narrow_the_figures(client, demo, analyst):
    client.force_login(analyst)
    totals = client.get("/laporan/?commodity_group=kerajinan").context["data"]["totals"]
    assert totals["sentra_total"] == 2 and totals["count"] == 5


def test_unknown_region_is_404(client, demo, analyst):
    client.force_login(analyst)
    assert client.get("/laporan/?region=99").status_code == 404
    assert client.get("/laporan/?region=abc").status_code == 404


def test_login_required(client, demo):
    response = client.get("/laporan/")
    assert response.status_code == 302 and "/akun/" in response["Location"] or "login" in response["Location"]


def test_invalid_filter_shows_an_indonesian_message(client, demo, analyst):
    client.force_login(analyst)
    response = client.get("/laporan/?status=hilang")
    assert response.status_code == 200
    assert "Filter tidak valid" in response.content.decode()
