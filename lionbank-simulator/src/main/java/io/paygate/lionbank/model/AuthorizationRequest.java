package io.paygate.lionbank.model;

/**
 * A well-formed 0100, its fields as the rules read them.
 *
 * @param key      fields 41, 42, 11 and 7
 * @param pan      field 2, digits only
 * @param amount   field 4, in minor units
 * @param expiry   field 14, {@code YYMM}
 * @param currency field 49, ISO 4217 numeric
 */
public record AuthorizationRequest(TransactionKey key, String pan, long amount, String expiry, String currency) {

    /** The most of a PAN that may be shown: first six, last four. */
    public String maskedPan() {
        return maskedPan(pan);
    }

    public static String maskedPan(String pan) {
        if (pan.length() < 13) {
            return "*".repeat(pan.length());
        }
        return pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
    }

    /** Keeps the PAN out of logs and exception messages. */
    @Override
    public String toString() {
        return "AuthorizationRequest[key=" + key + ", pan=" + maskedPan() + ", amount=" + amount
                + ", expiry=" + expiry + ", currency=" + currency + "]";
    }
}
