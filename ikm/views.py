from django.http import Http404
from django.utils import timezone
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sentra.selectors import sentra_list
from web.display import Column, table
from web.editing import ChildFormView, RecordActionView, RecordDeleteView, RecordDetailView, RecordFormView, sample
from web.history import RecordHistoryView
from web.listing import ScopedListView
from web.pickers import PickerFormMixin
from web.verifying import VERIFICATION_FIELDS, VerificationDetailMixin

from . import selectors, services
from .filtersets import IkmUnitFilterSet, YearlyFigureFilterSet
from .models import IkmClass
from .forms import (
    CertificationForm, IkmUnitForm, MembershipEndForm, MembershipForm, ParticipationForm, SentraMemberForm, YearlyFigureForm,
)

MEMBER_COLUMNS = [
    Column(_("Nama usaha"), "name"), Column(_("NIB"), "nib"), Column(_("Pemilik"), "owner_name"),
    Column(_("Tenaga kerja"), "total_workers", numeric=True),
]
FIGURE_COLUMNS = [
    Column(_("Tahun"), "year"), Column(_("Unit usaha"), "unit_count", numeric=True),
    Column(_("Tenaga kerja"), "workers_total", numeric=True), Column(_("Volume produksi"), "production_volume", numeric=True),
    Column(_("Satuan"), "volume_unit"), Column(_("Nilai produksi (Rp)"), "production_value", numeric=True),
    Column(_("Omzet (Rp)"), "sales", numeric=True),
]


class IkmListView(ScopedListView):
    title = _("Unit IKM")
    selector = selectors.ikm_list
    filterset_class = IkmUnitFilterSet
    columns = [
        Column(_("Nama usaha"), "name", order="name"),
        # Not sortable: NIBs are often empty, and NULLs cannot be paged by value (web.listing.sort_keys).
        Column(_("NIB"), "nib"),
        Column(_("Desa/kelurahan"), "desa.name"),
        Column(_("Kabupaten/kota"), "desa.parent.parent.name"),
        Column(_("Komoditas"), "commodity.name"),
        Column(_("Kelas"), lambda u: IkmClass(u.ikm_class).label),
        Column(_("Investasi (Rp)"), "investment", order="investment", numeric=True),
        Column(_("Terakhir diverifikasi"), "last_verified_at"),
    ]
    detail_url_name = "ikm:detail"
    create_url_name = "ikm:create"
    filter_fields = ["q", "region", "commodity", "certification", "ikm_class", "verified"]
    export_identifier = "ikm"

    @property
    def extra_links(self):
        return [(_("Terhapus"), reverse("ikm:deleted"))]


class IkmDeletedListView(ScopedListView):
    import_url = None
    template_name = "web/deleted.html"
    title = _("Unit IKM terhapus")
    filterset_class = IkmUnitFilterSet
    columns = [Column(_("Nama usaha"), "name"), Column(_("NIB"), "nib"), Column(_("Dihapus"), "deleted_at")]
    filter_fields = ["q", "region"]

    def get_queryset(self):
        return selectors.ikm_list(user=self.request.user, include_deleted=True).filter(deleted_at__isnull=False).order_by("-deleted_at")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "restore_url_name": "ikm:restore"}


class IkmDetailView(VerificationDetailMixin, RecordDetailView):
    selector = selectors.ikm_list
    include_deleted = True
    fields = [
        "name", "owner_name", "nib", "desa.name", (_("Kode wilayah"), "desa_id"), "address", "latitude", "longitude",
        "commodity.name", "product", "workers_male", "workers_female", "workers_unsplit", (_("Tenaga kerja total"), "total_workers"), "investment",
        (_("Kelas industri (dihitung)"), lambda u: u.get_computed_class_display()), "production_capacity", "capacity_unit",
        "production_value", "sales", "production_place", *VERIFICATION_FIELDS, "updated_at", "version",
    ]
    edit_url_name = "ikm:update"
    history_url_name = "ikm:history"
    verify_url_name = "ikm:verify"
    delete_url_name = "ikm:delete"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = context["object"]
        # templates/geo/_record_map.html: where the unit produces, when placed.
        context["record_map"] = [{"lat": float(unit.latitude), "lon": float(unit.longitude), "name": unit.name, "kind": "home"}] if unit.latitude is not None else []
        return context

    def get_sections(self, unit):
        if unit.is_deleted:
            return []
        add = lambda name: reverse(name) + f"?ikm={unit.pk}"  # noqa: E731
        return [
            table(unit.certifications.all(), [Column(_("Jenis"), "kind"), Column(_("Nomor"), "number"), Column(_("Terbit"), "issued_on"),
                                              Column(_("Berlaku sampai"), "valid_until")],
                  "ikm:certification_update", title=_("Sertifikasi"), add_url=add("ikm:certification_create")),
            table(unit.memberships.select_related("sentra"), [Column(_("Sentra"), "sentra.name"), Column(_("Kode"), "sentra.code"),
                                                              Column(_("Tanggal bergabung"), "joined_on"), Column(_("Tanggal keluar"), "left_on")],
                  "ikm:membership_end", title=_("Keanggotaan sentra"), add_url=add("ikm:membership_create")),
            table(unit.participations.select_related("programme"), [Column(_("Program"), "programme.name"), Column(_("Tahun"), "year"),
                                                                    Column(_("Keterangan"), "note")],
                  None, title=_("Program"), add_url=add("ikm:participation_create")),
            table(unit.yearly_figures.order_by("-year")[:50], FIGURE_COLUMNS, "ikm:figure_detail", title=_("Kinerja tahunan"),
                  add_url=add("ikm:figure_create")),
        ]


class IkmFormView(RecordFormView):
    selector = selectors.ikm_list
    form_class = IkmUnitForm
    title_create = _("Tambah unit IKM")
    title_edit = _("Ubah unit IKM")
    detail_url_name = "ikm:detail"

    def create(self, form):
        return services.ikm_create(user=self.request.user, data=form.service_data())

    def update(self, form):
        return services.ikm_update(user=self.request.user, ikm=self.object, data=form.service_data(),
                                   expected_version=form.cleaned_data.get("version"))


class IkmHistoryView(RecordHistoryView):
    include_deleted = True  # the history of a deleted record stays readable (it shows the delete)
    selector = selectors.ikm_list
    detail_url_name = "ikm:detail"


class IkmVerifyView(RecordActionView):
    selector = selectors.ikm_list
    action = staticmethod(lambda *, user, instance, version: services.ikm_verify(user=user, ikm=instance))
    done_message = _("Unit IKM ditandai: data masih valid.")
    redirect_url_name = "ikm:detail"


class IkmDeleteView(RecordDeleteView):
    selector = selectors.ikm_list
    action = staticmethod(lambda *, user, instance, version: services.ikm_delete(user=user, ikm=instance, expected_version=version))
    done_message = _("Unit IKM dihapus. Anda dapat memulihkannya dari daftar unit IKM terhapus.")
    list_url_name = "ikm:deleted"
    detail_url_name = "ikm:detail"

    def consequences(self, unit):
        return [
            (_("Keanggotaan sentra"), *sample(unit.memberships.filter(left_on__isnull=True).select_related("sentra").order_by("id"),
                                              lambda membership: membership.sentra.name)),
            (_("Ruang yang dipakai unit ini (tetap tercatat dipakai sampai diubah)"),
             *sample(unit.rooms.select_related("sentra").order_by("id"), lambda room: f"{room.sentra.name}: {room.name}")),
            (_("Sertifikasi"), *sample(unit.certifications.order_by("kind", "number"))),
            (_("Kinerja tahunan"), *sample(unit.yearly_figures.order_by("-year"), lambda figure: str(figure.year))),
        ]


class IkmRestoreView(RecordActionView):
    selector = selectors.ikm_list
    include_deleted = True
    action = staticmethod(lambda *, user, instance, version: services.ikm_restore(user=user, ikm=instance))
    done_message = _("Unit IKM dipulihkan.")
    redirect_url_name = "ikm:detail"


class IkmChildFormView(ChildFormView):
    """Certificates, programmes and memberships of one IKM unit; written through the generic record services."""

    parent_field = "ikm"
    parent_selector = selectors.ikm_list
    parent_detail_url_name = "ikm:detail"

    def create(self, form):
        from core.services import record_create

        return record_create(user=self.request.user, model=self.form_class._meta.model, data=self.create_data(form))

    def update(self, form):
        from core.services import record_update

        return record_update(user=self.request.user, instance=self.object, data=form.service_data(),
                             expected_version=form.cleaned_data.get("version"))


class CertificationFormView(IkmChildFormView):
    selector = selectors.certification_list
    form_class = CertificationForm
    title_create = _("Tambah sertifikasi")
    title_edit = _("Ubah sertifikasi")


class ParticipationFormView(IkmChildFormView):
    selector = selectors.participation_list
    form_class = ParticipationForm
    title_create = _("Tambah keikutsertaan program")
    title_edit = _("Ubah keikutsertaan program")


class MembershipFormView(PickerFormMixin, IkmChildFormView):
    selector = selectors.membership_list
    form_class = MembershipForm
    title_create = _("Gabung ke sentra")
    title_edit = _("Ubah keanggotaan sentra")
    pick_field = "sentra"
    search_label = _("Cari sentra")
    search_help = _("Nama atau kode sentra, di wilayah kerja Anda.")

    def create(self, form):
        return services.membership_join(user=self.request.user, ikm=self.parent, sentra=form.cleaned_data["sentra"],
                                        joined_on=form.cleaned_data.get("joined_on"))


class SentraMemberAddView(PickerFormMixin, ChildFormView):
    """"Tambah anggota" on the sentra page: pick an IKM unit of the user's scope and join it to this sentra."""

    selector = selectors.membership_list
    form_class = SentraMemberForm
    parent_field = "sentra"
    parent_selector = sentra_list
    parent_detail_url_name = "sentra:detail"
    title_create = _("Tambah anggota sentra")
    pick_field = "ikm"
    search_label = _("Cari unit IKM")
    search_help = _("Nama usaha, NIB atau nama pemilik, di wilayah kerja Anda.")

    def create(self, form):
        return services.membership_join(user=self.request.user, ikm=form.cleaned_data["ikm"], sentra=self.parent,
                                        joined_on=form.cleaned_data.get("joined_on"))


class MembershipEndView(IkmChildFormView):
    selector = selectors.membership_list
    form_class = MembershipEndForm
    title_edit = _("Keluar dari sentra")

    def get_initial(self):
        return {"left_on": self.object.left_on or timezone.localdate()}

    def update(self, form):
        from facilities.services import membership_end

        return membership_end(user=self.request.user, membership=self.object, left_on=form.cleaned_data["left_on"],
                              expected_version=form.cleaned_data.get("version"))


class FigureListView(ScopedListView):
    title = _("Kinerja tahunan")
    selector = selectors.yearly_figure_list
    filterset_class = YearlyFigureFilterSet
    columns = [
        Column(_("Tahun"), "year", order="year"),
        Column(_("Sentra / unit IKM"), lambda f: f.sentra or f.ikm),
        Column(_("Wilayah"), "region.parent.parent.name"),
        *FIGURE_COLUMNS[1:],
    ]
    detail_url_name = "ikm:figure_detail"
    filter_fields = ["region", "year", "subject", "sentra", "nib"]
    export_identifier = "kinerja"


class FigureDetailView(RecordDetailView):
    selector = selectors.yearly_figure_list
    fields = ["year", (_("Sentra"), "sentra"), (_("Unit IKM"), "ikm"), "unit_count", "workers_male", "workers_female",
              "workers_total", "production_volume", "volume_unit", "production_value", "sales", "investment", "source",
              "updated_at", "version"]
    edit_url_name = "ikm:figure_update"
    history_url_name = "ikm:figure_history"


class FigureFormView(ChildFormView):
    selector = selectors.yearly_figure_list
    form_class = YearlyFigureForm
    title_create = _("Tambah kinerja tahunan")
    title_edit = _("Ubah kinerja tahunan")
    detail_url_name = "ikm:figure_detail"

    def get_parent(self):
        """A figure belongs to a sentra (?sentra=) or to an IKM unit (?ikm=)."""
        if self.object is not None:
            self.parent_field = "sentra" if self.object.sentra_id else "ikm"
            return self.object.sentra or self.object.ikm
        self.parent_field = "sentra" if "sentra" in self.request.GET else "ikm"
        parent_selector = sentra_list if self.parent_field == "sentra" else selectors.ikm_list
        try:
            return parent_selector(user=self.request.user).get(pk=self.request.GET.get(self.parent_field, ""))
        except (parent_selector(user=self.request.user).model.DoesNotExist, ValueError):
            raise Http404 from None

    def cancel_url(self):
        return reverse("sentra:detail" if self.parent_field == "sentra" else "ikm:detail", args=[self.parent.pk])

    def success_url(self, obj):
        return reverse(self.detail_url_name, args=[obj.pk])

    def create(self, form):
        return services.yearly_figure_create(user=self.request.user, data=self.create_data(form))

    def update(self, form):
        return services.yearly_figure_update(user=self.request.user, figure=self.object, data=form.service_data(),
                                             expected_version=form.cleaned_data.get("version"))


class FigureHistoryView(RecordHistoryView):
    selector = selectors.yearly_figure_list
    detail_url_name = "ikm:figure_detail"
