from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from web.display import Column, table
from web.editing import ChildFormView, RecordDetailView, RecordFormView
from web.history import RecordHistoryView
from web.listing import ScopedListView

from . import selectors, services
from .filtersets import DakActivityFilterSet, DakAllocationFilterSet
from .forms import DakActivityForm, DakAllocationForm

ACTIVITY_COLUMNS = [
    Column(_("Uraian kegiatan"), "description"), Column(_("Menu"), "menu.name"), Column(_("Sentra"), "sentra.name"),
    Column(_("Pagu (Rp)"), "pagu", numeric=True), Column(_("Realisasi (Rp)"), "realisation", numeric=True),
]


def paid_for(activity):
    """What an activity paid for: its rooms and machines (prefetched), or a dash."""
    assets = [room.name for room in activity.rooms.all()] + [str(machine) for machine in activity.machines.all()]
    return ", ".join(assets) or None


SENTRA_DAK_COLUMNS = [
    Column(_("Tahun anggaran"), "allocation.fiscal_year"), Column(_("Menu"), "menu.name"), Column(_("Uraian kegiatan"), "description"),
    Column(_("Pagu (Rp)"), "pagu", numeric=True), Column(_("Realisasi (Rp)"), "realisation", numeric=True),
    Column(_("Yang dibiayai"), paid_for),
]


def dak_history_table(*, user, sentra):
    """The sentra page's DAK history: every activity for it, newest fiscal year first, with what it paid for."""
    activities = (
        selectors.dak_activity_list(user=user).filter(sentra=sentra)
        .prefetch_related("rooms", "machines__equipment_type").order_by("-allocation__fiscal_year", "id")[:100]
    )
    return table(activities, SENTRA_DAK_COLUMNS, "funding:activity_detail", title=_("Riwayat DAK Fisik Bidang IKM"),
                 empty=_("Belum pernah menerima DAK."))


class AllocationListView(ScopedListView):
    title = _("Alokasi DAK Fisik Bidang IKM")
    selector = selectors.dak_allocation_list
    filterset_class = DakAllocationFilterSet
    columns = [
        Column(_("Tahun anggaran"), "fiscal_year", order="year"),
        Column(_("Kabupaten/kota"), "kabupaten_kota.name", order="region"),
        Column(_("Provinsi"), "kabupaten_kota.parent.name"),
        Column(_("Pagu (Rp)"), "pagu", order="pagu", numeric=True),
        Column(_("Realisasi (Rp)"), "realisation", numeric=True),
        Column(_("Serapan (%)"), "absorption_percent", numeric=True),
    ]
    detail_url_name = "funding:allocation_detail"
    create_url_name = "funding:allocation_create"
    filter_fields = ["region", "year"]
    export_identifier = "dak-alokasi"

    @property
    def extra_links(self):
        return [(_("Kegiatan DAK"), reverse("funding:activity_list"))]


class ActivityListView(ScopedListView):
    title = _("Kegiatan DAK")
    selector = selectors.dak_activity_list
    filterset_class = DakActivityFilterSet
    columns = [ACTIVITY_COLUMNS[0], Column(_("Tahun"), "allocation.fiscal_year"),
               Column(_("Kabupaten/kota"), "allocation.kabupaten_kota.name"), *ACTIVITY_COLUMNS[1:]]
    detail_url_name = "funding:activity_detail"
    filter_fields = ["q", "region", "year", "sentra"]
    export_identifier = "dak-kegiatan"


class AllocationDetailView(RecordDetailView):
    selector = selectors.dak_allocation_list
    fields = ["fiscal_year", "kabupaten_kota.name", (_("Kode wilayah"), "kabupaten_kota_id"), "pagu", "realisation",
              (_("Serapan (%)"), "absorption_percent"), "notes", "updated_at", "version"]
    edit_url_name = "funding:allocation_update"
    history_url_name = "funding:allocation_history"

    def get_sections(self, allocation):
        activities = allocation.activities.select_related("menu", "sentra")[:200]
        return [table(activities, ACTIVITY_COLUMNS, "funding:activity_detail", title=_("Kegiatan"),
                      add_url=reverse("funding:activity_create") + f"?allocation={allocation.pk}")]


class AllocationFormView(RecordFormView):
    selector = selectors.dak_allocation_list
    form_class = DakAllocationForm
    title_create = _("Tambah alokasi DAK")
    title_edit = _("Ubah alokasi DAK")
    detail_url_name = "funding:allocation_detail"

    def create(self, form):
        return services.dak_allocation_create(user=self.request.user, data=form.service_data())

    def update(self, form):
        return services.dak_allocation_update(user=self.request.user, allocation=self.object, data=form.service_data(),
                                              expected_version=form.cleaned_data.get("version"))


class ActivityDetailView(RecordDetailView):
    selector = selectors.dak_activity_list
    fields = [(_("Alokasi"), "allocation"), (_("Menu kegiatan"), "menu"), "description", (_("Sentra"), "sentra"), "pagu", "realisation",
              (_("Ruang yang dibiayai"), lambda a: ", ".join(r.name for r in a.rooms.all())),
              (_("Mesin yang dibiayai"), lambda a: ", ".join(str(m) for m in a.machines.select_related("equipment_type"))),
              "updated_at", "version"]
    edit_url_name = "funding:activity_update"
    history_url_name = "funding:activity_history"


class ActivityFormView(ChildFormView):
    selector = selectors.dak_activity_list
    form_class = DakActivityForm
    parent_field = "allocation"
    parent_selector = selectors.dak_allocation_list
    parent_detail_url_name = "funding:allocation_detail"
    title_create = _("Tambah kegiatan DAK")
    title_edit = _("Ubah kegiatan DAK")
    detail_url_name = "funding:activity_detail"

    def success_url(self, obj):
        return reverse(self.detail_url_name, args=[obj.pk])

    def create(self, form):
        return services.dak_activity_create(user=self.request.user, data=self.create_data(form),
                                            rooms=form.cleaned_data["rooms"], machines=form.cleaned_data["machines"])

    def update(self, form):
        return services.dak_activity_update(user=self.request.user, activity=self.object, data=form.service_data(),
                                            rooms=form.cleaned_data["rooms"], machines=form.cleaned_data["machines"],
                                            expected_version=form.cleaned_data.get("version"))


class AllocationHistoryView(RecordHistoryView):
    selector = selectors.dak_allocation_list
    detail_url_name = "funding:allocation_detail"


class ActivityHistoryView(RecordHistoryView):
    selector = selectors.dak_activity_list
    detail_url_name = "funding:activity_detail"
