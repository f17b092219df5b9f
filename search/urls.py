from django.urls import path

from search import views

urlpatterns = [
    path("", views.search_view, name="search"),
    path("suggestions/", views.suggestions_view, name="search_suggestions"),
]
