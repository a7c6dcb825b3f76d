# Issue 18: census worklist items and visits enter the change feed (changes/triggers.py CENSUS_SOURCES).

from django.db import migrations

from changes.triggers import CENSUS_SOURCES, InstallSourceTriggers


class Migration(migrations.Migration):

    dependencies = [
        ("census", "0001_i13_initial"),
        ("changes", "0002_i18_feed_start"),
    ]

    operations = [InstallSourceTriggers(CENSUS_SOURCES)]
