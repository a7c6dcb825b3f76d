"""Loosely written region names resolve to one code, or the row is refused with the candidates."""

import pytest

from imports.resolvers import RegionResolver
from imports.values import CellError
from regions.models import Region


@pytest.fixture
def resolver(named_regions):
    # "Bima" exists both as a kabupaten and as a kota, as in the real list.
    Region.objects.create(code="52.06", name="Kabupaten Bima", level=2, kind="kabupaten", parent_id="52")  # noqa
    Region.objects.create(code="52.72", name="Kota Bima", level=2, kind="kota", parent_id="52")
    return RegionResolver()


@pytest.fixture
def named_regions(named_regions, loteng_desa):
    return named_regions


@pytest.mark.parametrize("written", ["Kab. Alor", "KABUPATEN ALOR", "Alor", "kab alor", "Kabupaten  Alor ", "53.05"])
def test_kabupaten_written_loosely(resolver, written):
    assert resolver.resolve([None, written], level=2) == "53.05"


@pytest.mark.parametrize("written", ["Kota Balikpapan", "KOTA BALIKPAPAN", "Balikpapan", "64.71"])
def test_kota_written_loosely(resolver, written):
    assert resolver.resolve([None, written], level=2) == "64.71"


def test_kecamatan_and_desa_are_found_within_their_parent(resolver):
    assert resolver.resolve([None, "Alor", "Kec. Alor Selatan", "Moru"], level=4) == "53.05.04.2003"
    assert resolver.resolve([None, "Balikpapan", "Balikpapan Selatan", "Kel. Sepinggan"], level=4) == "64.71.01.1001"
    assert resolver.resolve(["NTT", "Alor", None, "Kuneman"], level=4) == "53.05.03.2001"


def test_a_region_code_is_accepted_and_checked_against_names(resolver):
    assert resolver.resolve([None, None, None, None], level=4, code="53.05.03.2002") == "53.05.03.2002"
    assert resolver.resolve([None, "Alor", None, "Moru"], level=4, code="53.05.04.2003") == "53.05.04.2003"
    with pytest.raises(CellError, match="tidak cocok dengan kode wilayah 53.05.03.2001"):
        resolver.resolve([None, "Belu", None, None], level=4, code="53.05.03.2001")
    with pytest.raises(CellError, match="tidak dikenal"):
        resolver.resolve([None, None, None, None], level=4, code="53.05.99.9999")


def test_an_ambiguous_name_lists_the_candidates(resolver):
    with pytest.raises(CellError) as caught:
        resolver.resolve([None, "Bima"], level=2)
    assert "Kabupaten Bima (kode 52.06)" in str(caught.value) and "Kota Bima (kode 52.72)" in str(caught.value)
    assert resolver.resolve([None, "Kota Bima"], level=2) == "52.72"
    assert resolver.resolve([None, "Kab. Bima"], level=2) == "52.06"


def test_an_unknown_name_says_where_it_was_looked_for_and_suggests(resolver):
    with pytest.raises(CellError) as caught:
        resolver.resolve([None, "Alor", "Alor Barat Daya", "Kunemann"], level=4)
    message = str(caught.value)
    assert "'Kunemann' tidak ditemukan di Kec. Alor Barat Daya, Kabupaten Alor" in message
    assert "mungkin maksud Anda: Desa Kuneman, Kec. Alor Barat Daya" in message


def test_a_users_own_area_narrows_bare_names(resolver):
    with pytest.raises(CellError, match="beberapa wilayah"):
        resolver.resolve([None, None, None, "Moru"], level=4)
    assert resolver.resolve([None, None, "Alor Selatan", "Moru"], level=4, scope="53.05") == "53.05.04.2003"
