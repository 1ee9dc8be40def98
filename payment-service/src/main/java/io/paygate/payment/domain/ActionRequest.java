package io.paygate.payment.domain;

import java.util.Map;

/**
 * What the merchant said about an action, besides its amount.
 *
 * @param reference      the merchant's reference for it, at most 80 characters; {@code null} for none
 * @param metadata       the merchant's key-value data for it, returned as given
 * @param idempotencyKey the key the request came with, scoped to the payment; {@code null} for none
 * @param fingerprint    what the request with that key asked, to tell its retries from another request
 */
public record ActionRequest(String reference, Map<String, Object> metadata, String idempotencyKey,
                            String fingerprint) {
}
