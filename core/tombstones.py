from django.db import router
from django.db.models.deletion import Collector
from django.utils import timezone

from .models import Tombstone
from .regionpath import region_code_of


def tombstones_for(instance):
    """Unsaved tombstones for the instance and every scoped record its deletion cascades to."""
    collector = Collector(using=router.db_for_write(type(instance)), origin=instance)
    collector.collect([instance])
    doomed = [obj for objs in collector.data.values() for obj in objs]
    doomed += [obj for queryset in collector.fast_deletes if hasattr(queryset, "model") for obj in queryset]
    now = timezone.now()
    return [
        Tombstone(model=obj._meta.label_lower, object_id=str(obj.pk), region_id=region_code_of(obj), deleted_at=now)
        for obj in doomed
        if hasattr(obj, "REGION_PATH")
    ]
