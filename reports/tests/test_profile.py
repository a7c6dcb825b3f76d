"""A printable one-page profile of a sentra (print CSS; browser print to PDF)."""


def test_profile_shows_facts_and_rooms(client, demo, analyst):
    client.force_login(analyst)
    response = client.get(f"/laporan/sentra/{demo.mali.pk}/profil/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sentra Tenun Mali" in html and "Tenun ikat" in html
    assert 'data-testid="profile-rooms">20 / 18 / 4<' in html
    assert "window.print()" in html and "reports/reports.css" in html


def test_profile_respects_scope(client, demo, belu_staff):
    client.force_login(belu_staff)
    assert client.get(f"/laporan/sentra/{demo.mali.pk}/profil/").status_code == 404
    assert client.get(f"/laporan/sentra/{demo.belu_sentra.pk}/profil/").status_code == 200


def test_print_stylesheet_has_page_rules():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "reports" / "reports.css").read_text()
    assert "@media print" in css and "@page" in css
