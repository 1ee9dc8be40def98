package io.paygate.localmongo.index;

import java.util.Comparator;

/**
 * One key of a sorted index: the document's values for the index fields, then its {@code _id}, which makes every
 * entry unique and lets a document's entries be found again to remove them.
 */
record IndexEntry(Object[] values, Object id) {

    /** Pads a range's ends: below or above every value, whatever the field's direction. */
    enum Bound { LOWEST, HIGHEST }

    /** Orders entries by each field in its index direction, then by id ascending. */
    static Comparator<IndexEntry> order(boolean[] ascending) {
        return (a, b) -> {
            for (int i = 0; i < ascending.length; i++) {
                int comparison = compare(a.values[i], b.values[i], ascending[i]);
                if (comparison != 0) {
                    return comparison;
                }
            }
            return compare(a.id, b.id, true);
        };
    }

    private static int compare(Object a, Object b, boolean ascending) {
        if (a instanceof Bound || b instanceof Bound) {
            return Integer.compare(boundRank(a), boundRank(b));
        }
        int comparison = ValueOrder.compare(a, b);
        return ascending ? comparison : -comparison;
    }

    private static int boundRank(Object value) {
        return value == Bound.LOWEST ? -1 : value == Bound.HIGHEST ? 1 : 0;
    }
}
