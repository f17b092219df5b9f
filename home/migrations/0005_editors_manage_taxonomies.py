"""Éditeurs and Modérateurs manage the library's taxonomies (themes, types, audiences).

Both add and change terms; only Modérateurs delete them, and a term that resources use is
never deleted (ressources.wagtail_hooks refuses it with the list of those resources).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TAXONOMIES = ["theme", "resourcetype", "audience"]
ACTIONS = {
    "Éditeurs": ["add", "change"],
    "Modérateurs": ["add", "change", "delete"],
}


def forwards(apps, schema_editor):
    # Permissions are normally created after migrations; data migrations need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, actions in ACTIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="ressources",
                codename__in=[f"{action}_{model}" for action in actions for model in TAXONOMIES],
            )
        )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=ACTIONS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="ressources",
                codename__in=[
                    f"{action}_{model}" for action in ACTIONS[group.name] for model in TAXONOMIES
                ],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_delete_navigation"),
        ("ressources", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
