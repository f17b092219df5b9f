"""One library's facets as bitsets: which resources carry which theme, type, audience,
licence, edition and language.

Counting facets in SQL means grouping every matching row once per facet: at 100 000
resources and a broad query (« numérique » matches almost all of them) that alone took over
half a second. Here the visible resources of a library are numbered once, most recent
first, and each facet value becomes a bitset over those numbers (a Python int). A count is
then `(matches & value).bit_count()`, a few microseconds whatever the catalogue size, and
the page of results in date order is read straight from the bits.

Each process builds the index once per content version (caching.memory), in one query.
"""

from bisect import bisect_left
from dataclasses import dataclass, field

from django.db import connection, connections
from django.db.models import F

CHUNK_BITS = 1 << 16  # bits counted at once when skipping to a page
CHUNK_MASK = (1 << CHUNK_BITS) - 1
BITS_OF_BYTE = [tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256)]


@dataclass
class FacetIndex:
    ids: list[int]  # resource page ids, most recent first: bit i is ids[i]
    position: dict[int, int]
    searchable: int = 0  # the resources that have a search document
    values: dict[str, dict[object, int]] = field(default_factory=dict)  # param -> key -> bits
    days: list[int] = field(default_factory=list)  # each resource's publication date (days)

    def __getstate__(self):
        # Shared through the cache: `position` is rebuilt on load rather than sent.
        return {**self.__dict__, "position": None}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.position = {page_id: i for i, page_id in enumerate(self.ids)}

    @property
    def everything(self):
        return (1 << len(self.ids)) - 1

    def bitset(self, page_ids):
        """The bits of those page ids that belong to this library (others are ignored)."""
        positions = map(self.position.get, page_ids)
        return self.bits_at(index for index in positions if index is not None)

    def bits_at(self, positions):
        flags = bytearray((len(self.ids) + 7) // 8)
        for index in positions:
            flags[index >> 3] |= 1 << (index & 7)
        return int.from_bytes(flags, "little")

    def patched(self, fresh, changed_ids):
        """This index once the resources `changed_ids` are as `fresh` says (an index of
        those of them still in the library, built now): each is taken out of its place
        and put back where its date puts it, in every bitset.

        Rebuilding the index after a resource is published took 1.4 s at 100 000
        resources, in the publishing process, with a publish every 5 s raising the
        library's p99 by 80 % (bench/search.py); a patch costs a few milliseconds."""
        ids, days, searchable = list(self.ids), list(self.days), self.searchable
        values = {param: dict(keys) for param, keys in self.values.items()}
        for param, keys in fresh.values.items():
            for key in keys:
                values.setdefault(param, {}).setdefault(key, 0)
        for index in sorted({self.position[pk] for pk in changed_ids if pk in self.position})[::-1]:
            del ids[index], days[index]
            searchable = without_bit(searchable, index)
            for keys in values.values():
                for key, bits in keys.items():
                    keys[key] = without_bit(bits, index)
        for fresh_index, (pk, day) in enumerate(zip(fresh.ids, fresh.days, strict=True)):
            # The build's order: most recent first, then the highest id first.
            index = bisect_left(range(len(ids)), (-day, -pk), key=lambda i: (-days[i], -ids[i]))
            ids.insert(index, pk)
            days.insert(index, day)
            searchable = with_bit(searchable, index, fresh.searchable >> fresh_index & 1)
            for param, keys in values.items():
                fresh_keys = fresh.values.get(param, {})
                for key, bits in keys.items():
                    flag = fresh_keys.get(key, 0) >> fresh_index & 1
                    keys[key] = with_bit(bits, index, flag)
        return FacetIndex(
            ids=ids,
            position={pk: i for i, pk in enumerate(ids)},
            searchable=searchable,
            values={
                param: {key: bits for key, bits in keys.items() if bits}
                for param, keys in values.items()
                if any(keys.values())
            },
            days=days,
        )

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


def without_bit(bits, index):
    """`bits` with bit `index` taken out: the bits above it move down by one."""
    low = bits & ((1 << index) - 1)
    return low | ((bits >> (index + 1)) << index)


def with_bit(bits, index, flag):
    """`bits` with `flag` (0 or 1) put in at bit `index`: the bits from there move up."""
    low = bits & ((1 << index) - 1)
    return low | (flag << index) | ((bits >> index) << (index + 1))


def build(base, facets):
    """The index of the resources in `base` (a ResourcePage queryset: live, public, in one
    library), for the given facets (ressources.facets). One SQL query: the database numbers
    the resources and lists, for each facet value, the numbers of the resources that carry
    it."""
    model = base.model
    # The columns of the resource row that facets group by (licence, edition…).
    row_facets = [facet for facet in facets if facet.row_column(model)]
    columns = [facet.row_column(model) for facet in row_facets]
    sql, params = (
        base.order_by()
        .values_list(
            "pk", "publication_date", *[facet.field(model).attname for facet in row_facets]
        )
        .annotate(document=F("search_document"))
        .query.sql_with_params()
    )
    # PostgreSQL sends int arrays; SQLite a comma-separated text.
    if connection.vendor == "postgresql":
        aggregate, days = "array_agg(pos)", "(publication_date - DATE '0001-01-01')"
    else:
        aggregate = "group_concat(pos)"
        days = "CAST(julianday(publication_date) - julianday('0001-01-01') AS INTEGER)"
    parts = [
        # Each resource's number and id (or date) in one integer: aggregates keep no order.
        f"SELECT 'ids', '', {aggregate.replace('pos', 'pos * 4294967296 + pk')} FROM b",  # noqa: S608
        f"SELECT 'days', '', {aggregate.replace('pos', 'pos * 4294967296 + days')} FROM b",  # noqa: S608
        f"SELECT 'searchable', '', {aggregate} FROM b WHERE document IS NOT NULL",  # noqa: S608
    ]
    parts += [facet.index_sql(model, aggregate) for facet in facets]
    # Table and column names come from the models, never from the request.
    selected = ", ".join(["pk", "publication_date", *columns, "document"])
    kept = ", ".join(["pk", *columns, "document"])
    query = (
        f"WITH base ({selected}) AS ({sql}), b AS (SELECT {kept}, {days} AS days, "  # noqa: S608
        "ROW_NUMBER() OVER (ORDER BY publication_date DESC, pk DESC) - 1 AS pos FROM base) "
        + " UNION ALL ".join(parts)
    )
    # Where `base` reads: the read replica for a visitor's request (nec_cms.db_router).
    with connections[base.db].cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()

    def numbers(value):
        if isinstance(value, str):
            return [int(number) for number in value.split(",")]
        return value or []

    def unpaired(name):
        pairs = next((numbers(text) for param, _key, text in rows if param == name), [])
        values = [0] * len(pairs)
        for pair in pairs:
            values[pair >> 32] = pair & 0xFFFFFFFF
        return values

    ids = unpaired("ids")
    index = FacetIndex(
        ids=ids, position={page_id: i for i, page_id in enumerate(ids)}, days=unpaired("days")
    )
    by_param = {facet.param: facet for facet in facets}
    for param, key, text in rows:
        if param == "searchable":
            index.searchable = index.bits_at(numbers(text))
        elif param in by_param:
            key = by_param[param].index_key(key)
            index.values.setdefault(param, {})[key] = index.bits_at(numbers(text))
    return index
