package io.paygate.webhook.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@code Cko-Signature} header of an event, as Checkout.com computes it: the lowercase hex HMAC-SHA256 of the raw
 * body, keyed with the endpoint's signing secret as the merchant holds it ({@code whsec_...}, its UTF-8 bytes).
 */
public final class CkoSignature {

    public static final String HEADER = "Cko-Signature";

    private CkoSignature() {
    }

    public static String of(String signingSecret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
