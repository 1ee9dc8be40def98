package io.paygate.payment.application;

import io.paygate.payment.domain.Payment;

import java.util.Objects;

/**
 * The payment that holds an idempotency key: the one the first request with that key created.
 *
 * @param requestFingerprint the {@link RequestFingerprints fingerprint} of that first request
 */
public record KeyHolder(Payment payment, String requestFingerprint) {

    public KeyHolder {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
    }
}
