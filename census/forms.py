from django import forms
from django.utils.translation import gettext_lazy as _

from regions.models import Region

from .models import Decision, Round


class RoundForm(forms.ModelForm):
    provinces = forms.MultipleChoiceField(
        label=_("Provinsi"), required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Kosongkan untuk pendataan nasional."),
    )

    class Meta:
        model = Round
        fields = ["name", "year", "start_date", "deadline", "verify_status", "verify_members", "verify_rooms", "verify_machines"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}), "deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provinces"].choices = list(Region.objects.filter(level=1).order_by("code").values_list("code", "name"))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Keputusan"), choices=Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Komentar"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    accept_conflicts = forms.BooleanField(
        label=_("Saya sudah memeriksa konflik; terapkan temuan kunjungan ini."), required=False,
    )


class SubmitForm(forms.Form):
    kabupaten = forms.CharField(max_length=5, required=False)
