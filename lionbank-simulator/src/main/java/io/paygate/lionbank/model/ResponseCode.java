package io.paygate.lionbank.model;

/** Field 39 of the Lion Bank's answers, ISO 8583:1987 codes. */
public enum ResponseCode {
    APPROVED("00"),
    DO_NOT_HONOUR("05"),
    INVALID_TRANSACTION("12"),
    INVALID_AMOUNT("13"),
    INVALID_CARD_NUMBER("14"),
    ORIGINAL_NOT_FOUND("25"),
    FORMAT_ERROR("30"),
    INSUFFICIENT_FUNDS("51"),
    EXPIRED_CARD("54"),
    ISSUER_UNAVAILABLE("91"),
    DUPLICATE_TRANSMISSION("94");

    private final String code;

    ResponseCode(String code) {
        this.code = code;
    }

    /** The two characters of field 39. */
    public String code() {
        return code;
    }

    /** Whether the issuer decided: only a decision is remembered, so anything else is evaluated afresh on a retry. */
    public boolean isDecision() {
        return this != FORMAT_ERROR && this != ISSUER_UNAVAILABLE && this != DUPLICATE_TRANSMISSION;
    }
}
