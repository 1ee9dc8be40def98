package io.paygate.payment.application;

/** Why a request is invalid, under the error code names of the Checkout.com API. */
public enum ValidationError {
    PAYMENT_SOURCE_REQUIRED("payment_source_required"),
    SOURCE_TYPE_INVALID("source_type_invalid"),
    CARD_NUMBER_REQUIRED("card_number_required"),
    CARD_NUMBER_INVALID("card_number_invalid"),
    CARD_EXPIRY_MONTH_REQUIRED("card_expiry_month_required"),
    CARD_EXPIRY_MONTH_INVALID("card_expiry_month_invalid"),
    CARD_EXPIRY_YEAR_REQUIRED("card_expiry_year_required"),
    CARD_EXPIRY_YEAR_INVALID("card_expiry_year_invalid"),
    CARD_EXPIRED("card_expired"),
    CVV_INVALID("cvv_invalid"),
    AMOUNT_REQUIRED("amount_required"),
    AMOUNT_INVALID("amount_invalid"),
    CURRENCY_REQUIRED("currency_required"),
    CURRENCY_INVALID("currency_invalid"),
    CURRENCY_NOT_SUPPORTED("currency_not_supported"),
    REFERENCE_REQUIRED("reference_required"),
    REFERENCE_INVALID("reference_invalid"),
    DESCRIPTION_INVALID("description_invalid"),
    METADATA_INVALID("metadata_invalid"),
    IDEMPOTENCY_KEY_INVALID("idempotency_key_invalid"),
    CAPTURE_INVALID("capture_invalid"),
    CAPTURE_ON_INVALID("capture_on_invalid"),
    CAPTURE_TYPE_INVALID("capture_type_invalid"),
    /** A capture of more than the authorisation has left (decided by the payment, reported like a field error). */
    CAPTURE_VALUE_GREATER_THAN_AUTHORIZED("capture_value_greater_than_authorized"),
    /** A refund of more than was captured and not refunded yet. */
    AMOUNT_EXCEEDS_BALANCE("amount_exceeds_balance"),
    PAGING_LIMIT_INVALID("paging_limit_invalid"),
    PAGING_SKIP_INVALID("paging_skip_invalid");

    private final String code;

    ValidationError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
