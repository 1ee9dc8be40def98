package io.paygate.events.merchant;

import io.paygate.events.keys.KeyedMac;


import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * How the gateway vouches for a request it forwards: an HMAC-SHA256 over the method, the path and query, a
 * timestamp, the {@link InternalHeaders} that say who the merchant is, and the SHA-256 of the body. A service
 * behind the gateway trusts those headers only when the signature holds and the timestamp is recent, so nothing
 * that reaches a service by another way (a port left open, a neighbour on the network) can speak for a merchant,
 * change what the gateway forwarded, or replay it later.
 * <p>
 * The keys are configured as {@code id:base64-32-bytes,...}; the gateway signs with the active one and names it
 * ({@code keyId:mac}), the services accept any configured one, so a key is rotated by adding the new key to every
 * service, then making it the gateway's active key, then removing the old one.
 */
public final class GatewaySignature {

    /** Seconds since the epoch when the gateway signed. */
    public static final String TIMESTAMP = InternalHeaders.PREFIX + "Timestamp";
    /** {@code keyId:base64url(HMAC-SHA256)}. */
    public static final String SIGNATURE = InternalHeaders.PREFIX + "Signature";

    private final KeyedMac mac;

    private GatewaySignature(KeyedMac mac) {
        this.mac = mac;
    }

    /**
     * @param keySpec     {@code id1:base64key1,id2:base64key2}, each key 32 bytes
     * @param activeKeyId the key the gateway signs with; a service that only verifies may name any configured key
     */
    public static GatewaySignature fromConfiguration(String keySpec, String activeKeyId) {
        return new GatewaySignature(KeyedMac.fromConfiguration(keySpec, activeKeyId, "gateway signing"));
    }

    /** The target of a request as signed: its raw path, and {@code ?} and its raw query when it has one. */
    public static String pathAndQuery(String rawPath, String rawQuery) {
        return rawQuery == null ? rawPath : rawPath + '?' + rawQuery;
    }

    /** The SHA-256 of a request body, as signed. */
    public static byte[] digest(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /**
     * The headers that vouch for the request: {@link #TIMESTAMP} and {@link #SIGNATURE}.
     *
     * @param pathAndQuery the raw path and query as the service will receive them
     * @param headers      the request's header values by name (null when absent)
     */
    public Map<String, String> sign(String method, String pathAndQuery, Function<String, String> headers,
                                    byte[] bodyDigest, Instant now) {
        String timestamp = Long.toString(now.getEpochSecond());
        return Map.of(TIMESTAMP, timestamp, SIGNATURE,
                mac.sign(canonical(method, pathAndQuery, timestamp, headers, bodyDigest)));
    }

    /** What a request's signature says about it. */
    public enum Verdict { VALID, MISSING, INVALID, STALE }

    /**
     * Checks a request's signature and that it was signed within {@code window} of {@code now}, either way.
     *
     * @param headers the request's header values by name (null when absent)
     */
    public Verdict verify(String method, String pathAndQuery, Function<String, String> headers, byte[] bodyDigest,
                          Instant now, Duration window) {
        String timestamp = headers.apply(TIMESTAMP);
        String signature = headers.apply(SIGNATURE);
        if (timestamp == null || signature == null) {
            return Verdict.MISSING;
        }
        if (!timestamp.matches("[0-9]{1,12}")
                || !mac.verifies(signature, canonical(method, pathAndQuery, timestamp, headers, bodyDigest))) {
            return Verdict.INVALID;
        }
        Duration age = Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), now).abs();
        return age.compareTo(window) > 0 ? Verdict.STALE : Verdict.VALID;
    }

    /** Every part on its own line, each header as {@code name:value}: no two different requests read the same. */
    private static byte[] canonical(String method, String pathAndQuery, String timestamp,
                                    Function<String, String> headers, byte[] bodyDigest) {
        StringBuilder text = new StringBuilder(256).append("paygate-gateway-v1\n")
                .append(method).append('\n').append(pathAndQuery).append('\n').append(timestamp).append('\n');
        for (String name : InternalHeaders.ALL) {
            String value = headers.apply(name);
            // An absent header and an empty one must not sign alike.
            text.append(name).append(value == null ? "!" : ":" + value).append('\n');
        }
        text.append(Base64.getEncoder().encodeToString(bodyDigest));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
