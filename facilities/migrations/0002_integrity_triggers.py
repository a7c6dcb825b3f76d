from django.db import migrations

from core.triggers import TriggerOperation


class Migration(migrations.Migration):
    dependencies = [("facilities", "0001_initial"), ("ikm", "0001_initial")]

    operations = [
        TriggerOperation("room_occupant_is_member"),
        TriggerOperation("membership_end_vacated"),
    ]
