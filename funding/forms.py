from django import forms
from django.utils.translation import gettext_lazy as _

from facilities.models import Machine, Room
from sentra.selectors import sentra_list
from web.forms import RecordForm, RegionField

from .models import DakActivity, DakAllocation, DakMenu


class DakAllocationForm(RecordForm):
    kabupaten_kota = RegionField(level=2, label=_("Kabupaten/kota penerima"))

    class Meta:
        model = DakAllocation
        fields = ["fiscal_year", "kabupaten_kota", "pagu", "realisation", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class DakActivityForm(RecordForm):
    sentra = forms.ModelChoiceField(
        queryset=None, to_field_name="code", required=False, label=_("Kode sentra"),
        widget=forms.TextInput(attrs={"placeholder": "SNT-00001"}),
        error_messages={"invalid_choice": _("Sentra dengan kode ini tidak ditemukan di wilayah kerja Anda.")},
    )

    class Meta:
        model = DakActivity
        fields = ["menu", "description", "sentra", "pagu", "realisation", "rooms", "machines"]
        widgets = {"rooms": forms.CheckboxSelectMultiple, "machines": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sentra"].queryset = sentra_list(user=self.user).prefetch_related(None)
        self.fields["menu"].queryset = DakMenu.objects.filter(is_active=True)
        # Rooms and machines are those of the activity's sentra: a handful, never the whole region's.
        sentra_id = self.instance.sentra_id
        self.fields["rooms"].queryset = Room.objects.filter(sentra_id=sentra_id).order_by("name")
        self.fields["machines"].queryset = Machine.objects.filter(sentra_id=sentra_id).select_related("equipment_type")
        if not sentra_id:
            help_text = _("Simpan kegiatan dengan kode sentra dulu; ruang dan mesinnya dapat dipilih saat mengubah.")
            self.fields["rooms"].help_text = self.fields["machines"].help_text = help_text

    def service_data(self):
        data = super().service_data()
        data.pop("rooms", None)
        data.pop("machines", None)
        return data

    def extra_merge_values(self, record_pk, at):
        """The rooms and machines paid for, now or at moment `at` (history keeps them with every change)."""
        if record_pk is None:
            return {}
        if at is None:
            activity = DakActivity.objects.filter(pk=record_pk).first()
            room_ids = list(activity.rooms.values_list("pk", flat=True)) if activity else []
            machine_ids = list(activity.machines.values_list("pk", flat=True)) if activity else []
        else:
            row = DakActivity.history.filter(id=record_pk, history_date__lte=at).order_by("-history_date", "-history_id").first()
            room_ids = [link.room_id for link in row.rooms.all()] if row else []
            machine_ids = [link.machine_id for link in row.machines.all()] if row else []
        return {"rooms": list(Room.objects.filter(pk__in=room_ids)), "machines": list(Machine.objects.filter(pk__in=machine_ids))}
