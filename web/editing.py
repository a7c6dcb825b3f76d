"""Create/edit/detail pages and record actions; every write goes through the app's service.

Edits are conflict-aware: the form carries the version the user opened; when the service raises
ConflictError the page lists what the other person changed and shows the form again merged three ways
(web/merge.py): fields only the other person changed hold their stored value, fields only this user changed
keep the user's input, and a field both changed needs an explicit choice. Saving again writes exactly that:
nothing of either edit is lost or reverted unseen. Every save runs in one transaction.
"""

import re

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.exceptions import ConflictError

from . import merge
from .display import choice_label, field_label, format_value, resolve
from .forms import MAX_VERSION


class ScopedObjectMixin:
    """Loads the record through the app's scoped selector: out of scope answers 404, like absent."""

    selector = None  # callable(user=...) -> scoped queryset
    include_deleted = False

    def get_queryset(self):
        selector = type(self).selector
        if self.include_deleted:
            return selector(user=self.request.user, include_deleted=True)
        return selector(user=self.request.user)

    def get_object(self):
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except (ObjectDoesNotExist, ValueError):
            raise Http404(_("Data tidak ditemukan.")) from None


class RecordFormView(LoginRequiredMixin, ScopedObjectMixin, TemplateView):
    """Create (no pk in the URL) or edit (pk) one record; subclasses say which form and which service."""

    template_name = "web/form.html"
    form_class = None
    title_create = ""
    title_edit = ""
    detail_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.can_edit_records:
            raise PermissionDenied(_("Anda tidak berwenang mengubah data."))
        self.object = self.get_object() if "pk" in kwargs else None
        self.parent = self.get_parent()
        return super().dispatch(request, *args, **kwargs)

    def get_parent(self):
        """The record a child is created under (the sentra of a room, ...); None for top-level records."""
        return None

    def get_initial(self):
        return {}

    def get_form(self, data=None):
        return self.form_class(
            data=data, instance=self.object or self.new_instance(), initial=self.get_initial(), user=self.request.user, parent=self.parent
        )

    def new_instance(self):
        return None

    def create(self, form):
        raise NotImplementedError

    def cancel_url(self):
        return self.request.GET.get("next") if url_has_allowed_host_and_scheme(self.request.GET.get("next"), None) else "/"

    def update(self, form):
        raise NotImplementedError

    def success_url(self, obj):
        return reverse(self.detail_url_name, args=[obj.pk])

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        conflict = None
        unresolved = merge.apply_resolutions(form, self.object, request.POST) if form.is_valid() else None
        if unresolved is not None and unresolved.conflicts:
            conflict = self.conflict_context(None, form, unresolved)  # still a choice to make
        elif unresolved is not None:
            try:
                with transaction.atomic():
                    obj = self.update(form) if self.object else self.create(form)
            except ConflictError as error:
                resolution = merge.three_way(form, error.instance, form.cleaned_data.get("version"))
                conflict = self.conflict_context(error, form, resolution)
                form = self.rebind_after_conflict(request.POST, error, form, resolution)
                form.add_error(None, str(error))
            except ValidationError as error:
                form.add_service_error(error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Data tersimpan."))
                return HttpResponseRedirect(self.success_url(obj))
        return self.render_to_response(self.get_context_data(form=form, conflict=conflict), status=409 if conflict else 200)

    def rebind_after_conflict(self, post, error, form, resolution):
        data = merge.merged_data(form, post, resolution, version=error.instance.version, base_version=form.cleaned_data.get("version"))
        form = self.get_form(data)
        form.is_valid()
        return form

    def conflict_context(self, error, form, resolution):
        model = form._meta.model

        def shown(name, value):
            if isinstance(value, (list, tuple)):
                return ", ".join(str(item) for item in value) or format_value(None)
            return format_value(choice_label(model, name, value), name)

        def label(name):
            return form.fields[name].label or field_label(model, name)

        changes = [
            {"label": field_label(model, name), "seen": format_value(choice_label(model, name, old), name),
             "stored": format_value(choice_label(model, name, new), name)}
            for name, old, new in (error.changes if error is not None else [])
        ]
        both = [
            {"name": name, "label": label(name), "seen": shown(name, resolution.values[name][0]),
             "stored": shown(name, resolution.values[name][1]), "mine": shown(name, resolution.values[name][2]),
             "input": merge.RESOLVE_PREFIX + name}
            for name in resolution.conflicts
        ]
        kept = [label(name) for name in resolution.theirs_kept]
        version = error.instance.version if error is not None else form.cleaned_data.get("version")
        return {"changes": changes, "version": version, "both": both, "theirs_kept": kept, "refused": error is not None}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title_edit if self.object else self.title_create,
            object=self.object,
            parent=self.parent,
            cancel_url=self.success_url(self.object) if self.object else self.cancel_url(),
        )
        return context


class ChildFormView(RecordFormView):
    """Create/edit a record that belongs to a parent (room of a sentra, certificate of an IKM unit).

    The parent comes from the URL (`?sentra=12`) through the parent's own scoped selector, so a parent
    outside the user's region answers 404 before anything is shown.
    """

    parent_field = None  # "sentra"
    parent_selector = None
    parent_detail_url_name = None

    def get_parent(self):
        if self.object is not None:
            return getattr(self.object, self.parent_field)
        try:
            return type(self).parent_selector(user=self.request.user).get(pk=self.request.GET.get(self.parent_field, ""))
        except (ObjectDoesNotExist, ValueError):
            raise Http404(_("Data induk tidak ditemukan.")) from None

    def new_instance(self):
        return self.form_class._meta.model(**{self.parent_field: self.parent})

    def create_data(self, form):
        return {**form.service_data(), self.parent_field: self.parent}

    def cancel_url(self):
        return reverse(self.parent_detail_url_name, args=[self.parent.pk])

    def success_url(self, obj):
        return reverse(self.parent_detail_url_name, args=[getattr(obj, f"{self.parent_field}_id")])


class RecordDetailView(LoginRequiredMixin, ScopedObjectMixin, TemplateView):
    template_name = "web/detail.html"
    fields = ()  # accessors shown as label: value
    edit_url_name = None
    history_url_name = None
    verify_url_name = None
    delete_url_name = None

    def get_sections(self, obj):
        return []

    def get_title(self, obj):
        return str(obj)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object = self.get_object()
        model = type(obj)
        user = self.request.user
        rows = []
        for accessor in self.fields:
            label, value = accessor if isinstance(accessor, tuple) else (field_label(model, accessor), accessor)
            rows.append({"label": label, "text": format_value(resolve(obj, value), value if isinstance(value, str) else "")})
        url = lambda name: reverse(name, args=[obj.pk]) if name else None  # noqa: E731
        context.update(
            object=obj,
            title=self.get_title(obj),
            rows=rows,
            sections=self.get_sections(obj),
            edit_url=url(self.edit_url_name) if user.can_edit_records and not getattr(obj, "is_deleted", False) else None,
            history_url=url(self.history_url_name),
            verify_url=url(self.verify_url_name) if user.can_verify_records and not getattr(obj, "is_deleted", False) else None,
            delete_url=url(self.delete_url_name) if user.can_edit_records and not getattr(obj, "is_deleted", False) else None,
            verifiable=hasattr(obj, "last_verified_at"),
        )
        return context


class RecordActionView(LoginRequiredMixin, ScopedObjectMixin, View):
    """A POST-only button (verify, delete, restore) calling one service, then back to a page."""

    action = None  # callable(user=..., instance=..., version=...) -> instance
    done_message = ""
    redirect_url_name = None  # with the record's pk; None goes back to `list_url_name`
    list_url_name = None

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        version = request.POST.get("version") or None
        try:
            if version is not None and not (re.fullmatch(r"[0-9]{1,10}", version) and 0 < int(version) <= MAX_VERSION):
                raise ValidationError(_("Versi data tidak dikenal; muat ulang halaman lalu coba lagi."))
            type(self).action(user=request.user, instance=obj, version=version)
        except ConflictError as error:
            messages.error(request, str(error))
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, self.done_message, extra_tags=self.extra_tags(obj))
        if self.redirect_url_name:
            return HttpResponseRedirect(reverse(self.redirect_url_name, args=[obj.pk]))
        return HttpResponseRedirect(reverse(self.list_url_name))

    def extra_tags(self, obj):
        return ""


class RecordDeleteView(RecordActionView):
    """Delete with a confirmation page first: GET shows what goes with the record (its rooms, members,
    machines...) and a button; only a POST carrying that confirmation deletes. A POST without it (an old
    bookmark, a script) is sent to the confirmation page instead of deleting."""

    template_name = "web/confirm_delete.html"
    detail_url_name = None

    def consequences(self, obj):
        """[(label, count, [a few names])] of what is hidden or changed together with `obj`."""
        return []

    def get(self, request, *args, **kwargs):
        from django.shortcuts import render

        obj = self.get_object()
        if not request.user.can_edit_records:
            raise PermissionDenied(_("Anda tidak berwenang mengubah data."))
        items = [{"label": label, "count": count, "names": names} for label, count, names in self.consequences(obj) if count]
        return render(request, self.template_name, {
            "object": obj, "title": _("Hapus %(name)s?") % {"name": obj}, "consequences": items,
            "cancel_url": reverse(self.detail_url_name, args=[obj.pk]),
        })

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm") != "yes":
            self.get_object()  # out of scope stays a 404, as for any action
            return HttpResponseRedirect(request.path)
        return super().post(request, *args, **kwargs)


def sample(queryset, accessor=str, limit=10):
    """(count, [names of the first `limit`]) of a queryset, for a confirmation page."""
    names = [accessor(obj) for obj in queryset[:limit]]
    count = len(names) if len(names) < limit else queryset.count()
    return count, names
