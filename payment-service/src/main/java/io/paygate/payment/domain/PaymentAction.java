package io.paygate.payment.domain;

import io.paygate.events.ResponseCode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing done to an authorised payment at the bank: a capture, a void or a refund. It is requested pending, and the
 * bank's answer (or the gateway giving up at its deadline) settles it once.
 *
 * @param amount          minor units of the payment's currency it moves; for a void, what it releases
 * @param finalCapture    for a capture: it ends the authorisation, releasing what it does not take
 * @param origin          who asked for it: the merchant, or the gateway on the merchant's behalf
 * @param notBefore       not to be sent to the bank before this instant (a capture the merchant scheduled with
 *                        {@code capture_on}); {@code null} for as soon as possible
 * @param idempotencyKey  the key the merchant's request came with, scoped to the payment; {@code null} for none
 * @param fingerprint     what the request with that key asked, to tell a retry from another request
 * @param responseCode    the bank's answer; {@code null} while pending
 * @param processedOn     when the answer came; {@code null} while pending
 */
public record PaymentAction(
        ActionId id,
        Type type,
        long amount,
        boolean finalCapture,
        Origin origin,
        String reference,
        Map<String, Object> metadata,
        Instant requestedOn,
        Instant notBefore,
        String idempotencyKey,
        String fingerprint,
        ResponseCode responseCode,
        String acquirerReference,
        Instant processedOn) {

    /** What the action does, as the API names it. */
    public enum Type {
        CAPTURE("Capture"),
        VOID("Void"),
        REFUND("Refund");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Who asked for the action. */
    public enum Origin {
        /** The merchant, through the API. */
        MERCHANT,
        /** The gateway, capturing an approval in full because the payment asked for it ({@code capture: true}). */
        AUTO_CAPTURE,
        /** The gateway, voiding an authorisation nobody captured within its lifetime. */
        EXPIRY
    }

    public PaymentAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(requestedOn, "requestedOn");
        if (amount < 1) {
            throw new IllegalArgumentException("An action moves a positive amount");
        }
        if (finalCapture && type != Type.CAPTURE) {
            throw new IllegalArgumentException("Only a capture can be final");
        }
        if ((responseCode == null) != (processedOn == null)) {
            throw new IllegalArgumentException("An action is answered with a response code at a known time");
        }
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        requestedOn = requestedOn.truncatedTo(ChronoUnit.MILLIS);
        notBefore = notBefore == null ? null : notBefore.truncatedTo(ChronoUnit.MILLIS);
        processedOn = processedOn == null ? null : processedOn.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new action, waiting to be sent to the bank. */
    static PaymentAction request(Type type, long amount, boolean finalCapture, Origin origin, String reference,
                                 Map<String, Object> metadata, Instant requestedOn, Instant notBefore,
                                 String idempotencyKey, String fingerprint) {
        return new PaymentAction(ActionId.generate(), type, amount, finalCapture, origin, reference, metadata,
                requestedOn, notBefore, idempotencyKey, fingerprint, null, null, null);
    }

    /** The action as the bank settled it. */
    PaymentAction answered(ResponseCode code, String reference, Instant processedOn) {
        return new PaymentAction(id, type, amount, finalCapture, origin, this.reference, metadata, requestedOn,
                notBefore, idempotencyKey, fingerprint, code, reference, processedOn);
    }

    /** The action as it was before the bank answered it. */
    PaymentAction unanswered() {
        return new PaymentAction(id, type, amount, finalCapture, origin, reference, metadata, requestedOn, notBefore,
                idempotencyKey, fingerprint, null, null, null);
    }

    public boolean isPending() {
        return responseCode == null;
    }

    public boolean approved() {
        return responseCode != null && responseCode.approved();
    }

    /** Whether it is pending or approved: either way its amount is spoken for. */
    boolean counts() {
        return isPending() || approved();
    }

    boolean is(Type type) {
        return this.type == type;
    }

    /** When the action is first to reach the bank. */
    Instant sendFrom() {
        return notBefore != null && notBefore.isAfter(requestedOn) ? notBefore : requestedOn;
    }

    /** When the gateway stops waiting for the bank's answer and records the action declined. */
    public Instant deadline(RecoveryPolicy policy) {
        return sendFrom().plus(policy.actionDeadline());
    }
}
