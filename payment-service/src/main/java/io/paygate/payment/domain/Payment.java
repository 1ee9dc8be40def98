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
 * @param processedOn  when the acquirer answered, by its clock; {@code null} while pending
 * @param decidedOn    when the gateway recorded that answer, by its own clock; {@code null} while pending. It tells
 *                     whether the request that created the payment was answered with the decision or without it
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
        Instant processedOn,
        Instant decidedOn) {

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
        decidedOn = decidedOn == null ? null : decidedOn.truncatedTo(ChronoUnit.MILLIS);
        switch (status) {
            case PENDING -> {
                if (responseCode != null || authCode != null || processedOn != null || decidedOn != null) {
                    throw new IllegalArgumentException("A pending payment has no answer yet");
                }
            }
            case AUTHORIZED -> {
                if (responseCode != ResponseCode.APPROVED || processedOn == null || decidedOn == null) {
                    throw new IllegalArgumentException("An authorised payment was approved at known times");
                }
            }
            case DECLINED -> {
                if (responseCode == null || responseCode.approved() || authCode != null || processedOn == null
                        || decidedOn == null) {
                    throw new IllegalArgumentException("A declined payment has a decline code, times and no auth code");
                }
            }
        }
    }

    /** A new payment, waiting for its acquirer's answer. */
    public static Payment request(String merchantId, Money amount, CardSummary card, String reference,
                                  String description, Map<String, Object> metadata, Instant requestedOn) {
        return new Payment(PaymentId.generate(), ActionId.generate(), merchantId, amount, card, reference, description,
                metadata, PaymentStatus.PENDING, null, null, requestedOn, null, null);
    }

    /** The bank approved the payment at {@code processedOn}; the gateway learnt it at {@code decidedOn}. */
    public Payment authorize(String authCode, Instant processedOn, Instant decidedOn) {
        return decide(new Decision(ResponseCode.APPROVED, authCode, processedOn, decidedOn));
    }

    /** The bank, or the acquirer on its behalf, refused the payment. */
    public Payment decline(ResponseCode reason, Instant processedOn, Instant decidedOn) {
        if (reason.approved()) {
            throw new IllegalArgumentException(reason + " is not a decline");
        }
        return decide(new Decision(reason, null, processedOn, decidedOn));
    }

    /** No answer came before the final deadline: the payment is declined as answered too late. */
    public Payment timeOut(Instant now) {
        return decide(Decision.timedOut(now));
    }

    /** Applies a decision, whichever it is; only a pending payment takes one. */
    public Payment decide(Decision decision) {
        requirePending();
        return new Payment(id, actionId, merchantId, amount, card, reference, description, metadata,
                decision.responseCode().approved() ? PaymentStatus.AUTHORIZED : PaymentStatus.DECLINED,
                decision.responseCode(), decision.authCode(), requestedOn, decision.processedOn(),
                decision.decidedOn());
    }

    /** Applies the acquirer's answer, whichever it is. */
    public Payment decide(ResponseCode responseCode, String authCode, Instant processedOn, Instant decidedOn) {
        return decide(new Decision(responseCode, authCode, processedOn, decidedOn));
    }

    /** The payment as it stood when it was requested, before any answer: what a {@code 202} showed. */
    public Payment asRequested() {
        return new Payment(id, actionId, merchantId, amount, card, reference, description, metadata,
                PaymentStatus.PENDING, null, null, requestedOn, null, null);
    }

    /** Whether the gateway had the acquirer's answer before this instant. */
    public boolean decidedBefore(Instant instant) {
        return decidedOn != null && decidedOn.isBefore(instant);
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
