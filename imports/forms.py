from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import kind_choices

ACCEPT = (
    ".xlsx,.xls,.ods,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,"
    "application/vnd.oasis.opendocument.spreadsheet,text/csv"
)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis data"), choices=kind_choices)
    file = forms.FileField(label=_("Berkas (.xlsx, .xls, .ods atau .csv)"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))


class CommitForm(forms.Form):
    """Rows held back are skipped; the user says so explicitly before anything is written."""

    skip_refused = forms.BooleanField(
        label=_("Saya mengerti baris yang ditolak, konflik atau belum diputuskan tidak akan disimpan"), required=False
    )

    def __init__(self, *args, job, **kwargs):
        self.job = job
        super().__init__(*args, **kwargs)

    def clean(self):
        if self.job.held_count and not self.cleaned_data.get("skip_refused"):
            raise forms.ValidationError(_("Centang pernyataan bahwa baris yang ditolak, konflik atau belum diputuskan dilewati, "
                                          "atau perbaiki berkasnya lalu unggah lagi."))
        if not self.job.writable_count:
            raise forms.ValidationError(_("Tidak ada baris yang akan dibuat atau diubah."))
        return self.cleaned_data
