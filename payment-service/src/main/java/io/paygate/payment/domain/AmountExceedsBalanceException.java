package io.paygate.payment.domain;

/**
 * The action asks for more than the payment's balance allows.
 *
 * @see #errorCode()
 */
public class AmountExceedsBalanceException extends RuntimeException {

    private final String errorCode;

    AmountExceedsBalanceException(PaymentId id, PaymentAction.Type type, long amount, long available) {
        super(type.label() + " of " + amount + " exceeds the " + available + " available on payment " + id);
        this.errorCode = type == PaymentAction.Type.CAPTURE
                ? "capture_value_greater_than_authorized"
                : "amount_exceeds_balance";
    }

    /** Checkout.com's error code: {@code capture_value_greater_than_authorized} or {@code amount_exceeds_balance}. */
    public String errorCode() {
        return errorCode;
    }
}
