"""The region picker arrives filled (no request from the browser to open a page), offers only the user's scope,
and every aria-describedby on the data-entry pages points at an element that exists."""

import re

import pytest
from django.urls import reverse

from core.testing.factories import UserFactory, region_tree
from web.regions import picker_levels
from web.tests.test_pages_render import PAGES, records  # noqa: F401  (fixture)


def options_of(html, label):
    select = re.search(rf'<select id="[^"]+" aria-label="{label}"[^>]*>(.*?)</select>', html, re.S)
    assert select, label
    return re.findall(r'<option value="([^"]*)"( selected)?>', select.group(1))


def test_list_filter_comes_with_its_choices(client, alor_staff, belu_desa):
    region_tree("53.05.04.2002")  # a second kecamatan in Alor
    client.force_login(alor_staff)
    html = client.get(reverse("sentra:list")).content.decode()
    assert options_of(html, "Provinsi") == [("", ""), ("53", " selected")]  # only the way down to Alor
    assert options_of(html, "Kabupaten/Kota") == [("", ""), ("53.05", " selected")]  # Belu (53.04) is not offered
    assert options_of(html, "Kecamatan") == [("", ""), ("53.05.03", ""), ("53.05.04", "")]


def test_form_value_is_shown_along_its_chain(client, alor_staff):
    from core.testing.factories import SentraFactory

    region_tree("53.05.03.2002")
    sentra = SentraFactory()
    client.force_login(alor_staff)
    html = client.get(reverse("sentra:update", args=[sentra.pk])).content.decode()
    assert ("53.05.03.2001", " selected") in options_of(html, "Desa/Kelurahan")
    assert ("53.05.03.2002", "") in options_of(html, "Desa/Kelurahan")
    assert 'value="53.05.03.2001"' in html


def test_national_user_gets_the_provinces_in_one_query(alor_desa, loteng_desa, django_assert_num_queries):
    admin = UserFactory(role="admin")
    with django_assert_num_queries(1):
        levels, chosen = picker_levels(admin, "", 3)
    assert [code for code, _name in levels[0]["options"]] == ["52", "53"] and chosen == ""
    assert levels[1]["options"] == [] and levels[2]["options"] == []


def test_a_value_costs_one_query_for_every_level(alor_desa, loteng_desa, django_assert_num_queries):
    admin = UserFactory(role="admin")
    with django_assert_num_queries(1):
        levels, chosen = picker_levels(admin, "52.02.03.2005", 4)
    assert [level["selected"] for level in levels] == ["52", "52.02", "52.02.03", "52.02.03.2005"]


@pytest.mark.parametrize("name,key", [*PAGES, ("ikm:member_add", None), ("ikm:membership_create", None)])
def test_every_aria_describedby_points_at_an_existing_id(client, alor_staff, records, name, key):  # noqa: F811
    client.force_login(alor_staff)
    if name == "ikm:member_add":
        url = reverse(name) + f"?sentra={records['sentra'].pk}"
    elif name == "ikm:membership_create":
        url = reverse(name) + f"?ikm={records['ikm'].pk}"
    else:
        url = reverse(name, args=[records[key].pk]) if key else reverse(name)
    html = client.get(url).content.decode()
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    described = [ref for value in re.findall(r'aria-describedby="([^"]+)"', html) for ref in value.split()]
    assert [ref for ref in described if ref not in ids] == [], url
