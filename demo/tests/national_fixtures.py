import pytest
from django.core.management import call_command


@pytest.fixture
def national_reference(alor_desa, belu_desa, loteng_desa):
    """Three kabupaten/kota (Alor, Belu, Lombok Tengah) and the real reference catalogues."""
    call_command("load_reference", verbosity=0)


def generate(**options):
    call_command("generate_national", stdout=open("/dev/null", "w"), **options)
