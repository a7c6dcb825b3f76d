"""Links stay inside one kabupaten/kota (core/links.py), refused by the database too (core/triggers.py).

Installed here because the rules join tables of sentra, ikm, facilities and funding, and funding is the
app that comes after all of them.
"""

from django.db import migrations

from core.triggers import TriggerOperation


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0002_integrity_triggers"),
        ("facilities", "0003_i12_area_not_negative"),
        ("ikm", "0007_i12_nonnegative_checks"),
        ("sentra", "0004_drop_duplicate_prefix_indexes"),
    ]

    operations = [
        TriggerOperation("membership_same_kabupaten"),
        TriggerOperation("room_occupant_same_kabupaten"),
        TriggerOperation("machine_room_same_sentra"),
        TriggerOperation("dak_activity_sentra_same_kabupaten"),
        TriggerOperation("unit_move_keeps_links"),
        TriggerOperation("sentra_move_keeps_links"),
        TriggerOperation("dak_allocation_move_keeps_links"),
        TriggerOperation("room_move_keeps_machines"),
    ]
