from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .models import ApiClient
from .services import api_client_create, api_client_rotate_key, api_client_update


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "read_write", "is_active", "key_prefix", "created_at", "last_used_at"]
    list_filter = ["read_write", "is_active"]
    search_fields = ["name", "key_prefix"]
    autocomplete_fields = []
    raw_id_fields = ["region"]
    fields = ["name", "region", "read_write", "is_active", "throttle_rate", "key_prefix", "user", "created_at", "last_used_at"]
    readonly_fields = ["key_prefix", "user", "created_at", "last_used_at"]
    actions = ["rotate_keys"]

    def save_model(self, request, obj, form, change):
        if change:
            api_client_update(client=obj)
            return
        client, key = api_client_create(
            name=obj.name, region=obj.region, read_write=obj.read_write, throttle_rate=obj.throttle_rate
        )
        obj.pk = client.pk
        obj.__dict__.update({k: v for k, v in client.__dict__.items() if not k.startswith("_")})
        self._show_key_once(request, client, key)

    def _show_key_once(self, request, client, key):
        messages.warning(
            request,
            _("Token untuk %(name)s (hanya ditampilkan sekali, simpan sekarang): %(key)s") % {"name": client.name, "key": key},
        )

    @admin.action(description=_lazy("Buat token baru (token lama tidak berlaku lagi)"))
    def rotate_keys(self, request, queryset):
        for client in queryset:
            self._show_key_once(request, client, api_client_rotate_key(client=client))
