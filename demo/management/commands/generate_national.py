import time

from django.core.management.base import BaseCommand, CommandError

from demo.synthetic.national import national_clear, national_generate
from demo.synthetic.reference import MissingReferenceData


class Command(BaseCommand):
    help = (
        "Isi basis data dengan registri nasional sintetis (kode/alamat berawalan 'SYN-') untuk uji skala. "
        "Jalankan load_regions dan load_reference lebih dahulu. Baris sintetis ditulis massal (COPY) tanpa "
        "riwayat audit per baris, karena bukan suntingan pengguna."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sentra", type=int, default=11_000, help="jumlah sentra (bawaan 11.000)")
        parser.add_argument("--ikm", type=int, default=1_000_000, help="jumlah unit IKM (bawaan 1.000.000)")
        parser.add_argument("--seed", type=int, default=42, help="benih acak; benih sama = data sama")
        parser.add_argument("--clear", action="store_true", help="hapus dulu semua baris sintetis yang ada")
        parser.add_argument("--clear-only", action="store_true", help="hanya hapus baris sintetis, tanpa membuat baru")

    def handle(self, *args, sentra, ikm, seed, clear, clear_only, **options):
        if sentra < 1 or ikm < 0:
            raise CommandError("Jumlah sentra minimal 1 dan jumlah unit IKM tidak boleh negatif.")
        started = time.monotonic()
        if clear or clear_only:
            self.stdout.write("Menghapus baris sintetis ...")
            national_clear(log=self.stdout.write)
            if clear_only:
                return
        self.stdout.write(f"Membuat {sentra} sentra dan {ikm} unit IKM (seed {seed}) ...")
        try:
            written = national_generate(sentra=sentra, ikm=ikm, seed=seed, log=self.stdout.write)
        except MissingReferenceData as error:
            raise CommandError(str(error)) from error
        for table, rows in written.items():
            self.stdout.write(f"  {table}: {rows} baris")
        self.stdout.write(self.style.SUCCESS(f"Selesai dalam {time.monotonic() - started:.1f} s"))
