from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

validate_nib = RegexValidator(r"^[0-9]{13}\Z", _("NIB harus terdiri dari 13 digit angka."), code="invalid_nib")
validate_pirt = RegexValidator(r"^[0-9]{15}\Z", _("Nomor PIRT harus terdiri dari 15 digit angka."), code="invalid_pirt")


def validate_year_not_after_next(value):
    limit = timezone.localdate().year + 1
    if value is not None and value > limit:
        raise ValidationError(_("Tahun tidak boleh melewati %(limit)s."), code="year_too_late", params={"limit": limit})


def validate_no_nul(value):
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(_("Teks tidak boleh mengandung karakter NUL."), code="nul_character")
