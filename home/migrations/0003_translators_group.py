"""The translators' group.

Traducteurs can open the admin, submit pages and snippets for translation and work in
wagtail-localize's editor. Their page rights (add, change, publish) are granted on the
home page of each translated language by `load_nec_content` — never on the French tree,
so they cannot edit or publish the French source. Éditeurs and Modérateurs may also
start translations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRANSLATORS = "Traducteurs"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("ressources", "change_theme"),
    ("ressources", "change_resourcetype"),
    ("ressources", "change_audience"),
    ("home", "change_navigation"),
]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    for app_label, codename in PERMISSIONS:
        translators.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    submit = Permission.objects.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    for group in Group.objects.filter(name__in=["Éditeurs", "Modérateurs"]):
        group.permissions.add(submit)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_editorial_groups_and_workflow"),
        ("ressources", "0001_initial"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
