# The change feed's table and the triggers that fill it (changes/triggers.py).

from django.db import migrations, models

from changes.triggers import InstallTriggers


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("core", "0002_i18_tombstone_moved_to"),
        ("sentra", "0004_drop_duplicate_prefix_indexes"),
        ("ikm", "0005_drop_duplicate_prefix_indexes"),
        ("facilities", "0002_integrity_triggers"),
        ("funding", "0002_integrity_triggers"),
    ]

    operations = [
        migrations.CreateModel(
            name='Change',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('txid', models.BigIntegerField(verbose_name='transaksi')),
                ('resource', models.CharField(max_length=32, verbose_name='sumber daya')),
                ('object_id', models.BigIntegerField(verbose_name='ID data')),
                ('operation', models.CharField(choices=[('I', 'dibuat'), ('U', 'diubah'), ('D', 'dihapus')], max_length=1, verbose_name='operasi')),
                ('old_region', models.CharField(blank=True, max_length=13, null=True, verbose_name='wilayah sebelum')),
                ('new_region', models.CharField(blank=True, max_length=13, null=True, verbose_name='wilayah sesudah')),
                ('version', models.PositiveIntegerField(blank=True, null=True, verbose_name='versi')),
                ('changed_at', models.DateTimeField(verbose_name='waktu')),
            ],
            options={
                'verbose_name': 'perubahan',
                'verbose_name_plural': 'perubahan',
                'indexes': [models.Index(fields=['txid', 'id'], name='change_position_idx')],
            },
        ),
        InstallTriggers(),
    ]
