from django.utils.translation import gettext_lazy as _

from core.services import record_create, record_update
from sentra.selectors import sentra_list
from web.display import Column
from web.editing import ChildFormView, RecordDetailView
from web.history import RecordHistoryView
from web.listing import ScopedListView

from . import selectors
from .filtersets import MachineFilterSet, RoomFilterSet
from .forms import MachineForm, RoomForm

ROOM_COLUMNS_IN_SENTRA = [
    Column(_("Ruang"), "name"), Column(_("Keadaan"), "state"), Column(_("Digunakan oleh"), "occupant.name"),
    Column(_("Luas (m²)"), "area_m2", numeric=True),
]
MACHINE_COLUMNS_IN_SENTRA = [
    Column(_("Jenis"), "equipment_type.name"), Column(_("Uraian"), "description"), Column(_("Jumlah"), "quantity", numeric=True),
    Column(_("Kondisi"), "condition"), Column(_("Ruang"), "room.name"), Column(_("Tahun"), "year_acquired"),
    Column(_("Sumber dana"), "funding_source"),
]


class RoomListView(ScopedListView):
    title = _("Ruang produksi")
    selector = selectors.room_list
    filterset_class = RoomFilterSet
    columns = [Column(_("Ruang"), "name"), Column(_("Sentra"), "sentra.name"), Column(_("Desa/kelurahan"), "sentra.desa.name"),
               *ROOM_COLUMNS_IN_SENTRA[1:]]
    detail_url_name = "facilities:room_detail"
    filter_fields = ["q", "region", "sentra", "state"]
    export_identifier = "ruang"


class MachineListView(ScopedListView):
    title = _("Mesin dan peralatan")
    selector = selectors.machine_list
    filterset_class = MachineFilterSet
    columns = [MACHINE_COLUMNS_IN_SENTRA[0], Column(_("Sentra"), "sentra.name"), *MACHINE_COLUMNS_IN_SENTRA[1:]]
    detail_url_name = "facilities:machine_detail"
    filter_fields = ["q", "region", "sentra", "condition", "funding_source", "year_acquired"]
    export_identifier = "mesin"


class SentraChildFormView(ChildFormView):
    """Rooms and machines of one sentra, written through the generic record services (scope, audit, version)."""

    parent_field = "sentra"
    parent_selector = sentra_list
    parent_detail_url_name = "sentra:detail"

    def success_url(self, obj):
        return super(ChildFormView, self).success_url(obj)

    def create(self, form):
        return record_create(user=self.request.user, model=self.form_class._meta.model, data=self.create_data(form))

    def update(self, form):
        return record_update(user=self.request.user, instance=self.object, data=form.service_data(),
                             expected_version=form.cleaned_data.get("version"))


class RoomFormView(SentraChildFormView):
    selector = selectors.room_list
    form_class = RoomForm
    title_create = _("Tambah ruang produksi")
    title_edit = _("Ubah ruang produksi")
    detail_url_name = "facilities:room_detail"


class MachineFormView(SentraChildFormView):
    selector = selectors.machine_list
    form_class = MachineForm
    title_create = _("Tambah mesin/peralatan")
    title_edit = _("Ubah mesin/peralatan")
    detail_url_name = "facilities:machine_detail"


class RoomDetailView(RecordDetailView):
    selector = selectors.room_list
    fields = [(_("Sentra"), "sentra"), "name", "state", (_("Digunakan oleh"), "occupant"), "area_m2", "notes", "updated_at", "version"]
    edit_url_name = "facilities:room_update"
    history_url_name = "facilities:room_history"


class MachineDetailView(RecordDetailView):
    selector = selectors.machine_list
    fields = [(_("Sentra"), "sentra"), (_("Jenis"), "equipment_type"), "description", "quantity", "condition", (_("Ruang"), "room"),
              "year_acquired", "funding_source", "updated_at", "version"]
    edit_url_name = "facilities:machine_update"
    history_url_name = "facilities:machine_history"


class RoomHistoryView(RecordHistoryView):
    selector = selectors.room_list
    detail_url_name = "facilities:room_detail"


class MachineHistoryView(RecordHistoryView):
    selector = selectors.machine_list
    detail_url_name = "facilities:machine_detail"
