package io.paygate.localmongo.index;

import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How a {@link SortedIndex} answers one query: equality on its first fields, then optionally a range or a set of
 * values ({@code $in}) on the next one. Bounds are inclusive even for {@code $lt} and {@code $gt}: the collection
 * matches every document it gets against the query anyway, so returning the bound's own entries costs nothing
 * wrong, and a strict bound would have to agree exactly with the matcher's comparison to be safe.
 */
public final class IndexScan {

    private static final Object NOT_EQUALITY = new Object();

    private final SortedIndex index;
    private final List<Object> equalities;
    private final Object low;
    private final Object high;
    private final List<Object> points;

    private IndexScan(SortedIndex index, List<Object> equalities, Object low, Object high, List<Object> points) {
        this.index = index;
        this.equalities = equalities;
        this.low = low;
        this.high = high;
        this.points = points;
    }

    static IndexScan plan(SortedIndex index, Document query) {
        List<String> fields = index.fields();
        List<Object> equalities = new ArrayList<>();
        while (equalities.size() < fields.size() && query.containsKey(fields.get(equalities.size()))) {
            Object value = equalityValue(query.get(fields.get(equalities.size())));
            if (value == NOT_EQUALITY) {
                break;
            }
            equalities.add(SortedIndex.normalized(value));
        }
        Object low = null;
        Object high = null;
        List<Object> points = null;
        int next = equalities.size();
        if (next < fields.size() && query.get(fields.get(next)) instanceof Document operators) {
            Bounds bounds = Bounds.of(operators);
            if (bounds != null) {
                low = bounds.low();
                high = bounds.high();
                points = bounds.points();
            }
        }
        boolean narrowed = low != null || high != null || points != null;
        if (equalities.isEmpty() && !narrowed) {
            return null;
        }
        // A sparse index lacks the documents without its fields, which only a query accepting null would match.
        boolean acceptsMissing = !(low != null || high != null) && equalities.stream().allMatch(Objects::isNull)
                && (points == null || points.contains(null));
        if (index.sparse() && acceptsMissing) {
            return null;
        }
        // An array matches a range if one element passes each bound, not necessarily the same one: keep one bound.
        if (index.multikey() && low != null && high != null) {
            high = null;
        }
        return new IndexScan(index, equalities, low, high, points);
    }

    public String indexName() {
        return index.getName();
    }

    /** How much of the index the query pins down; the collection picks the highest. */
    public int selectivity() {
        return 2 * equalities.size() + (low != null || high != null || points != null ? 1 : 0);
    }

    /**
     * Whether reading this scan forwards or backwards yields the documents in {@code orderBy}'s order: then the
     * collection needs no sort and can stop at its limit. Null when neither does.
     */
    public Boolean forwardFor(Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return Boolean.TRUE;
        }
        if (index.multikey() || points != null && points.size() > 1) {
            return null;
        }
        List<String> fields = index.fields();
        int first = equalities.size();
        List<String> constant = fields.subList(0, points == null ? first : first + 1);
        List<String> ordered = new ArrayList<>(fields.subList(first, fields.size()));
        List<Boolean> ascending = new ArrayList<>();
        for (int i = first; i < fields.size(); i++) {
            ascending.add(index.ascending(i));
        }
        // Entries with equal keys follow each other by _id ascending.
        ordered.add("_id");
        ascending.add(Boolean.TRUE);
        Boolean forward = null;
        int position = 0;
        for (Map.Entry<String, Object> sortKey : orderBy.entrySet()) {
            if (!(sortKey.getValue() instanceof Number direction) || sortKey.getKey().startsWith("$")) {
                return null;
            }
            if (constant.contains(sortKey.getKey())) {
                continue;
            }
            if (position >= ordered.size() || !ordered.get(position).equals(sortKey.getKey())) {
                return null;
            }
            boolean along = direction.intValue() > 0 == ascending.get(position);
            if (forward != null && forward != along) {
                return null;
            }
            forward = along;
            position++;
        }
        return forward == null ? Boolean.TRUE : forward;
    }

    /** The positions in the scanned ranges, in index order or its reverse, each document once. */
    public Stream<Integer> positions(boolean forward) {
        List<Stream<Integer>> ranges = new ArrayList<>();
        if (points == null) {
            ranges.add(range(low, high, forward));
        } else {
            int field = equalities.size();
            Comparator<Object> order = index.ascending(field) ? ValueOrder::compare : (a, b) -> ValueOrder.compare(b, a);
            List<Object> sorted = points.stream().sorted(forward ? order : order.reversed()).toList();
            Object previous = NOT_EQUALITY;
            for (Object point : sorted) {
                if (previous == NOT_EQUALITY || ValueOrder.compare(previous, point) != 0) {
                    ranges.add(range(point, point, forward));
                }
                previous = point;
            }
        }
        Stream<Integer> positions = ranges.stream().flatMap(range -> range);
        return index.multikey() ? positions.distinct() : positions;
    }

    private Stream<Integer> range(Object rangeLow, Object rangeHigh, boolean forward) {
        int fieldCount = index.fields().size();
        Object[] from = new Object[fieldCount];
        Object[] to = new Object[fieldCount];
        int field = 0;
        for (Object equality : equalities) {
            from[field] = equality;
            to[field] = equality;
            field++;
        }
        if (field < fieldCount && (rangeLow != null || rangeHigh != null)) {
            Object start = rangeLow != null ? rangeLow : ValueOrder.bracketStart(rangeHigh);
            Object end = rangeHigh != null ? rangeHigh : ValueOrder.bracketEnd(rangeLow);
            boolean ascending = index.ascending(field);
            from[field] = ascending ? start : end;
            to[field] = ascending ? end : start;
            field++;
        }
        for (; field < fieldCount; field++) {
            from[field] = IndexEntry.Bound.LOWEST;
            to[field] = IndexEntry.Bound.HIGHEST;
        }
        IndexEntry first = new IndexEntry(from, IndexEntry.Bound.LOWEST);
        IndexEntry last = new IndexEntry(to, IndexEntry.Bound.HIGHEST);
        NavigableMap<IndexEntry, Integer> entries = index.entries();
        if (entries.comparator().compare(first, last) > 0) {
            return Stream.empty();
        }
        NavigableMap<IndexEntry, Integer> range = entries.subMap(first, true, last, true);
        return (forward ? range : range.descendingMap()).values().stream();
    }

    /** A plain value, or the operand of a lone {@code $eq}; anything else ends the equality prefix. */
    private static Object equalityValue(Object value) {
        if (value instanceof Document document) {
            return document.size() == 1 && document.containsKey("$eq") && !(document.get("$eq") instanceof Document)
                    ? plainOrNot(document.get("$eq")) : NOT_EQUALITY;
        }
        return plainOrNot(value);
    }

    private static Object plainOrNot(Object value) {
        return value instanceof Collection<?> || value instanceof MinKey || value instanceof MaxKey
                || BsonRegularExpression.isRegularExpression(value) ? NOT_EQUALITY : value;
    }

    /** The bounds of the operators on one field, or null if any operator is one an index cannot answer. */
    private record Bounds(Object low, Object high, List<Object> points) {

        static Bounds of(Document operators) {
            Object low = null;
            Object high = null;
            List<Object> points = null;
            for (Map.Entry<String, Object> operator : operators.entrySet()) {
                Object value = operator.getValue();
                switch (operator.getKey()) {
                    case "$gt", "$gte", "$lt", "$lte", "$eq" -> {
                        if (value == null || value instanceof Document || plainOrNot(value) == NOT_EQUALITY) {
                            return null;
                        }
                        Object bound = SortedIndex.normalized(value);
                        if (!operator.getKey().startsWith("$l")) {
                            low = low == null || ValueOrder.compare(bound, low) > 0 ? bound : low;
                        }
                        if (!operator.getKey().startsWith("$g")) {
                            high = high == null || ValueOrder.compare(bound, high) < 0 ? bound : high;
                        }
                    }
                    case "$in" -> {
                        if (!(value instanceof Collection<?> values) || operators.size() > 1) {
                            return null;
                        }
                        points = new ArrayList<>();
                        for (Object element : values) {
                            if (element instanceof Document || plainOrNot(element) == NOT_EQUALITY) {
                                return null;
                            }
                            points.add(SortedIndex.normalized(element));
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return new Bounds(low, high, points);
        }
    }
}
