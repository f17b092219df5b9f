"""Every block an editor can pick, in every app, has a description and a preview."""

import pytest
from django.apps import apps
from wagtail import blocks
from wagtail.fields import StreamField

OUR_APPS = {"home", "editions", "ressources", "agenda"}


def stream_children():
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                for name, block in field.stream_block.child_blocks.items():
                    yield f"{model.__name__}.{field.name}.{name}", block


CHILDREN = list(stream_children())


def test_the_apps_have_stream_blocks():
    assert len(CHILDREN) > 20


@pytest.mark.parametrize(("path", "block"), CHILDREN, ids=[path for path, _ in CHILDREN])
def test_every_block_has_a_description_and_a_preview(path, block):
    assert block.get_description(), f"{path}: no description"
    has_preview = hasattr(block.meta, "preview_value") or (
        type(block).get_preview_value is not blocks.Block.get_preview_value
    )
    assert has_preview, f"{path}: no preview value"
    assert block.meta.label, f"{path}: no label"
