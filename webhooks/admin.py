from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from changes.representations import EVENTS, resource_names

from . import services
from .models import Delivery, Subscription
from .transport import check_url_form


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(label=gettext_lazy("URL penerima"), max_length=500, assume_scheme="https")
    resources = forms.MultipleChoiceField(
        label=gettext_lazy("sumber daya"), required=False, widget=forms.CheckboxSelectMultiple, help_text=gettext_lazy("Kosong = semua.")
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("jenis kejadian"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(event, event) for event in EVENTS], help_text=gettext_lazy("Kosong = semua."),
    )

    class Meta:
        model = Subscription
        fields = ["client", "url", "resources", "events", "description", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resources"].choices = [(name, name) for name in resource_names()]

    def clean_url(self):
        url = self.cleaned_data["url"]
        check_url_form(url)  # the same rule as the API: http(s), a host, no private address
        return url


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ["client", "url", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["url", "client__name"]
    raw_id_fields = ["client"]
    actions = ["rotate_secrets"]

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data.get(name) for name in ("url", "resources", "events", "description", "is_active")}
        if change:
            services.subscription_update(subscription=obj, data=data)
            return
        subscription = services.subscription_create(client=form.cleaned_data["client"], **data)
        obj.pk = subscription.pk
        obj.__dict__.update({k: v for k, v in subscription.__dict__.items() if not k.startswith("_")})
        self._show_secret_once(request, subscription)

    def _show_secret_once(self, request, subscription):
        messages.warning(request, _("Kunci penandatanganan untuk %(url)s (hanya ditampilkan sekali, berikan kepada mitra): %(secret)s")
                         % {"url": subscription.url, "secret": subscription.secret})

    @admin.action(description=gettext_lazy("Buat kunci penandatanganan baru"))
    def rotate_secrets(self, request, queryset):
        for subscription in queryset:
            self._show_secret_once(request, services.subscription_rotate_secret(subscription=subscription))


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["id", "subscription", "event", "object_id", "status", "attempts", "response_code", "next_attempt_at", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["subscription__url", "subscription__client__name"]
    readonly_fields = [field.name for field in Delivery._meta.fields]
    actions = ["redeliver"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Kirim ulang"))
    def redeliver(self, request, queryset):
        for delivery in queryset.order_by("id"):
            services.delivery_redeliver(delivery=delivery)
        messages.success(request, _("%(count)s pengiriman dijadwalkan ulang.") % {"count": queryset.count()})
