package io.paygate.events;

import java.util.Arrays;

/** Checkout.com-compatible response codes that an authorisation can end with. */
public enum ResponseCode {
    APPROVED("10000", "Approved"),
    DO_NOT_HONOUR("20005", "Declined - Do not honour"),
    INSUFFICIENT_FUNDS("20051", "Insufficient funds"),
    EXPIRED_CARD("20054", "Expired card"),
    RESPONSE_TOO_LATE("20068", "Response received too late"),
    ISSUER_UNAVAILABLE("20091", "Issuer unavailable");

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
