"""The helper every list driven by URL parameters shares (the library, the site search)."""

import pytest
from django.http import QueryDict
from django.test import RequestFactory

from nec_cms.listing import PAGE_NUMBER_ERROR, FilterableList, parse_page_number


def listing(query, per_page=10):
    return FilterableList(
        QueryDict(query), ("q", "theme"), per_page=per_page, first_page_label="Première page"
    )


@pytest.mark.parametrize(
    ("raw", "number"),
    [(None, 1), ("", 1), ("  ", 1), ("1", 1), (" 3 ", 3), ("999999", 999999)],
)
def test_page_numbers_that_are_page_numbers(raw, number):
    assert parse_page_number(raw) == number


@pytest.mark.parametrize("raw", ["0", "-1", "abc", "1.5", "１", "1e3", "1000000", "2 3"])
def test_page_numbers_that_are_not(raw):
    assert parse_page_number(raw) is None


def test_unknown_parameters_are_dropped_from_the_links():
    shown = listing("q=atelier&utm_source=lettre&theme=a&theme=b&page=2")
    assert list(shown.params) == ["q", "theme", "page"]
    assert shown.params.getlist("theme") == ["a", "b"]
    assert shown.link(drop=("page",)) == "?q=atelier&theme=a&theme=b"
    assert shown.link(toggle=("theme", "a")) == "?q=atelier&theme=b&page=2"


def test_a_bad_page_number_is_a_400_in_french_with_a_link_to_page_1():
    request = RequestFactory().get("/liste/", {"q": "atelier", "page": "abc", "x": "1"})
    shown = FilterableList(request.GET, ("q",), per_page=10, first_page_label="Première page")
    assert shown.page_number is None
    response = shown.bad_page_response(request, "includes/list_error.html", {})
    assert response.status_code == 400
    html = response.render().content.decode()
    assert str(PAGE_NUMBER_ERROR) in html
    assert 'role="alert"' in html
    assert '<a href="?q=atelier">Première page</a>' in html


def test_pagination_links_keep_the_filters_and_past_the_end_shows_the_last_page():
    shown = listing("q=atelier&page=99", per_page=10)
    page_obj, context = shown.paginate(list(range(95)))
    assert page_obj.number == 10
    assert list(page_obj.object_list) == list(range(90, 95))
    assert context["paginator"].num_pages == 10
    assert context["previous_url"] == "?q=atelier&page=9"
    assert context["next_url"] == ""
    assert [number for number, _url in context["pagination_links"]] == [1, None, 8, 9, 10]
    assert context["pagination_links"][0] == (1, "?q=atelier&page=1")


def test_an_empty_list_is_one_empty_page():
    page_obj, context = listing("").paginate([])
    assert page_obj.number == 1
    assert list(page_obj.object_list) == []
    assert context["previous_url"] == context["next_url"] == ""
