"""Editorial roles and the review workflow.

Wagtail's own migrations create the groups "Editors" and "Moderators" and a workflow
"Moderators approval" on the root page. They are renamed and completed here so that the
admin speaks French and the rights match the NEC newsroom:
- Éditeurs write pages and submit them for review; they cannot publish.
- Modérateurs review, publish, and manage menus, images and documents.
The workflow « Relecture avant publication » applies to the whole tree.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Éditeurs"
MODERATORS = "Modérateurs"
WORKFLOW = "Relecture avant publication"
TASK = "Relecture par les modérateurs"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "add_image"), ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document"),
    ],
    MODERATORS: [
        ("wagtailimages", "add_image"), ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"), ("wagtailimages", "delete_image"),
        ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"), ("wagtaildocs", "delete_document"),
    ],
}
MODEL_PERMISSIONS = {
    EDITORS: [("wagtailadmin", "access_admin")],
    MODERATORS: [("wagtailadmin", "access_admin"), ("home", "change_navigation")],
}


def ensure_permissions(apps):
    # Permissions are normally created after migrations; data migrations need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def group_named(Group, name, legacy_name):
    group = Group.objects.filter(name=name).first()
    if group is None:
        group = Group.objects.filter(name=legacy_name).first()
        if group is not None:
            group.name = name
            group.save()
        else:
            group = Group.objects.create(name=name)
    return group


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    groups = {
        EDITORS: group_named(Group, EDITORS, "Editors"),
        MODERATORS: group_named(Group, MODERATORS, "Moderators"),
    }
    root = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()

    for name, group in groups.items():
        for codename in PAGE_PERMISSIONS[name]:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        if name == EDITORS:
            # Editors submit for review: make sure no inherited right lets them publish.
            GroupPagePermission.objects.filter(
                group=group, permission__codename__in=["publish_page", "unlock_page"]
            ).delete()
        for app_label, codename in COLLECTION_PERMISSIONS[name]:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            if root_collection is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        for app_label, codename in MODEL_PERMISSIONS[name]:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )

    task = GroupApprovalTask.objects.filter(name__in=[TASK, "Moderators approval"]).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK, content_type=content_type, active=True)
    task.name = TASK
    task.active = True
    task.save()
    task.groups.set([groups[MODERATORS]])

    workflow = Workflow.objects.filter(name__in=[WORKFLOW, "Moderators approval"]).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    workflow.name = WORKFLOW
    workflow.active = True
    workflow.save()
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
