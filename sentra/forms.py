from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commodities.models import Commodity
from web.forms import RecordForm, RegionField

from .models import Sentra, SentraCommodity


class SentraForm(RecordForm):
    desa = RegionField(level=4, label=_("Desa/kelurahan"))
    commodities = forms.ModelMultipleChoiceField(
        queryset=Commodity.objects.order_by("name"), label=_("Komoditas"), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sedikitnya satu komoditas.")},
    )
    primary_commodity = forms.ModelChoiceField(
        queryset=Commodity.objects.order_by("name"), label=_("Komoditas utama"), required=False,
        help_text=_("Kosong: komoditas pertama yang dipilih."),
    )

    class Meta:
        model = Sentra
        fields = [
            "code", "name", "desa", "address", "latitude", "longitude", "commodities", "primary_commodity", "founding_year",
            "origin", "manager_type", "manager_name", "asset_owner", "designation_number", "designation_date", "status", "notes",
        ]
        widgets = {
            "designation_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "address": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            links = list(self.instance.commodity_links.all())
            self.initial["commodities"] = [link.commodity_id for link in links]
            self.initial["primary_commodity"] = next((link.commodity_id for link in links if link.is_primary), None)

    def clean_founding_year(self):
        year = self.cleaned_data.get("founding_year")
        latest = timezone.localdate().year
        if year is not None and not 1900 <= year <= latest:
            raise forms.ValidationError(_("Tahun berdiri harus antara 1900 dan %(latest)s.") % {"latest": latest})
        return year

    def clean(self):
        cleaned = super().clean()
        primary, chosen = cleaned.get("primary_commodity"), cleaned.get("commodities")
        if primary is not None and chosen is not None and primary not in chosen:
            self.add_error("primary_commodity", _("Komoditas utama harus termasuk komoditas sentra."))
        return cleaned

    def extra_merge_values(self, record_pk, at):
        if record_pk is None:
            return {}
        links = SentraCommodity.history.as_of(at) if at is not None else SentraCommodity.objects
        links = list(links.filter(sentra_id=record_pk))
        return {
            "commodities": [link.commodity for link in links],
            "primary_commodity": next((link.commodity for link in links if link.is_primary), None),
        }

    def commodity_args(self):
        chosen = list(self.cleaned_data["commodities"])
        primary = self.cleaned_data.get("primary_commodity") or (chosen[0] if chosen else None)
        return {"commodity_ids": [c.pk for c in chosen], "primary_commodity_id": primary.pk if primary else None}
