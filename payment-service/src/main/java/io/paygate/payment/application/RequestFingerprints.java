package io.paygate.payment.application;

import io.paygate.events.card.CardData;
import io.paygate.payment.domain.CapturePlan;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fingerprints of payment requests, which tell a retry (the same request again) from another request sent under the
 * same idempotency key. A fingerprint covers what a payment is made of: card number, expiry, amount, currency,
 * reference, description and metadata, as parsed, so that key order, white space and unknown fields do not count. The
 * CVV does not count (PCI DSS 3.3 allows nothing derived from it to be kept after the authorisation), nor does the
 * cardholder's name, which PayGate neither keeps nor forwards.
 * <p>
 * It is an HMAC-SHA256, not a plain hash: the store keeps the BIN, the last four digits and the expiry next to it,
 * which leaves few enough candidates for the number to find a plain hash's input by trying them all. The HMAC keys
 * are derived from the card-encryption keys, so no further secret has to be deployed; a
 * fingerprint names the key it was made with ({@code keyId:mac}), so that fingerprints made before a key rotation
 * can still be checked while that key stays configured.
 */
public final class RequestFingerprints {

    private static final String ALGORITHM = "HmacSHA256";
    // Keeps the derived keys apart from every other use of the card-encryption keys.
    private static final byte[] DERIVATION_LABEL =
            "paygate payment-request fingerprint v1".getBytes(StandardCharsets.US_ASCII);
    private static final char KEY_ID_SEPARATOR = ':';

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;

    private RequestFingerprints(Map<String, SecretKeySpec> keys, String activeKeyId) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("Active key '" + activeKeyId + "' is not among the configured keys");
        }
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
    }

    /**
     * @param cardKeys    the card-encryption keys by key id
     * @param activeKeyId the key new fingerprints are made with
     */
    public static RequestFingerprints derivedFrom(Map<String, byte[]> cardKeys, String activeKeyId) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        cardKeys.forEach((id, cardKey) -> keys.put(id,
                new SecretKeySpec(mac(new SecretKeySpec(cardKey, ALGORITHM), DERIVATION_LABEL), ALGORITHM)));
        return new RequestFingerprints(keys, activeKeyId);
    }

    public String of(RequestPaymentCommand command) {
        return fingerprint(canonical(command));
    }

    /** Whether the request is the one the fingerprint was made of; false when its key is no longer configured. */
    public boolean matches(String fingerprint, RequestPaymentCommand command) {
        return matches(fingerprint, canonical(command));
    }

    private boolean matches(String fingerprint, byte[] canonical) {
        if (fingerprint == null) {
            return false;
        }
        int separator = fingerprint.indexOf(KEY_ID_SEPARATOR);
        SecretKeySpec key = separator < 0 ? null : keys.get(fingerprint.substring(0, separator));
        if (key == null) {
            return false;
        }
        byte[] expected = fingerprint.substring(separator + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = encode(mac(key, canonical)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    /** The fingerprint of a capture, void or refund request, made like a payment request's. */
    public String of(ActionCommand command) {
        return fingerprint(canonical(command));
    }

    private String fingerprint(byte[] canonical) {
        return activeKeyId + KEY_ID_SEPARATOR + encode(mac(keys.get(activeKeyId), canonical));
    }

    /** Whether the action request is the one the fingerprint was made of. */
    public boolean matches(String fingerprint, ActionCommand command) {
        return matches(fingerprint, canonical(command));
    }

    private static byte[] canonical(ActionCommand command) {
        StringBuilder text = new StringBuilder(128);
        append(text, command.type().name());
        append(text, command.amount());
        append(text, command.finalCapture());
        append(text, command.reference());
        append(text, command.metadata());
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] canonical(RequestPaymentCommand command) {
        CardData card = command.card();
        StringBuilder text = new StringBuilder(256);
        append(text, card.number());
        append(text, card.expiryMonth());
        append(text, card.expiryYear());
        append(text, command.amount().amount());
        append(text, command.amount().currency());
        append(text, command.reference());
        append(text, command.description());
        append(text, command.metadata());
        // Only when not the default: a key given before payments had a capture plan still finds its request.
        if (!command.capture().equals(CapturePlan.IMMEDIATE)) {
            append(text, command.capture().automatic());
            append(text, command.capture().on());
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes a value so that no two different values read the same: every element says its type, and text and
     * collections their length. Maps are written in key order, so their order in the JSON does not count.
     */
    private static void append(StringBuilder text, Object value) {
        switch (value) {
            case null -> text.append('z');
            case String string -> text.append('s').append(string.length()).append(':').append(string);
            case Boolean bool -> text.append(bool ? 't' : 'f');
            case Number number -> {
                String digits = number.toString();
                text.append('n').append(digits.length()).append(':').append(digits);
            }
            case Map<?, ?> map -> {
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((key, nested) -> sorted.put(String.valueOf(key), nested));
                text.append('m').append(sorted.size()).append(':');
                sorted.forEach((key, nested) -> {
                    append(text, key);
                    append(text, nested);
                });
            }
            case List<?> list -> {
                text.append('l').append(list.size()).append(':');
                list.forEach(nested -> append(text, nested));
            }
            default -> append(text, value.toString());
        }
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static String encode(byte[] mac) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }
}
