from wagtail import hooks

from nec_cms.snippet_views import refuse_bulk_writes
from nec_cms.upstream_fixes import translation_editor_script

hooks.register("before_bulk_action", refuse_bulk_writes)
hooks.register("insert_editor_js", translation_editor_script)
