package io.paygate.localmongo.store;

/**
 * What one query did, for {@code explain}: the index it used and how many documents it had to decode. Only the
 * thread running an explain carries one.
 */
final class QueryTrace {

    private static final ThreadLocal<QueryTrace> CURRENT = new ThreadLocal<>();

    private String indexName;
    private boolean planned;
    private long documentsExamined;

    static QueryTrace start() {
        QueryTrace trace = new QueryTrace();
        CURRENT.set(trace);
        return trace;
    }

    void stop() {
        CURRENT.remove();
    }

    /** Records the plan of the first query the trace sees; null for a collection scan. */
    static void planned(String indexName) {
        QueryTrace trace = CURRENT.get();
        if (trace != null && !trace.planned) {
            trace.planned = true;
            trace.indexName = indexName;
        }
    }

    static void examined() {
        QueryTrace trace = CURRENT.get();
        if (trace != null) {
            trace.documentsExamined++;
        }
    }

    String indexName() {
        return indexName;
    }

    boolean planned() {
        return planned;
    }

    long documentsExamined() {
        return documentsExamined;
    }
}
