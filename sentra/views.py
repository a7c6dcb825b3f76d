from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from web.display import Column, table
from web.editing import RecordActionView, RecordDeleteView, RecordDetailView, RecordFormView, sample
from web.history import HISTORY_LIMIT, RecordHistoryView, who
from web.listing import ScopedListView
from web.verifying import VERIFICATION_FIELDS, VerificationDetailMixin

from . import services
from .codes import sentra_create_numbered
from .filtersets import SentraFilterSet
from .forms import SentraForm
from .models import SentraCommodity
from .selectors import sentra_list


def primary_commodity_name(sentra):
    commodity = sentra.primary_commodity
    return commodity.name if commodity else None


COLUMNS = [
    Column(_("Nama sentra"), "name", order="name"),
    Column(_("Kode"), "code", order="code"),
    Column(_("Desa/kelurahan"), "desa.name"),
    Column(_("Kabupaten/kota"), "desa.parent.parent.name"),
    Column(_("Komoditas utama"), primary_commodity_name),
    Column(_("Status"), "status", order="status", badge="status"),
    # Not sortable: never-verified sentra have no date, and NULLs cannot be paged by value (web.listing).
    Column(_("Terakhir diverifikasi"), "last_verified_at"),
]


class SentraListView(ScopedListView):
    title = _("Sentra IKM")
    selector = sentra_list
    filterset_class = SentraFilterSet
    columns = COLUMNS
    detail_url_name = "sentra:detail"
    create_url_name = "sentra:create"
    filter_fields = ["q", "region", "commodity", "status", "dak_funded", "verified"]
    export_identifier = "sentra"

    @property
    def extra_links(self):
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("ordering", None)
        on_map = reverse("geo:map") + (f"?{query.urlencode()}" if query else "")  # the same filters, drawn on the map
        return [(_("Peta"), on_map), (_("Terhapus"), reverse("sentra:deleted"))]


class SentraDeletedListView(ScopedListView):
    import_url = None
    """Soft-deleted sentra of the user's region, each restorable (undo of a delete)."""

    template_name = "web/deleted.html"
    title = _("Sentra terhapus")
    filterset_class = SentraFilterSet
    columns = [Column(_("Nama sentra"), "name"), Column(_("Kode"), "code"), Column(_("Dihapus"), "deleted_at")]
    filter_fields = ["q", "region"]

    def get_queryset(self):
        return sentra_list(user=self.request.user, include_deleted=True).filter(deleted_at__isnull=False).order_by("-deleted_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["restore_url_name"] = "sentra:restore"
        return context


class SentraDetailView(VerificationDetailMixin, RecordDetailView):
    selector = sentra_list
    include_deleted = True
    fields = [
        "code", "name", "desa.name", (_("Kode wilayah"), "desa_id"), "address", "latitude", "longitude",
        (_("Komoditas"), lambda s: ", ".join(f"{link.commodity.name}{' ★' if link.is_primary else ''}" for link in s.commodity_links.all())),
        "founding_year", "origin", "manager_type", "manager_name", "asset_owner", "designation_number", "designation_date",
        "status", "notes", *VERIFICATION_FIELDS, "updated_at", "version",
    ]
    edit_url_name = "sentra:update"
    history_url_name = "sentra:history"
    verify_url_name = "sentra:verify"
    delete_url_name = "sentra:delete"

    def record_map(self, sentra):
        """The sentra's point and its placed current members, for the map on its page."""
        from ikm.selectors import ikm_list

        points = [{"lat": float(sentra.latitude), "lon": float(sentra.longitude), "name": sentra.name, "kind": "home"}] if sentra.latitude is not None else []
        members = ikm_list(user=self.request.user).filter(
            memberships__sentra=sentra, memberships__left_on__isnull=True, latitude__isnull=False
        ).order_by("name").values_list("id", "name", "latitude", "longitude")[:500]
        points += [
            {"lat": float(lat), "lon": float(lon), "name": name, "url": reverse("ikm:detail", args=[pk]), "kind": "member"}
            for pk, name, lat, lon in members
        ]
        return points

    def get_sections(self, sentra):
        from facilities.views import MACHINE_COLUMNS_IN_SENTRA, ROOM_COLUMNS_IN_SENTRA
        from funding.views import dak_history_table
        from ikm.views import FIGURE_COLUMNS, MEMBER_COLUMNS

        if sentra.is_deleted:
            return []
        members = sentra.memberships.filter(left_on__isnull=True).select_related("ikm").order_by("ikm__name")[:200]
        member_table = table([m.ikm for m in members], MEMBER_COLUMNS, "ikm:detail", title=_("Anggota (unit IKM)"),
                             add_url=reverse("ikm:member_add") + f"?sentra={sentra.pk}")
        member_table["add_label"] = _("Tambah anggota")
        return [
            member_table,
            table(sentra.rooms.select_related("occupant").order_by("name")[:200], ROOM_COLUMNS_IN_SENTRA, "facilities:room_detail",
                  title=_("Ruang produksi"), add_url=reverse("facilities:room_create") + f"?sentra={sentra.pk}"),
            table(sentra.machines.select_related("equipment_type", "room")[:200], MACHINE_COLUMNS_IN_SENTRA, "facilities:machine_detail",
                  title=_("Mesin/peralatan"), add_url=reverse("facilities:machine_create") + f"?sentra={sentra.pk}"),
            dak_history_table(user=self.request.user, sentra=sentra),
            table(sentra.yearly_figures.order_by("-year")[:50], FIGURE_COLUMNS, "ikm:figure_detail",
                  title=_("Kinerja tahunan"), add_url=reverse("ikm:figure_create") + f"?sentra={sentra.pk}"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record_map"] = self.record_map(context["object"])  # templates/geo/_record_map.html
        if not self.object.is_deleted:
            context["extra_actions"] = [(_("Profil cetak"), reverse("reports:profile", args=[self.object.pk]))]
        return context


class SentraFormView(RecordFormView):
    selector = sentra_list
    form_class = SentraForm
    title_create = _("Tambah sentra")
    title_edit = _("Ubah sentra")
    detail_url_name = "sentra:detail"

    def create(self, form):
        if form.wants_generated_code():
            return sentra_create_numbered(user=self.request.user, data=form.service_data(), **form.commodity_args())
        return services.sentra_create(user=self.request.user, data=form.service_data(), **form.commodity_args())

    def update(self, form):
        return services.sentra_update(
            user=self.request.user, sentra=self.object, data=form.service_data(),
            expected_version=form.cleaned_data.get("version"), **form.commodity_args(),
        )


class SentraHistoryView(RecordHistoryView):
    include_deleted = True  # the history of a deleted record stays readable (it shows the delete)
    selector = sentra_list
    detail_url_name = "sentra:detail"

    def extra_entries(self, sentra):
        links = SentraCommodity.history.filter(sentra_id=sentra.pk).select_related("history_user", "commodity")
        events = {"+": _("Komoditas ditambahkan"), "-": _("Komoditas dilepas"), "~": _("Komoditas utama diubah")}
        return [
            {"when": link.history_date, "who": who(link), "what": events[link.history_type],
             "changes": [{"label": f"{link.commodity.name} ({_('utama')})" if link.is_primary else link.commodity.name}]}
            for link in links.order_by("-history_date")[:HISTORY_LIMIT]
        ]


class SentraVerifyView(RecordActionView):
    selector = sentra_list
    action = staticmethod(lambda *, user, instance, version: services.sentra_verify(user=user, sentra=instance))
    done_message = _("Sentra ditandai: data masih valid.")
    redirect_url_name = "sentra:detail"


class SentraDeleteView(RecordDeleteView):
    selector = sentra_list
    action = staticmethod(lambda *, user, instance, version: services.sentra_delete(user=user, sentra=instance, expected_version=version))
    done_message = _("Sentra dihapus. Anda dapat memulihkannya dari daftar sentra terhapus.")
    list_url_name = "sentra:deleted"
    detail_url_name = "sentra:detail"

    def consequences(self, sentra):
        rooms = sentra.rooms.order_by("name")
        return [
            (_("Ruang produksi"), *sample(rooms, lambda room: room.name)),
            (_("Ruang yang sedang dipakai"), *sample(rooms.filter(occupant__isnull=False).select_related("occupant"),
                                                     lambda room: f"{room.name}: {room.occupant}")),
            (_("Anggota (unit IKM)"), *sample(sentra.memberships.filter(left_on__isnull=True).select_related("ikm").order_by("ikm__name"),
                                              lambda membership: membership.ikm.name)),
            (_("Mesin/peralatan"), *sample(sentra.machines.select_related("equipment_type").order_by("id"))),
            (_("Kinerja tahunan"), *sample(sentra.yearly_figures.order_by("-year"), lambda figure: str(figure.year))),
            (_("Kegiatan DAK"), *sample(sentra.dak_activities.order_by("id"), lambda activity: activity.description)),
        ]


class SentraRestoreView(RecordActionView):
    selector = sentra_list
    include_deleted = True
    action = staticmethod(lambda *, user, instance, version: services.sentra_restore(user=user, sentra=instance))
    done_message = _("Sentra dipulihkan.")
    redirect_url_name = "sentra:detail"
