"""Years are labels, not quantities: never shown with a thousands separator ("2.023") in either language."""

import pytest

from core.testing.factories import DakAllocationFactory, SentraFactory, YearlyFigureFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["id", "en"])
def test_dak_dashboard_and_profile_show_plain_years(client, analyst, alor_desa, language):
    sentra = SentraFactory(desa=alor_desa)
    DakAllocationFactory(fiscal_year=2023, kabupaten_kota=alor_desa.parent.parent)
    YearlyFigureFactory(sentra=sentra, year=2024)
    client.force_login(analyst)
    client.cookies["django_language"] = language  # the UI does not follow Accept-Language (accounts.language)
    dak = client.get("/laporan/dak/", {"year": 2023}).content.decode()
    profile = client.get(f"/laporan/sentra/{sentra.pk}/profil/").content.decode()
    assert f'lang="{language}"' in profile
    assert 'value="2023"' in dak  # the year filter input keeps a value the number field accepts
    assert ">2023<" in dak and ">2024<" in profile
    for grouped in ("2.023", "2,023", "2.024", "2,024"):
        assert grouped not in dak and grouped not in profile
