from django.db import migrations, models

import reports.rollup


class Migration(migrations.Migration):
    """The rollup counts workers whose sex is not recorded (ikm 0006). Its triggers are dropped first (SQLite
    rebuilds the rollup table to add the column and refuses while triggers name it), then installed again with
    the new column, and the rollup is rebuilt. On SQLite, ikm 0006 rebuilt ikm_ikmunit too, which drops the
    triggers on it: installing them here also restores those."""

    dependencies = [
        ("ikm", "0008_i11_workers_unsplit"),
        ("reports", "0002_ikm_rollup"),
    ]

    operations = [
        # SQLite rebuilds the rollup table to add the column; triggers naming it must be gone first.
        migrations.RunPython(reports.rollup.uninstall, migrations.RunPython.noop),
        migrations.AddField(
            model_name="ikmrollup",
            name="workers_unsplit",
            field=models.BigIntegerField(default=0, verbose_name="tenaga kerja tanpa keterangan jenis kelamin"),
        ),
        migrations.RunPython(reports.rollup.reinstall, reports.rollup.uninstall),
    ]
