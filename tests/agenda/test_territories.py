"""The territorial codes and the region map are plain data: check that they are complete and
consistent with each other, and that the map geometry is path data the template can use."""

import ast
import re
import sys
import zoneinfo
from pathlib import Path

import pytest

from agenda import map_shapes
from agenda.territories import (
    DEPARTMENT_CHOICES,
    DEPARTMENTS,
    DEPARTMENTS_BY_CODE,
    REGION_CHOICES,
    REGIONS,
    REGIONS_BY_CODE,
    region_of_department,
)

AGENDA = Path(__file__).resolve().parents[2] / "agenda"
OVERSEAS_CODES = {"01", "02", "03", "04", "06"}

PATH_TOKEN = re.compile(
    r"\s*,?\s*(?:([MmLlHhVvCcSsQqTtAaZz])|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?))"
)


def tokens(data):
    """The commands and numbers of SVG path data; ValueError on anything else."""
    position, out = 0, []
    data = data.strip()
    while position < len(data):
        match = PATH_TOKEN.match(data, position)
        if not match or match.end() == position:
            raise ValueError(f"not path data at {position}: {data[position : position + 20]!r}")
        out.append(match.group(1) or float(match.group(2)))
        position = match.end()
    return out


def rings(data):
    """The closed outlines drawn by path data made of straight lines (M, L, H, V, Z)."""
    result, ring, x, y, command = [], [], 0.0, 0.0, None
    items = tokens(data)
    i = 0
    while i < len(items):
        if isinstance(items[i], str):
            command = items[i]
            i += 1
            if command in "Zz":
                result.append(ring)
                x, y = ring[0]
                ring = []
                continue
        arity = 1 if command in "HhVv" else 2
        values = items[i : i + arity]
        assert command is not None and command in "MmLlHhVv", f"unexpected command {command}"
        assert all(isinstance(v, float) for v in values) and len(values) == arity
        i += arity
        relative = command.islower()
        if command in "Hh":
            x = values[0] + (x if relative else 0)
        elif command in "Vv":
            y = values[0] + (y if relative else 0)
        else:
            x = values[0] + (x if relative else 0)
            y = values[1] + (y if relative else 0)
        if command in "Mm":
            if ring:
                result.append(ring)
            ring = []
            # Coordinates after a moveto are implicit linetos.
            command = "l" if relative else "L"
        ring.append((x, y))
    if ring:
        result.append(ring)
    return result


def inside(point, outlines):
    """Even-odd rule: is the point inside the shape?"""
    px, py = point
    result = False
    for ring in outlines:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (ay > py) != (by > py) and px < ax + (py - ay) * (bx - ax) / (by - ay):
                result = not result
    return result


def view_box():
    min_x, min_y, width, height = (int(n) for n in map_shapes.VIEW_BOX.split())
    assert (min_x, min_y) == (0, 0) and width > 0 and height > 0
    return width, height


def cog_order(code):
    # Corsica's 2A and 2B take the place of the former department 20.
    return code.replace("2A", "20A").replace("2B", "20B")


def test_eighteen_regions_with_unique_codes():
    assert len(REGIONS) == 18
    codes = [region.code for region in REGIONS]
    assert len(set(codes)) == 18
    assert all(re.fullmatch(r"\d\d", code) for code in codes)
    assert codes == sorted(codes)
    assert set(REGIONS_BY_CODE) == set(codes)
    assert {code for code, r in REGIONS_BY_CODE.items() if r.overseas} == OVERSEAS_CODES


def test_hundred_and_one_departments_with_unique_codes():
    assert len(DEPARTMENTS) == 101
    codes = [department.code for department in DEPARTMENTS]
    assert len(set(codes)) == 101
    assert all(re.fullmatch(r"\d\d|2[AB]|97[1-46]", code) for code in codes)
    assert "20" not in codes
    assert codes == sorted(codes, key=cog_order)
    assert codes[19:22] == ["2A", "2B", "21"]
    assert set(DEPARTMENTS_BY_CODE) == set(codes)


def test_every_department_belongs_to_a_region_and_every_region_has_departments():
    for department in DEPARTMENTS:
        assert department.region_code in REGIONS_BY_CODE, department
    regions_with_departments = {department.region_code for department in DEPARTMENTS}
    assert regions_with_departments == set(REGIONS_BY_CODE)
    # An overseas region is also a single department, coded 97x.
    for code in OVERSEAS_CODES:
        departments = [d for d in DEPARTMENTS if d.region_code == code]
        assert len(departments) == 1 and departments[0].code.startswith("97")
        assert departments[0].name == REGIONS_BY_CODE[code].name


def test_some_well_known_codes():
    assert DEPARTMENTS_BY_CODE["33"].name == "Gironde"
    assert region_of_department("33").name == "Nouvelle-Aquitaine"
    assert region_of_department("2A").code == "94"
    assert region_of_department("75").name == "Île-de-France"
    assert region_of_department("976").name == "Mayotte"
    assert REGIONS_BY_CODE["93"].name == "Provence-Alpes-Côte d’Azur"
    with pytest.raises(KeyError):
        region_of_department("20")


def test_names_use_the_typographic_apostrophe():
    names = [r.name for r in REGIONS] + [d.name for d in DEPARTMENTS]
    assert not [name for name in names if "'" in name]
    assert DEPARTMENTS_BY_CODE["21"].name == "Côte-d’Or"


def test_choices():
    assert REGION_CHOICES[0] == ("01", "Guadeloupe")
    assert len(REGION_CHOICES) == 18
    assert ("33", "Gironde (33)") in DEPARTMENT_CHOICES
    assert ("2B", "Haute-Corse (2B)") in DEPARTMENT_CHOICES
    assert [code for code, _ in DEPARTMENT_CHOICES] == [d.code for d in DEPARTMENTS]


def test_time_zones():
    for region in REGIONS:
        zoneinfo.ZoneInfo(region.time_zone)
        if region.overseas:
            assert region.time_zone != "Europe/Paris", region
        else:
            assert region.time_zone == "Europe/Paris", region


@pytest.mark.parametrize("module", ["territories.py", "map_shapes.py", "build_map_shapes.py"])
def test_modules_need_nothing_but_the_standard_library(module):
    tree = ast.parse((AGENDA / module).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported <= set(sys.stdlib_module_names), imported
    if module != "build_map_shapes.py":
        assert imported <= {"dataclasses"}


def test_every_region_has_a_shape_and_only_overseas_ones_an_inset():
    assert set(map_shapes.SHAPES) == set(REGIONS_BY_CODE)
    assert set(map_shapes.INSETS) == OVERSEAS_CODES
    assert set(map_shapes.LABEL_POINTS) == set(REGIONS_BY_CODE)
    assert map_shapes.ATTRIBUTION.strip()


def test_shapes_are_path_data_and_stay_small():
    for code, data in map_shapes.SHAPES.items():
        assert data.startswith(("M", "m")), code
        assert any(isinstance(t, float) for t in tokens(data)), code
    total = sum(len(data) for data in map_shapes.SHAPES.values())
    assert total < 14_000, total


def test_tokens_reject_what_is_not_path_data():
    with pytest.raises(ValueError):
        tokens("M0 0L10 10<script>")
    with pytest.raises(ValueError):
        tokens("M0 0 X 3")


def test_shapes_and_insets_fit_in_the_view_box():
    width, height = view_box()
    for code, data in map_shapes.SHAPES.items():
        points = [p for ring in rings(data) for p in ring]
        assert len(points) >= 3, code
        if code in map_shapes.INSETS:
            left, top, w, h = map_shapes.INSETS[code]
            assert 0 <= left <= width - w and 0 <= top <= height - h
            # Each overseas region is drawn inside its own frame.
            assert all(left <= x <= left + w and top <= y <= top + h for x, y in points), code
        else:
            assert all(0 <= x <= width and 0 <= y <= height for x, y in points), code
            for left, top, w, h in map_shapes.INSETS.values():
                assert not any(left <= x <= left + w and top <= y <= top + h for x, y in points), (
                    f"{code} overlaps an inset"
                )


def test_label_points_are_inside_their_region():
    width, height = view_box()
    for code, (x, y) in map_shapes.LABEL_POINTS.items():
        assert 0 <= x <= width and 0 <= y <= height, code
        assert inside((x, y), rings(map_shapes.SHAPES[code])), code
