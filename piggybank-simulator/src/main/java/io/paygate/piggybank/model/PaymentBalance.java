package io.paygate.piggybank.model;

import java.util.Optional;

/**
 * The money of one approved authorisation, and the issuer's rules for moving it: captures draw on the authorised
 * amount while the hold is open, never beyond it; a void releases a hold nothing was captured from; refunds give back
 * at most what was captured. Immutable: the ledger replaces it under its lock, so concurrent actions on one payment
 * are decided one after the other against the balance the previous one left.
 *
 * @param authorized minor units the authorisation approved
 * @param captured   minor units captured so far
 * @param refunded   minor units refunded so far
 * @param hold       whether the uncaptured rest may still be captured
 */
public record PaymentBalance(long authorized, long captured, long refunded, Hold hold) {

    /** What became of the authorisation's hold on the cardholder's funds. */
    public enum Hold {
        /** The uncaptured rest may be captured. */
        OPEN,
        /** A final capture released the rest. */
        CLOSED,
        /** A void released it, before anything was captured. */
        VOIDED,
        /** A reversal released it. */
        REVERSED
    }

    public static final String AUTHORIZATION_REVERSED = "authorization_reversed";
    public static final String AUTHORIZATION_VOIDED = "authorization_voided";
    public static final String AUTHORIZATION_CLOSED = "authorization_closed";
    public static final String ALREADY_CAPTURED = "already_captured";
    public static final String AMOUNT_EXCEEDS_AUTHORIZED = "amount_exceeds_authorized";
    public static final String AMOUNT_EXCEEDS_CAPTURED = "amount_exceeds_captured";

    public static PaymentBalance of(long authorized) {
        return new PaymentBalance(authorized, 0, 0, Hold.OPEN);
    }

    /** The decline reason the bank gives for this action, or empty when it may be done. */
    public Optional<String> refusal(PaymentAction action) {
        return Optional.ofNullable(switch (action.kind()) {
            case CAPTURE -> hold != Hold.OPEN ? holdReleased()
                    : capturesMoreThanAuthorized(action) ? AMOUNT_EXCEEDS_AUTHORIZED : null;
            case VOID -> hold == Hold.REVERSED || hold == Hold.VOIDED ? holdReleased()
                    : captured > 0 || hold == Hold.CLOSED ? ALREADY_CAPTURED : null;
            case REFUND -> refundsMoreThanCaptured(action) ? AMOUNT_EXCEEDS_CAPTURED : null;
        });
    }

    /** The balance once the action is done; only for an action {@link #refusal} has no reason against. */
    public PaymentBalance after(PaymentAction action) {
        return switch (action.kind()) {
            case CAPTURE -> new PaymentBalance(authorized, captured + action.amount(), refunded,
                    action.finalCapture() ? Hold.CLOSED : Hold.OPEN);
            case VOID -> new PaymentBalance(authorized, captured, refunded, Hold.VOIDED);
            case REFUND -> new PaymentBalance(authorized, captured, refunded + action.amount(), hold);
        };
    }

    /** A reversal ends an open hold like a void; what was captured before it stays captured and refundable. */
    public PaymentBalance reversed() {
        return hold == Hold.OPEN ? new PaymentBalance(authorized, captured, refunded, Hold.REVERSED) : this;
    }

    /** Whether the action is a capture that would take the captured total beyond the authorised amount. */
    public boolean capturesMoreThanAuthorized(PaymentAction action) {
        // Compared as a difference, so that no amount a caller sends can overflow the sum.
        return action.kind() == PaymentAction.Kind.CAPTURE && action.amount() > authorized - captured;
    }

    /** Whether the action is a refund that would take the refunded total beyond the captured total. */
    public boolean refundsMoreThanCaptured(PaymentAction action) {
        return action.kind() == PaymentAction.Kind.REFUND && action.amount() > captured - refunded;
    }

    private String holdReleased() {
        return switch (hold) {
            case REVERSED -> AUTHORIZATION_REVERSED;
            case VOIDED -> AUTHORIZATION_VOIDED;
            case CLOSED, OPEN -> AUTHORIZATION_CLOSED;
        };
    }
}
