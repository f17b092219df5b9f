"""Where the call for organisers' form posts to: a view without Django's CSRF cookie (see
agenda.proposals), which refuses cross-site posts itself."""

from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from agenda.models import OrganiserFormPage
from agenda.proposals import is_cross_site


@csrf_exempt
@require_POST
def proposal_view(request, page_id):
    if is_cross_site(request):
        return HttpResponseForbidden("Envoi refusé : il ne vient pas de ce site.")
    page = get_object_or_404(OrganiserFormPage.objects.live().public(), pk=page_id)
    request.is_preview = False
    return page.serve(request)


urlpatterns = [
    path("<int:page_id>/", proposal_view, name="agenda_proposal"),
]
