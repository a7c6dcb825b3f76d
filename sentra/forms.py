from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_code
from commodities.models import Commodity
from web.coordinates import COORDINATE_FIELDS, LocationCheckMixin, coordinate_widgets
from regions.models import kabupaten_of
from web.forms import RecordForm, RegionField

from .codes import next_sentra_code
from .models import Sentra, SentraCommodity


class SentraForm(LocationCheckMixin, RecordForm):
    location_kind = "sentra"
    desa = RegionField(level=4, label=_("Desa/kelurahan"))
    commodities = forms.ModelMultipleChoiceField(
        queryset=Commodity.objects.order_by("name"), label=_("Komoditas"), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sedikitnya satu komoditas.")},
    )
    primary_commodity = forms.ModelChoiceField(
        queryset=Commodity.objects.order_by("name"), label=_("Komoditas utama"), required=False,
        help_text=_("Kosong: komoditas pertama yang dipilih."),
    )
    # The generated code the create form offered (sentra.codes); kept unchanged, the next free one is taken on saving.
    code_offered = forms.CharField(widget=forms.HiddenInput, required=False)

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
            **coordinate_widgets(),
        }
        field_classes = COORDINATE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.offer_code()
        if self.instance.pk and not self.is_bound:
            links = list(self.instance.commodity_links.all())
            self.initial["commodities"] = [link.commodity_id for link in links]
            self.initial["primary_commodity"] = next((link.commodity_id for link in links if link.is_primary), None)

    def offer_code(self):
        """Create form: the next free code of the user's kabupaten/kota, editable; empty means "generate it"."""
        field = self.fields["code"]
        field.required = False
        field.help_text = _("Otomatis: kode kabupaten/kota tanpa titik dan nomor urut berikutnya (contoh 5305-004). Boleh diubah; "
                            "kosongkan untuk nomor otomatis menurut desa yang dipilih.")
        kabupaten = kabupaten_of(scope_code(self.user))
        if kabupaten and not self.is_bound:
            self.initial["code"] = self.initial["code_offered"] = next_sentra_code(kabupaten)

    def wants_generated_code(self):
        """True on a create form whose code box was left empty or kept at the offered code."""
        if self.instance.pk or not hasattr(self, "cleaned_data"):
            return False
        code = self.cleaned_data.get("code") or ""
        return not code or code == self.cleaned_data.get("code_offered")

    def validate_unique(self):
        # The offered code may have been taken since the form was opened: the service then takes the next one.
        if self.wants_generated_code():
            try:
                self.instance.validate_unique(exclude={*self._get_validation_exclusions(), "code"})
            except forms.ValidationError as error:
                self._update_errors(error)
        else:
            super().validate_unique()

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
