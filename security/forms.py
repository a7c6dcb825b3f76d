from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Kode 6 angka"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Masukkan 6 angka dari aplikasi autentikator.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )
