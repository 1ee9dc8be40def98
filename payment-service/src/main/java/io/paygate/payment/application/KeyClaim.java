package io.paygate.payment.application;

import java.time.Instant;
import java.util.Objects;

/**
 * What a new payment stores to hold its merchant's idempotency key: the key, the fingerprint of the request that
 * retries will be compared with, and when the key expires. At that time the sweeper releases the key and removes the
 * fingerprint, so neither outlives the key's time to live.
 */
public record KeyClaim(IdempotencyKey key, String requestFingerprint, Instant expiresAt) {

    public KeyClaim {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
