"""A printable one-page profile of a sentra (print CSS; browser print to PDF)."""


def test_profile_shows_facts_and_rooms(client, demo, analyst):
    client.force_login(analyst)
    response = client.get(f"/laporan/sentra/{demo.mali.pk}/profil/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sentra Tenun Mali" in html and "Tenun ikat" in html
    assert 'data-testid="profile-rooms">20 / 18 / 4<' in html
    # The print button works under the Content-Security-Policy: a static script, no inline handler.
    assert "data-print" in html and "reports/print.js" in html and "reports/reports.css" in html
    assert "onclick" not in html and "window.print" not in html


def test_profile_respects_scope(client, demo, belu_staff):
    client.force_login(belu_staff)
    assert client.get(f"/laporan/sentra/{demo.mali.pk}/profil/").status_code == 404
    assert client.get(f"/laporan/sentra/{demo.belu_sentra.pk}/profil/").status_code == 200


def test_print_stylesheet_has_page_rules():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "reports" / "reports.css").read_text()
    assert "@media print" in css and "@page" in css


def test_profile_prints_years_plain_and_the_manager_once(client, analyst, alor_desa, admin_user):
    from core.testing.factories import MachineFactory, SentraFactory
    from sentra.services import sentra_verify

    sentra = SentraFactory(desa=alor_desa, founding_year=2019, manager_type="dinas",
                           manager_name="Dinas Perindustrian dan Perdagangan Kab. Alor")
    MachineFactory(sentra=sentra, condition="rusak_berat")
    admin_user.first_name, admin_user.last_name = "Yohana", "Pelokila"
    admin_user.save()
    sentra_verify(user=admin_user, sentra=sentra)
    client.force_login(analyst)
    html = client.get(f"/laporan/sentra/{sentra.pk}/profil/").content.decode()
    assert ">2019<" in html and "2.019" not in html
    assert "Dinas Dinas" not in html and "Dinas Perindustrian dan Perdagangan Kab. Alor" in html
    assert "Rusak berat" in html and ">rusak_berat<" not in html
    assert "(Yohana Pelokila)" in html  # who verified: the full name, as the history shows it
    assert f'href="/sentra/{sentra.pk}/"' in html
