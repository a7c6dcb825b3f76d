from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apiclients.services import api_client_create
from regions.models import Region


class Command(BaseCommand):
    help = "Buat klien API (sistem mitra) dan cetak tokennya sekali. Token disimpan dalam bentuk hash."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Nama klien, mis. 'Portal Provinsi NTT'.")
        parser.add_argument("--region", default="", help="Kode wilayah cakupan (mis. 53.04); kosong = nasional.")
        parser.add_argument("--read-write", action="store_true", help="Boleh menulis data (bawaan: hanya baca).")
        parser.add_argument("--rate", default="", help="Batas permintaan khusus, mis. 1200/min.")

    def handle(self, *args, name, region, read_write, rate, **options):
        region_obj = None
        if region:
            region_obj = Region.objects.filter(code=region).first()
            if region_obj is None:
                raise CommandError(f"Wilayah {region} tidak ditemukan (jalankan load_regions dulu?).")
        try:
            client, key = api_client_create(name=name, region=region_obj, read_write=read_write, throttle_rate=rate)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        scope = region or "nasional"
        mode = "baca-tulis" if read_write else "hanya baca"
        self.stderr.write(f"Klien '{client.name}' dibuat: cakupan {scope}, {mode}. Simpan token ini; tidak akan ditampilkan lagi:")
        self.stdout.write(key)
