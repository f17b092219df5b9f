"""One library's facets as bitsets: which resources carry which theme, type, audience,
licence, edition and language.

Counting facets in SQL means grouping every matching row once per facet: at 100 000
resources and a broad query (« numérique » matches almost all of them) that alone took over
half a second. Here the visible resources of a library are numbered once, most recent
first, and each facet value becomes a bitset over those numbers (a Python int). A count is
then `(matches & value).bit_count()`, a few microseconds whatever the catalogue size, and
the page of results in date order is read straight from the bits.

The index is built per process and kept until the next purge of the page cache (every
publish, unpublish, move, and every change to a taxonomy term or a view restriction makes
a new generation, nec_cms/memo.py). Building it takes one query per facet table.
"""

from dataclasses import dataclass, field

from ressources.models import ResourcePage

CHUNK_BITS = 1 << 16  # bits counted at once when skipping to a page
CHUNK_MASK = (1 << CHUNK_BITS) - 1
BITS_OF_BYTE = [tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256)]


@dataclass
class FacetIndex:
    ids: list[int]  # resource page ids, most recent first: bit i is ids[i]
    position: dict[int, int]
    searchable: int = 0  # the resources that have a search document
    values: dict[str, dict[object, int]] = field(default_factory=dict)  # param -> key -> bits

    @property
    def everything(self):
        return (1 << len(self.ids)) - 1

    def bitset(self, page_ids):
        """The bits of those page ids that belong to this library (others are ignored)."""
        flags = bytearray((len(self.ids) + 7) // 8)
        position = self.position
        for page_id in page_ids:
            index = position.get(page_id)
            if index is not None:
                flags[index >> 3] |= 1 << (index & 7)
        return int.from_bytes(flags, "little")

    def page_ids(self, bits, offset=0, limit=None):
        """The page ids of the set bits, in order (most recent first), from the
        `offset`-th one, at most `limit` of them."""
        found = []
        start = 0
        while bits >> start:
            chunk = (bits >> start) & CHUNK_MASK
            in_chunk = chunk.bit_count()
            if offset >= in_chunk:
                offset -= in_chunk
                start += CHUNK_BITS
                continue
            for byte_index, byte in enumerate(chunk.to_bytes(CHUNK_BITS // 8, "little")):
                for bit in BITS_OF_BYTE[byte]:
                    if offset:
                        offset -= 1
                        continue
                    found.append(self.ids[start + byte_index * 8 + bit])
                    if limit is not None and len(found) >= limit:
                        return found
            start += CHUNK_BITS
        return found


def build(base, facets):
    """The index of the resources in `base` (a ResourcePage queryset: live, public, in one
    library), for the given facet definitions."""
    rows = list(
        base.order_by("-publication_date", "-pk").values_list(
            "pk", "licence", "language", "edition_id", "search_document"
        )
    )
    ids = [row[0] for row in rows]
    index = FacetIndex(ids=ids, position={page_id: i for i, page_id in enumerate(ids)})
    index.searchable = index.bitset(row[0] for row in rows if row[4] is not None)
    columns = {"licence": 1, "language": 2, "edition": 3}
    for facet in facets:
        members = {}
        if facet.kind == "m2m":
            through = getattr(ResourcePage, facet.relation).through
            pairs = through.objects.filter(resourcepage_id__in=base.values("pk")).values_list(
                facet.through_column(), "resourcepage_id"
            )
            for key, page_id in pairs:
                members.setdefault(key, []).append(page_id)
        else:
            column = columns[facet.param if facet.kind == "edition" else facet.relation]
            for row in rows:
                if row[column] is not None:
                    members.setdefault(row[column], []).append(row[0])
        index.values[facet.param] = {key: index.bitset(ids) for key, ids in members.items()}
    return index
