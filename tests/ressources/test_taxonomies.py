"""Themes, types and audiences: terms editors manage, named by their slug in library URLs."""

import pytest
from django.db import IntegrityError, transaction

from ressources.models import Audience, ResourceType, Theme
from tests.factories import library_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Theme, ResourceType, Audience])
def test_a_slug_names_one_term_per_language(model):
    locale_id = library_page().locale_id
    # Library URLs name terms by slug: two terms of one language cannot share one.
    existing = model.objects.filter(locale_id=locale_id).first()
    constraint_names = {constraint.name for constraint in model._meta.constraints}
    assert f"ressources_{model._meta.model_name}_unique_slug_locale" in constraint_names
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(name="Doublon", slug=existing.slug, locale_id=locale_id)
