from django.utils.translation import gettext_lazy as _

from ikm.models import IkmUnit
from web.forms import RecordForm

from .models import Machine, Room


class RoomForm(RecordForm):
    class Meta:
        model = Room
        fields = ["name", "state", "occupant", "area_m2", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only current members of this sentra may occupy its rooms: a short list, never every IKM unit.
        self.fields["occupant"].queryset = IkmUnit.objects.filter(
            memberships__sentra=self.parent, memberships__left_on__isnull=True
        ).order_by("name").distinct()
        self.fields["occupant"].help_text = _("Hanya anggota aktif sentra ini. Kosongkan bila ruang kosong.")


class MachineForm(RecordForm):
    class Meta:
        model = Machine
        fields = ["equipment_type", "description", "quantity", "condition", "room", "year_acquired", "funding_source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(sentra=self.parent).order_by("name")
