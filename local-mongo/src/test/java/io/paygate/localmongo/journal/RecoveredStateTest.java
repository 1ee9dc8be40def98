package io.paygate.localmongo.journal;

import org.bson.RawBsonDocument;
import org.bson.ByteBuf;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveredStateTest {

    @Test
    void a_database_whose_collections_are_all_dropped_is_not_recovered() {
        RecoveredState state = RecoveredState.empty();
        state.apply(new Record.Put("scratch.notes", bson("{_id: 1}")));
        state.apply(new Record.Put("shop.orders", bson("{_id: 1}")));
        state.apply(new Record.Drop("scratch.notes"));

        assertThat(state.takeDatabases()).containsOnlyKeys("shop");
    }

    @Test
    void a_drop_replayed_over_a_snapshot_taken_after_it_brings_nothing_back() {
        RecoveredState state = RecoveredState.empty();
        state.load(new Record.Put("shop.orders", bson("{_id: 1}")));
        state.apply(new Record.Drop("scratch.notes"));
        state.apply(new Record.Drop("shop.carts"));

        assertThat(state.takeDatabases()).containsOnlyKeys("shop")
                .hasEntrySatisfying("shop", collections -> assertThat(collections).containsOnlyKeys("orders"));
    }

    private static byte[] bson(String json) {
        ByteBuf buffer = RawBsonDocument.parse(json).getByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
