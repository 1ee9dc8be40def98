package io.paygate.events;

import java.util.Arrays;

/** Checkout.com-compatible response codes that an authorisation, or an action on it, can end with. */
public enum ResponseCode {
    APPROVED("10000", "Approved"),
    DO_NOT_HONOUR("20005", "Declined - Do not honour"),
    INSUFFICIENT_FUNDS("20051", "Insufficient funds"),
    EXPIRED_CARD("20054", "Expired card"),
    RESPONSE_TOO_LATE("20068", "Response received too late"),
    ISSUER_UNAVAILABLE("20091", "Issuer unavailable"),
    /** An action the bank refused in the authorisation's state, e.g. a capture after a void. */
    INVALID_TRANSACTION("20012", "Invalid transaction"),
    /** An action for more than the authorisation's balance allows. */
    INVALID_AMOUNT("20013", "Invalid value/amount"),
    /** An action on an authorisation the bank does not hold approved. */
    NO_ORIGINAL("20025", "Unable to locate record on file");

    private final String code;
    private final String summary;

    ResponseCode(String code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    public String code() {
        return code;
    }

    public String summary() {
        return summary;
    }

    public boolean approved() {
        return this == APPROVED;
    }

    public static ResponseCode fromCode(String code) {
        return Arrays.stream(values())
                .filter(value -> value.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown response code " + code));
    }
}
