from wagtail import hooks

from nec_cms.snippet_views import refuse_bulk_writes

hooks.register("before_bulk_action", refuse_bulk_writes)
