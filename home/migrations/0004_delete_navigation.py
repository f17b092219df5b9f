"""Navigation moved to the shell (nec_cms 0001): forget it here, keep its table."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0003_translators_group'),
        ('nec_cms', '0001_navigation_from_home'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Navigation')],
            database_operations=[],
        ),
    ]
