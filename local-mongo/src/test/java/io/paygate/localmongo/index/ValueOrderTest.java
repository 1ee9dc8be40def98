package io.paygate.localmongo.index;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ValueOrderTest {

    @Test
    void orders_by_type_bracket_as_mongodb_does_then_by_value() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        List<Object> values = new ArrayList<>(Arrays.asList(now, "b", true, 2.5, null, "a", now.minusSeconds(1), -1.0));

        values.sort(ValueOrder::compare);

        assertThat(values).containsExactly(null, -1.0, 2.5, "a", "b", true, now.minusSeconds(1), now);
    }

    @Test
    void compares_longs_beyond_a_double_exactly() {
        long large = 9_007_199_254_740_993L;

        assertThat(ValueOrder.compare(large, 9_007_199_254_740_992.0)).isPositive();
        assertThat(ValueOrder.compare(large, 9_007_199_254_740_994.0)).isNegative();
        assertThat(ValueOrder.compare(10.0, 10.0)).isZero();
    }

    @Test
    void a_bracket_edge_lies_beyond_every_value_of_its_type_only() {
        Instant now = Instant.now();

        assertThat(ValueOrder.compare(ValueOrder.bracketStart(now), Instant.EPOCH)).isNegative();
        assertThat(ValueOrder.compare(ValueOrder.bracketStart(now), true)).isPositive();
        assertThat(ValueOrder.compare(ValueOrder.bracketEnd(now), Instant.MAX)).isPositive();
        assertThat(ValueOrder.compare(ValueOrder.bracketEnd(now), new de.bwaldvogel.mongo.bson.BsonTimestamp(1L)))
                .isNegative();
    }
}
