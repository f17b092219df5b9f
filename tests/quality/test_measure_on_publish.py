"""Staff see page weights without a terminal: publishing a page measures it (and the pages
that list it) after the publication is committed, on the background task backend."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from quality.models import PageMeasurement
from ressources.models import ResourcePage
from tests.factories import home_page, library_page
from tests.ressources.test_resource_page import admin_add_resource

pytestmark = pytest.mark.django_db


def publish_new_resource(client):
    """A moderator fills in a new resource and clicks « Publier » in the admin."""
    PageMeasurement.objects.all().delete()  # the seed's pages were measured when loaded
    response = admin_add_resource(client, title="Guide des tiers-lieux", slug="tiers-lieux")
    assert response.status_code == 302, response.content.decode()[:2000]
    return ResourcePage.objects.get(slug="tiers-lieux")


def test_publishing_a_page_measures_it_and_the_report_shows_it(
    moderator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        resource = publish_new_resource(moderator_client)

    measured = {m.page_id: m for m in PageMeasurement.objects.all()}
    assert set(measured) == {resource.pk, library_page().pk, home_page().pk}
    record = measured[resource.pk]
    assert record.url == "/ressources/tiers-lieux/"
    assert record.html_bytes > 1000 and record.requests >= 3

    report = moderator_client.get(reverse("quality_page_weight")).content.decode()
    assert "/ressources/tiers-lieux/" in report
    assert "Guide des tiers-lieux" in report


def test_an_unpublished_page_leaves_the_report(
    moderator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        resource = publish_new_resource(moderator_client)
    assert PageMeasurement.objects.filter(page_id=resource.pk).exists()
    resource.refresh_from_db()
    resource.unpublish()
    assert not PageMeasurement.objects.filter(page_id=resource.pk).exists()


def test_with_the_database_queue_the_request_only_enqueues_and_the_worker_measures(
    moderator_client, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {
        **settings.TASKS,
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    with django_capture_on_commit_callbacks(execute=True):
        resource = publish_new_resource(moderator_client)
    assert not PageMeasurement.objects.exists(), "nothing measured during the request"
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "quality.tasks.measure_published_page"
    assert queued.args_kwargs["args"] == [resource.pk]

    # What `manage.py db_worker` does with it (run for real against production settings in
    # tests/operations/test_media_in_production.py; in-process it would close the test's
    # database connection).
    queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    assert PageMeasurement.objects.filter(page_id=resource.pk).exists()
