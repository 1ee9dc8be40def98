package io.paygate.events;

import io.paygate.events.card.CardKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardKeysTest {

    private static final byte[] KEY_1 = new byte[32];
    private static final byte[] KEY_2 = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void reads_every_key_by_its_id_in_the_order_configured() {
        String spec = " old : " + base64(KEY_1) + ",new:" + base64(KEY_2);

        Map<String, byte[]> keys = CardKeys.parse(spec);

        assertThat(keys.keySet()).containsExactly("old", "new");
        assertThat(keys.get("old")).isEqualTo(KEY_1);
        assertThat(keys.get("new")).isEqualTo(KEY_2);
    }

    @Test
    void refuses_a_missing_a_malformed_or_a_wrong_sized_key() {
        assertThatThrownBy(() -> CardKeys.parse(" ")).hasMessage("No card encryption keys configured");
        assertThatThrownBy(() -> CardKeys.parse(base64(KEY_1)))
                .hasMessage("A card encryption key entry looks like id:base64key");
        assertThatThrownBy(() -> CardKeys.parse("short:" + base64(new byte[16])))
                .hasMessage("The card encryption key 'short' must be 32 bytes");
    }

    private static String base64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }
}
