"""Two production values, each labelled by its source: the overview sums the IKM units' own annual production
value, the impact dashboard reads the sentra's yearly figures. Both pages say so, as do their exports."""

from core.testing.factories import DakActivityFactory, DakAllocationFactory, IkmUnitFactory, SentraFactory, YearlyFigureFactory


def test_each_production_value_says_where_it_comes_from(client, analyst, loteng_desa):
    sentra = SentraFactory(desa=loteng_desa, name="Sentra Pancor Dao")
    IkmUnitFactory(desa=loteng_desa, production_value=60_000_000)
    DakActivityFactory(allocation=DakAllocationFactory(kabupaten_kota=loteng_desa.parent.parent, fiscal_year=2023), sentra=sentra)
    YearlyFigureFactory(sentra=sentra, year=2022, production_value=900_000_000, workers_total=10)
    YearlyFigureFactory(sentra=sentra, year=2024, production_value=1_850_000_000, workers_total=30)
    client.force_login(analyst)

    overview = client.get("/laporan/").content.decode()
    assert "Nilai produksi per tahun (data unit IKM)" in overview
    assert 'data-testid="total-production-value">Rp60.000.000<' in overview
    assert "kinerja tahunan sentra" in overview  # the note points to the other figure and why they differ

    impact = client.get("/laporan/dampak/?year=2023").content.decode()
    assert "Nilai produksi (kinerja tahunan) sebelum → sesudah" in impact
    assert "Rp900.000.000 → Rp1.850.000.000" in impact
    assert "bukan dari jumlah data unit IKM" in impact

    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get("/laporan/ekspor/dasbor-ringkasan.csv").streaming_content)))
    assert "Nilai produksi unit IKM per tahun (Rp)" in archive.read("01-per-wilayah.csv").decode("utf-8-sig")
