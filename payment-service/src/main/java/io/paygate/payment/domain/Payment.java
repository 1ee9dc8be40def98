package io.paygate.payment.domain;

import io.paygate.events.ResponseCode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A card payment and the state machine it lives by: it is requested {@code Pending}, then the acquirer's answer moves
 * it once, to {@code Authorized} or {@code Declined}, and nothing moves it again.
 * <p>
 * Instants are kept to the millisecond, the precision the store keeps, so a payment reads back as it was written.
 *
 * @param metadata     the merchant's own key-value data, returned as given; empty when none was sent
 * @param responseCode the acquirer's answer; {@code null} while pending
 * @param authCode     the bank's authorisation code; only an authorised payment may have one
 * @param processedOn  when the acquirer answered; {@code null} while pending
 */
public record Payment(
        PaymentId id,
        ActionId actionId,
        String merchantId,
        Money amount,
        CardSummary card,
        String reference,
        String description,
        Map<String, Object> metadata,
        PaymentStatus status,
        ResponseCode responseCode,
        String authCode,
        Instant requestedOn,
        Instant processedOn) {

    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedOn, "requestedOn");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        requestedOn = requestedOn.truncatedTo(ChronoUnit.MILLIS);
        processedOn = processedOn == null ? null : processedOn.truncatedTo(ChronoUnit.MILLIS);
        switch (status) {
            case PENDING -> {
                if (responseCode != null || authCode != null || processedOn != null) {
                    throw new IllegalArgumentException("A pending payment has no answer yet");
                }
            }
            case AUTHORIZED -> {
                if (responseCode != ResponseCode.APPROVED || processedOn == null) {
                    throw new IllegalArgumentException("An authorised payment was approved at a known time");
                }
            }
            case DECLINED -> {
                if (responseCode == null || responseCode.approved() || authCode != null || processedOn == null) {
                    throw new IllegalArgumentException("A declined payment has a decline code, a time and no auth code");
                }
            }
        }
    }

    /** A new payment, waiting for its acquirer's answer. */
    public static Payment request(String merchantId, Money amount, CardSummary card, String reference,
                                  String description, Map<String, Object> metadata, Instant requestedOn) {
        return new Payment(PaymentId.generate(), ActionId.generate(), merchantId, amount, card, reference, description,
                metadata, PaymentStatus.PENDING, null, null, requestedOn, null);
    }

    /** The bank approved the payment. */
    public Payment authorize(String authCode, Instant processedOn) {
        requirePending();
        return new Payment(id, actionId, merchantId, amount, card, reference, description, metadata,
                PaymentStatus.AUTHORIZED, ResponseCode.APPROVED, authCode, requestedOn, processedOn);
    }

    /** The bank, or the acquirer on its behalf, refused the payment. */
    public Payment decline(ResponseCode reason, Instant processedOn) {
        requirePending();
        if (reason.approved()) {
            throw new IllegalArgumentException(reason + " is not a decline");
        }
        return new Payment(id, actionId, merchantId, amount, card, reference, description, metadata,
                PaymentStatus.DECLINED, reason, null, requestedOn, processedOn);
    }

    /** Applies the acquirer's answer, whichever it is. */
    public Payment decide(ResponseCode responseCode, String authCode, Instant processedOn) {
        return responseCode.approved() ? authorize(authCode, processedOn) : decline(responseCode, processedOn);
    }

    public boolean isPending() {
        return status == PaymentStatus.PENDING;
    }

    public boolean approved() {
        return status == PaymentStatus.AUTHORIZED;
    }

    private void requirePending() {
        if (!isPending()) {
            throw new PaymentNotPendingException(id, status);
        }
    }
}
