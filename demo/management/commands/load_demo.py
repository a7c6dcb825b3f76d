from django.core.management.base import BaseCommand

from demo.services import DEMO_PASSWORD, DEMO_USERS, demo_load


class Command(BaseCommand):
    help = "Muat data contoh (Alor, Lombok Tengah, Balikpapan, Belu) dan pengguna demo; aman dijalankan ulang."

    def handle(self, *args, **options):
        created = demo_load()
        self.stdout.write(f"data contoh baru: {', '.join(created) or 'tidak ada (sudah ada)'}")
        for username, role, region, _ in DEMO_USERS:
            self.stdout.write(f"  pengguna {username:<11} {role.label:<28} {region or 'nasional':<8} sandi: {DEMO_PASSWORD}")
