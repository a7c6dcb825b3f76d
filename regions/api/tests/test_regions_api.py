import pytest

from core.api.testing import token_client


@pytest.mark.django_db
def test_regions_are_filtered_and_scoped(alor_desa, belu_desa):
    national = token_client(None)
    codes = [row["code"] for row in national.get("/api/v1/regions/?within=53.05").json()["results"]]
    assert codes == ["53.05", "53.05.03", "53.05.03.2001"]
    assert national.get("/api/v1/regions/53.05/").json()["name"] == "Kabupaten Alor"
    belu = token_client("53.04")
    codes = [row["code"] for row in belu.get("/api/v1/regions/").json()["results"]]
    assert codes == ["53.04", "53.04.22", "53.04.22.1004"]
    assert belu.get("/api/v1/regions/53.05/").status_code == 404


@pytest.mark.django_db
def test_regions_are_read_only(alor_desa):
    client = token_client(None, read_write=True)
    assert client.post("/api/v1/regions/", {"code": "99"}, format="json").status_code == 405
    assert client.delete("/api/v1/regions/53/").status_code == 405
