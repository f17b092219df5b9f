"""Regenerate agenda/map_shapes.py, the simplified SVG map of France's regions.

Not imported by the site: run it by hand when the geometry or the layout must change, then
review the map (for instance rendered in a browser) before committing.

    python agenda/build_map_shapes.py regions-avec-outre-mer.geojson > agenda/map_shapes.py

It was last run on `regions-avec-outre-mer.geojson` from the GitHub repository
gregoiredavid/france-geojson at commit 5d34ee6d0140c29f785fdb047d9329f1aab58833 (2018-10-16):
the 18 regions from IGN's ADMIN EXPRESS COG (2018 edition) converted to WGS 84 by mapshaper,
with their INSEE codes in `properties.code` (file SHA-256
a573b672264184d11a2f98220867653b092fe3a964433e30e3a0a4708d72d167). Any GeoJSON
FeatureCollection of the regions with that property and shared borders made of identical
vertices will do.

What it does, with the standard library only:
- projects metropolitan France (equirectangular, x scaled by cos 46.5°) and draws each overseas
  region in its own inset on the left, each scaled to fill its box;
- drops the islands too small to be seen at that scale;
- splits the region outlines into arcs at the points where borders meet, simplifies each arc
  once (Douglas–Peucker), and rebuilds the outlines from the simplified arcs, so that two
  neighbouring regions keep exactly the same border and no gap opens between them;
- rounds to whole pixels and writes relative path data, which is what keeps the file small;
- finds, for each region, the point of its largest piece farthest from its outline, where a
  label fits best.
"""

import json
import math
import sys

OVERSEAS = ("01", "02", "03", "04", "06")

# Pixels per degree of latitude in metropolitan France; longitudes are shortened by the cosine
# of France's middle latitude so that the country keeps its shape.
METRO_SCALE = 56.0
METRO_COS = math.cos(math.radians(46.5))
MARGIN = 10
INSET_SIZE = 100
INSET_GAP = 12
INSET_PADDING = 6

# Douglas–Peucker tolerance, in pixels of the final map.
TOLERANCE = 1.0
# Islands and enclaves smaller than this (in square pixels) are dropped.
MIN_AREA = 14.0


def polygons_of(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def ring_area(ring):
    """Signed area (shoelace); positive when clockwise on screen (y pointing down)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return total / 2


def load(path):
    with open(path, encoding="utf-8") as source:
        collection = json.load(source)
    regions = {}
    for feature in collection["features"]:
        rings = [
            [[tuple(point) for point in ring[:-1]] for ring in polygon]
            for polygon in polygons_of(feature["geometry"])
        ]
        regions[str(feature["properties"]["code"])] = rings
    return regions


def bounds(points):
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def metro_projection(regions):
    """The projection of metropolitan France and the width and height it takes."""
    points = [
        point
        for code, polygons in regions.items()
        if code not in OVERSEAS
        for polygon in polygons
        for point in polygon[0]
    ]
    min_lon, min_lat, max_lon, max_lat = bounds(points)
    left = MARGIN + INSET_SIZE + 2 * MARGIN

    def project(lon, lat):
        return (
            left + (lon - min_lon) * METRO_COS * METRO_SCALE,
            MARGIN + (max_lat - lat) * METRO_SCALE,
        )

    width = left + (max_lon - min_lon) * METRO_COS * METRO_SCALE + MARGIN
    height = MARGIN + (max_lat - min_lat) * METRO_SCALE + MARGIN
    return project, width, height


def inset_projection(polygons, box):
    """A projection that fits one overseas region, centred, in its inset box."""
    x, y, w, h = box
    min_lon, min_lat, max_lon, max_lat = bounds([p for polygon in polygons for p in polygon[0]])
    cos = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = (max_lon - min_lon) * cos
    span_y = max_lat - min_lat
    scale = min((w - 2 * INSET_PADDING) / span_x, (h - 2 * INSET_PADDING) / span_y)
    offset_x = x + (w - span_x * scale) / 2
    offset_y = y + (h - span_y * scale) / 2

    def project(lon, lat):
        return offset_x + (lon - min_lon) * cos * scale, offset_y + (max_lat - lat) * scale

    return project


def projections(regions):
    project_metro, width, height = metro_projection(regions)
    insets = {}
    chosen = {code: project_metro for code in regions if code not in OVERSEAS}
    top = (height - len(OVERSEAS) * INSET_SIZE - (len(OVERSEAS) - 1) * INSET_GAP) / 2
    for index, code in enumerate(OVERSEAS):
        box = (MARGIN, round(top + index * (INSET_SIZE + INSET_GAP)), INSET_SIZE, INSET_SIZE)
        insets[code] = box
        # Fit the region on its larger pieces only, so a speck far out does not shrink it.
        polygons = regions[code]
        biggest = max(abs(ring_area(p[0])) for p in polygons)
        kept = [p for p in polygons if abs(ring_area(p[0])) > biggest / 200]
        chosen[code] = inset_projection(kept, box)
    return chosen, insets, math.ceil(width), math.ceil(height)


def drop_small_rings(regions, projection_of):
    """Keep the rings (islands, enclaves, holes) big enough to be seen once projected."""
    kept = {}
    for code, polygons in regions.items():
        project = projection_of[code]
        kept[code] = []
        for polygon in polygons:
            rings = [
                ring for ring in polygon if abs(ring_area([project(*p) for p in ring])) >= MIN_AREA
            ]
            if rings and rings[0] is polygon[0]:
                kept[code].append(rings)
    return kept


def junctions(regions):
    """The points where the outline of a region stops following the same neighbour."""
    neighbours = {}
    for polygons in regions.values():
        for polygon in polygons:
            for ring in polygon:
                count = len(ring)
                for i, point in enumerate(ring):
                    seen = neighbours.setdefault(point, set())
                    seen.add(ring[i - 1])
                    seen.add(ring[(i + 1) % count])
    return {point for point, seen in neighbours.items() if len(seen) > 2}


def perpendicular_distance(point, start, end):
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy)
    if length == 0:
        return math.hypot(px - ax, py - ay)
    return abs(dy * px - dx * py + bx * ay - by * ax) / length


def douglas_peucker(points, tolerance):
    """Indices kept by Douglas–Peucker, always the first and last point."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            d = perpendicular_distance(points[i], points[first], points[last])
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return sorted(keep)


def simplify_arc(arc, tolerance):
    """Simplify an open arc, or a closed ring (first point repeated at its end)."""
    if arc[0] == arc[-1]:
        # A ring without junction: cut it at the point farthest from its start.
        far = max(range(len(arc)), key=lambda i: math.dist(arc[0], arc[i]))
        first = [arc[i] for i in douglas_peucker(arc[: far + 1], tolerance)]
        second = [arc[far + i] for i in douglas_peucker(arc[far:], tolerance)]
        return first + second[1:]
    return [arc[i] for i in douglas_peucker(arc, tolerance)]


def simplified_rings(regions, projection_of, tolerance):
    """Each region's rings, projected and simplified arc by arc: a border shared by two regions
    is simplified once and used by both, so it stays the same on both sides."""
    nodes = junctions(regions)
    cache = {}

    def arc_of(points, project):
        key = tuple(points)
        reverse = tuple(reversed(points))
        canonical = min(key, reverse)
        if canonical not in cache:
            projected = [project(*p) for p in canonical]
            cache[canonical] = simplify_arc(projected, tolerance)
        simplified = cache[canonical]
        return simplified if canonical == key else list(reversed(simplified))

    result = {}
    for code, polygons in regions.items():
        project = projection_of[code]
        result[code] = []
        for polygon in polygons:
            rings = []
            for ring in polygon:
                cuts = [i for i, point in enumerate(ring) if point in nodes]
                if not cuts:
                    points = arc_of(ring + ring[:1], project)[:-1]
                else:
                    start = cuts[0]
                    rotated = ring[start:] + ring[:start]
                    cuts = [i - start for i in cuts] + [len(ring)]
                    rotated.append(rotated[0])
                    points = []
                    for a, b in zip(cuts, cuts[1:], strict=False):
                        points += arc_of(rotated[a : b + 1], project)[:-1]
                rings.append(points)
            result[code].append(rings)
    return result


def rounded(points):
    """Whole-pixel points, without repeats nor points in the middle of a straight line."""
    out = []
    for x, y in points:
        point = (round(x), round(y))
        if not out or out[-1] != point:
            out.append(point)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    changed = True
    while changed and len(out) > 3:
        changed = False
        for i in range(len(out)):
            (ax, ay), (bx, by), (cx, cy) = out[i - 1], out[i], out[(i + 1) % len(out)]
            if (bx - ax) * (cy - by) == (by - ay) * (cx - bx):
                del out[i]
                changed = True
                break
    return out


def number_pair(dx, dy):
    second = str(dy) if dy < 0 else f" {dy}"
    return f"{dx}{second}"


def path_data(polygons):
    """SVG path data: each ring starts with an absolute M and goes on with relative l."""
    parts = []
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            points = rounded(ring)
            if len(points) < 3:
                continue
            # Outer rings clockwise and holes anticlockwise, so the default nonzero fill rule
            # leaves holes empty.
            if (ring_area(points) > 0) != (index == 0):
                points.reverse()
            x, y = points[0]
            steps = []
            for nx, ny in points[1:]:
                steps.append(number_pair(nx - x, ny - y))
                x, y = nx, ny
            joined = ""
            for step in steps:
                joined += step if not joined or step.startswith("-") else " " + step
            parts.append(f"M{points[0][0]} {points[0][1]}l{joined}z")
    return "".join(parts)


def distance_to_segment(point, a, b):
    (px, py), (ax, ay), (bx, by) = point, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def inside(point, rings):
    """Even-odd rule over all the rings of a polygon."""
    px, py = point
    result = False
    for ring in rings:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (ay > py) != (by > py) and px < ax + (py - ay) * (bx - ax) / (by - ay):
                result = not result
    return result


def label_point(polygons):
    """The point of the largest piece farthest from its outline, searched on a 1 px grid."""
    rings = max(
        ([rounded(ring) for ring in polygon] for polygon in polygons),
        key=lambda rings: abs(ring_area(rings[0])),
    )
    min_x, min_y, max_x, max_y = bounds(rings[0])
    edges = [(ring[i - 1], ring[i]) for ring in rings for i in range(len(ring))]
    best, best_distance = None, -1.0
    for x in range(min_x, max_x + 1):
        for y in range(min_y, max_y + 1):
            if not inside((x, y), rings):
                continue
            distance = min(distance_to_segment((x, y), a, b) for a, b in edges)
            if distance > best_distance:
                best, best_distance = (x, y), distance
    return best


def string_lines(text, width=88):
    """Cut a long string into pieces for implicit concatenation, before a command or a number."""
    pieces = []
    while len(text) > width:
        cut = max(i for i in range(1, width + 1) if text[i] in " -Mlz")
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces


MODULE_HEADER = '''"""Simplified outlines of France's 18 regions, as SVG path data, generated by
agenda/build_map_shapes.py: do not edit by hand, change and rerun the generator.

Geometry: IGN, ADMIN EXPRESS COG (2018 edition), region layer as republished in GeoJSON by the
gregoiredavid/france-geojson repository, under the Licence Ouverte / Open Licence (Etalab);
reusing it requires naming the source, hence ATTRIBUTION under the map. Heavily simplified
(shared borders are simplified once, so neighbouring regions still meet) and rounded to whole
pixels: it is a diagram for counts per region, not a map to measure on.

Metropolitan France is drawn in an equirectangular projection, x shortened by cos 46.5°; each
overseas region sits, at its own scale, in an inset on the left whose frame is INSETS[code]
as (x, y, width, height). LABEL_POINTS[code] is a point well inside the region (its largest
piece) where a short label fits. Keys are INSEE region codes, as in agenda.territories.
"""

ATTRIBUTION = "Fond de carte : IGN – ADMIN EXPRESS COG 2018, simplifié – Licence Ouverte"
'''


def module_source(view_box, shapes, insets, labels):
    lines = [MODULE_HEADER, f'VIEW_BOX = "{view_box}"', "", "SHAPES = {"]
    for code, data in shapes.items():
        pieces = string_lines(data)
        if len(pieces) == 1 and len(pieces[0]) + 12 <= 100:
            lines.append(f'    "{code}": "{data}",')
            continue
        lines.append(f'    "{code}": (')
        lines += [f'        "{piece}"' for piece in pieces]
        lines.append("    ),")
    lines += ["}", "", "INSETS = {"]
    lines += [f'    "{code}": ({x}, {y}, {w}, {h}),' for code, (x, y, w, h) in insets.items()]
    lines += ["}", "", "LABEL_POINTS = {"]
    lines += [f'    "{code}": ({x}, {y}),' for code, (x, y) in labels.items()]
    lines += ["}", ""]
    return "\n".join(lines)


def build(path):
    regions = load(path)
    projection_of, insets, width, height = projections(regions)
    regions = drop_small_rings(regions, projection_of)
    rings = simplified_rings(regions, projection_of, TOLERANCE)
    codes = sorted(rings)
    shapes = {code: path_data(rings[code]) for code in codes}
    labels = {code: label_point(rings[code]) for code in codes}
    return module_source(f"0 0 {width} {height}", shapes, insets, labels)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python agenda/build_map_shapes.py REGIONS.geojson > agenda/map_shapes.py")
    sys.stdout.write(build(sys.argv[1]))
