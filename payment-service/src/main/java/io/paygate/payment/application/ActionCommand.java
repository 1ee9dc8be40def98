package io.paygate.payment.application;

import io.paygate.payment.domain.PaymentAction;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.paygate.payment.application.RequestFields.validAmount;
import static io.paygate.payment.application.RequestFields.validIdempotencyKey;
import static io.paygate.payment.application.RequestFields.validMetadata;
import static io.paygate.payment.application.RequestFields.validReference;

/**
 * A merchant's valid request for a capture, void or refund. {@link #from} checks every field and reports all failures
 * at once; whether the payment allows the action is the payment's to decide.
 *
 * @param amount         minor units; {@code null} for all that is available
 * @param finalCapture   for a capture: {@code capture_type} {@code Final} (the default), releasing the rest
 * @param idempotencyKey the key the merchant may retry this request under; {@code null} when it sent none
 */
public record ActionCommand(PaymentAction.Type type, Long amount, boolean finalCapture, String reference,
                            Map<String, Object> metadata, IdempotencyKey idempotencyKey) {

    static final String FINAL = "Final";
    static final String NON_FINAL = "NonFinal";

    public ActionCommand {
        Objects.requireNonNull(type, "type");
        metadata = metadata == null ? Map.of() : metadata;
    }

    /**
     * Validates a request for an action of this type. A void moves no amount of its own: an amount sent with it is
     * ignored, as unknown fields are.
     *
     * @throws RequestInvalidException listing every invalid field
     */
    public static ActionCommand from(PaymentAction.Type type, ActionInput input) {
        Set<ValidationError> errors = EnumSet.noneOf(ValidationError.class);
        Long amount = type == PaymentAction.Type.VOID || input.amount() == null ? null
                : validAmount(input.amount(), errors);
        boolean finalCapture = type == PaymentAction.Type.CAPTURE && validFinal(input.captureType(), errors);
        String reference = validReference(input.reference(), errors);
        Map<String, Object> metadata = validMetadata(input.metadata(), errors);
        IdempotencyKey key = validIdempotencyKey(input.idempotencyKeys(), errors);
        if (!errors.isEmpty()) {
            throw new RequestInvalidException(errors);
        }
        return new ActionCommand(type, amount, finalCapture, reference, metadata, key);
    }

    private static boolean validFinal(Object captureType, Set<ValidationError> errors) {
        if (captureType == null || FINAL.equals(captureType)) {
            return true;
        }
        if (!NON_FINAL.equals(captureType)) {
            errors.add(ValidationError.CAPTURE_TYPE_INVALID);
        }
        return false;
    }
}
