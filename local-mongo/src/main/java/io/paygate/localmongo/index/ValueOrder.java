package io.paygate.localmongo.index;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * MongoDB's order of index key values (after mongo-java-server's normalisation: numbers are doubles, or longs a
 * double cannot hold; missing is null): by type bracket first, in the BSON comparison order the query matcher also
 * uses, then by value within the bracket.
 * <p>
 * Numbers are compared exactly. {@code ValueComparator} compares a long with a fraction by truncating it, which is
 * not transitive and so cannot order a sorted map; the two agree on every value PayGate stores.
 */
final class ValueOrder {

    private static final int NULL = 1;
    private static final int NUMBER = 2;
    private static final int STRING = 3;
    private static final int OBJECT_ID = 9;
    private static final int BOOLEAN = 10;
    private static final int DATE = 11;
    private static final int OTHER = 13;

    private ValueOrder() {
    }

    /** The lowest or highest place in a value's type bracket: one end of a range given only the other. */
    record BracketEdge(int rank, boolean high) {
    }

    static BracketEdge bracketStart(Object value) {
        return new BracketEdge(rank(value), false);
    }

    static BracketEdge bracketEnd(Object value) {
        return new BracketEdge(rank(value), true);
    }

    static int compare(Object a, Object b) {
        int rankA = rank(a);
        int rankB = rank(b);
        if (rankA != rankB) {
            return Integer.compare(rankA, rankB);
        }
        if (a instanceof BracketEdge edgeA) {
            return b instanceof BracketEdge edgeB ? Boolean.compare(edgeA.high(), edgeB.high()) : edgeA.high() ? 1 : -1;
        }
        if (b instanceof BracketEdge edgeB) {
            return edgeB.high() ? -1 : 1;
        }
        return switch (rankA) {
            case NULL -> 0;
            case NUMBER -> compareNumbers((Number) a, (Number) b);
            case STRING -> ((String) a).compareTo((String) b);
            case OBJECT_ID -> ((ObjectId) a).compareTo((ObjectId) b);
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case DATE -> ((Instant) a).compareTo((Instant) b);
            case OTHER -> a.getClass() == b.getClass() && a instanceof Comparable<?>
                    ? compareComparables(a, b) : String.valueOf(a).compareTo(String.valueOf(b));
            default -> ValueComparator.ascWithoutListHandling().compare(a, b);
        };
    }

    static int rank(Object value) {
        return switch (value) {
            case null -> NULL;
            case BracketEdge edge -> edge.rank();
            case MinKey minKey -> 0;
            case Number number -> NUMBER;
            case String string -> STRING;
            case Map<?, ?> document -> 4;
            case Collection<?> array -> 5;
            case BinData binary -> 6;
            case LegacyUUID uuid -> 7;
            case UUID uuid -> 8;
            case ObjectId objectId -> OBJECT_ID;
            case Boolean bool -> BOOLEAN;
            case Instant date -> DATE;
            case BsonTimestamp timestamp -> 12;
            case BsonRegularExpression regex -> OTHER;
            case MaxKey maxKey -> 14;
            default -> OTHER;
        };
    }

    private static int compareNumbers(Number a, Number b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (Double.isNaN(a.doubleValue()) || Double.isNaN(b.doubleValue())) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (Double.isInfinite(a.doubleValue()) || Double.isInfinite(b.doubleValue())) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return exact(a).compareTo(exact(b));
    }

    private static BigDecimal exact(Number number) {
        return number instanceof Long value ? BigDecimal.valueOf(value) : new BigDecimal(number.doubleValue());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareComparables(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }
}
