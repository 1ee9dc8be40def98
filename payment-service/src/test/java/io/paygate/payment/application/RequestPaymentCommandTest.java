package io.paygate.payment.application;

import io.paygate.events.merchant.MerchantContract;
import io.paygate.payment.application.PaymentInput.CardInput;
import io.paygate.payment.domain.CapturePlan;
import io.paygate.payment.domain.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RequestPaymentCommandTest {

    private static final MerchantContract MERCHANT =
            new MerchantContract("mer_1", "piggybank", "piggy-1", List.of("GBP", "EUR", "JPY"));
    private static final YearMonth NOW = YearMonth.of(2030, 6);
    private static final CardInput CARD = new CardInput("card", "4111111111111111", "12", "2030", "123");
    private static final PaymentInput VALID =
            new PaymentInput(CARD, "1050", "GBP", "ORD-5023", "Two books", Map.of("order_id", "5023"), null, null, List.of());

    private static List<String> errorsOf(PaymentInput input) {
        RequestInvalidException invalid = catchThrowableOfType(RequestInvalidException.class,
                () -> RequestPaymentCommand.from(input, MERCHANT, NOW));
        assertThat(invalid).as("the request should be invalid").isNotNull();
        return invalid.errorCodes();
    }

    private static PaymentInput withCard(CardInput card) {
        return new PaymentInput(card, "1050", "GBP", null, null, null, null, null, List.of());
    }

    private static PaymentInput withAmount(String amount) {
        return new PaymentInput(CARD, amount, "GBP", null, null, null, null, null, List.of());
    }

    private static PaymentInput withMetadata(Map<String, Object> metadata) {
        return new PaymentInput(CARD, "1050", "GBP", null, null, metadata, null, null, List.of());
    }

    private static PaymentInput withCapture(Object capture, Object captureOn) {
        return new PaymentInput(CARD, "1050", "GBP", null, null, null, capture, captureOn, List.of());
    }

    @Test
    void captures_at_once_unless_told_otherwise_or_told_when() {
        assertThat(RequestPaymentCommand.from(withCapture(null, null), MERCHANT, NOW).capture())
                .isEqualTo(CapturePlan.IMMEDIATE);
        assertThat(RequestPaymentCommand.from(withCapture(true, null), MERCHANT, NOW).capture())
                .isEqualTo(CapturePlan.IMMEDIATE);
        assertThat(RequestPaymentCommand.from(withCapture(false, null), MERCHANT, NOW).capture())
                .isEqualTo(CapturePlan.MANUAL);
        assertThat(RequestPaymentCommand.from(withCapture(null, "2030-07-01T09:00:00Z"), MERCHANT, NOW).capture())
                .isEqualTo(new CapturePlan(true, Instant.parse("2030-07-01T09:00:00Z")));
        assertThat(RequestPaymentCommand.from(withCapture(true, "2030-07-01T09:00:00Z"), MERCHANT, NOW).capture())
                .isEqualTo(new CapturePlan(true, Instant.parse("2030-07-01T09:00:00Z")));
    }

    @Test
    void refuses_a_capture_flag_or_time_it_cannot_read_and_a_time_for_a_payment_not_to_capture() {
        assertThat(errorsOf(withCapture("true", null))).containsExactly("capture_invalid");
        assertThat(errorsOf(withCapture(null, "tomorrow"))).containsExactly("capture_on_invalid");
        assertThat(errorsOf(withCapture(null, 1_900_000_000))).containsExactly("capture_on_invalid");
        assertThat(errorsOf(withCapture(false, "2030-07-01T09:00:00Z"))).containsExactly("capture_on_invalid");
    }

    @Test
    void reports_every_value_of_the_wrong_json_type_under_its_field() {
        PaymentInput input = new PaymentInput("x", "[1]", Map.of("$gt", ""), 5023, false, 5, null, null, List.of());

        assertThat(errorsOf(input)).containsExactly("source_type_invalid", "amount_invalid", "currency_invalid",
                "reference_invalid", "description_invalid", "metadata_invalid");
    }

    @Test
    void reports_every_card_field_of_the_wrong_json_type() {
        CardInput card = new CardInput(List.of("card"), 4111111111111111L, "\"12\"", "{}", 123);

        assertThat(errorsOf(withCard(card))).containsExactly("source_type_invalid", "card_number_invalid",
                "card_expiry_month_invalid", "card_expiry_year_invalid", "cvv_invalid");
    }

    @Test
    void accepts_up_to_20_metadata_fields_of_strings_numbers_and_booleans() {
        Map<String, Object> metadata = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            metadata.put("field_" + i, "v".repeat(255));
        }
        metadata.put("k".repeat(100), 42);
        metadata.put("ratio", 0.5);
        metadata.put("gift", true);

        assertThat(RequestPaymentCommand.from(withMetadata(metadata), MERCHANT, NOW).metadata()).hasSize(20);
    }

    @Test
    void refuses_metadata_that_is_nested_too_large_or_not_scalar() {
        Map<String, Object> tooMany = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            tooMany.put("field_" + i, i);
        }
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("gone", null);

        assertThat(List.of(tooMany, nullValue, Map.<String, Object>of("order", Map.of("id", 1)),
                Map.<String, Object>of("items", List.of(1, 2)), Map.<String, Object>of("note", "v".repeat(256)),
                Map.<String, Object>of("k".repeat(101), 1), Map.<String, Object>of("", 1)))
                .allSatisfy(metadata -> assertThat(errorsOf(withMetadata(metadata))).containsExactly("metadata_invalid"));
    }

    private static PaymentInput withCurrency(String currency) {
        return new PaymentInput(CARD, "1050", currency, null, null, null, null, null, List.of());
    }

    @Test
    void accepts_a_valid_request_with_its_values() {
        RequestPaymentCommand command = RequestPaymentCommand.from(VALID, MERCHANT, NOW);

        assertThat(command.amount().amount()).isEqualTo(1050);
        assertThat(command.amount().currency()).isEqualTo("GBP");
        assertThat(command.card().number()).isEqualTo("4111111111111111");
        assertThat(command.card().cvv()).isEqualTo("123");
        assertThat(command.card().expiryMonth()).isEqualTo(12);
        assertThat(command.card().expiryYear()).isEqualTo(2030);
        assertThat(command.metadata()).containsEntry("order_id", "5023");
        assertThat(command.toString()).doesNotContain("4111111111111111");
    }

    @Test
    void reports_every_invalid_field_at_once() {
        PaymentInput input = new PaymentInput(new CardInput("card", "4111111111111112", "13", "2030", "12"),
                "10.5", "USD", "r".repeat(81), "d".repeat(101), null, null, null, List.of("key-1", "key-2"));

        assertThat(errorsOf(input)).containsExactly("card_number_invalid", "card_expiry_month_invalid", "cvv_invalid",
                "amount_invalid", "currency_not_supported", "reference_invalid", "description_invalid",
                "idempotency_key_invalid");
    }

    @Test
    void requires_a_source() {
        assertThat(errorsOf(withCard(null))).containsExactly("payment_source_required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "CARD", ""})
    void accepts_only_card_sources(String type) {
        assertThat(errorsOf(withCard(new CardInput(type, "4111111111111111", "12", "2030", "123"))))
                .containsExactly("source_type_invalid");
    }

    @Test
    void requires_a_card_number() {
        assertThat(errorsOf(withCard(new CardInput("card", null, "12", "2030", "123"))))
                .containsExactly("card_number_required");
        assertThat(errorsOf(withCard(new CardInput("card", " ", "12", "2030", "123"))))
                .containsExactly("card_number_required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "41111111111", "411111111117", "41111111111111111111",
            "4111 1111 1111 1111", "4111-1111-1111-1111"})
    void refuses_card_numbers_of_the_wrong_length_characters_or_check_digit(String number) {
        assertThat(errorsOf(withCard(new CardInput("card", number, "12", "2030", "123"))))
                .containsExactly("card_number_invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "13", "-1", "1.5", "\"12\"", "true"})
    void refuses_expiry_months_outside_one_to_twelve(String month) {
        assertThat(errorsOf(withCard(new CardInput("card", "4111111111111111", month, "2030", "123"))))
                .containsExactly("card_expiry_month_invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "20300", "2030.0", "\"2030\""})
    void refuses_expiry_years_that_are_not_four_digits(String year) {
        assertThat(errorsOf(withCard(new CardInput("card", "4111111111111111", "12", year, "123"))))
                .containsExactly("card_expiry_year_invalid");
    }

    @Test
    void requires_the_expiry_date() {
        assertThat(errorsOf(withCard(new CardInput("card", "4111111111111111", null, null, "123"))))
                .containsExactly("card_expiry_month_required", "card_expiry_year_required");
    }

    @Test
    void refuses_a_card_that_expired_before_this_month() {
        assertThat(errorsOf(withCard(new CardInput("card", "4111111111111111", "5", "2030", "123"))))
                .containsExactly("card_expired");
        assertThat(errorsOf(withCard(new CardInput("card", "4111111111111111", "12", "2029", "123"))))
                .containsExactly("card_expired");
    }

    @Test
    void accepts_a_card_that_expires_this_month() {
        PaymentInput input = withCard(new CardInput("card", "4111111111111111", "6", "2030", "123"));

        assertThat(RequestPaymentCommand.from(input, MERCHANT, NOW).card().expiryMonth()).isEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "1234", "12a", ""})
    void wants_three_digits_of_cvv_for_visa(String cvv) {
        assertThat(errorsOf(withCard(new CardInput("card", "4111111111111111", "12", "2030", cvv))))
                .containsExactly("cvv_invalid");
    }

    @Test
    void wants_four_digits_of_cvv_for_amex() {
        assertThat(errorsOf(withCard(new CardInput("card", "378282246310005", "12", "2030", "123"))))
                .containsExactly("cvv_invalid");
        PaymentInput amex = withCard(new CardInput("card", "378282246310005", "12", "2030", "1234"));
        assertThat(RequestPaymentCommand.from(amex, MERCHANT, NOW).card().cvv()).isEqualTo("1234");
    }

    @Test
    void takes_a_card_without_cvv() {
        PaymentInput input = withCard(new CardInput("card", "4111111111111111", "12", "2030", null));

        assertThat(RequestPaymentCommand.from(input, MERCHANT, NOW).card().cvv()).isNull();
    }

    @Test
    void requires_an_amount() {
        assertThat(errorsOf(withAmount(null))).containsExactly("amount_required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "10.5", "1050.0", "1e3", "\"1050\"", "true", "{}", "10000000000",
            "99999999999999999999999999"})
    void refuses_amounts_that_are_not_whole_minor_units_in_range(String amount) {
        assertThat(errorsOf(withAmount(amount))).containsExactly("amount_invalid");
    }

    @Test
    void accepts_amounts_from_one_to_ten_digits() {
        assertThat(RequestPaymentCommand.from(withAmount("1"), MERCHANT, NOW).amount().amount()).isEqualTo(1);
        assertThat(RequestPaymentCommand.from(withAmount("9999999999"), MERCHANT, NOW).amount().amount())
                .isEqualTo(9_999_999_999L);
    }

    @Test
    void requires_a_currency() {
        assertThat(errorsOf(withCurrency(null))).containsExactly("currency_required");
        assertThat(errorsOf(withCurrency(""))).containsExactly("currency_required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "gbp", "GB", "POUND"})
    void refuses_codes_that_are_not_iso_4217(String currency) {
        assertThat(errorsOf(withCurrency(currency))).containsExactly("currency_invalid");
    }

    @Test
    void refuses_a_currency_outside_the_merchants_contract() {
        assertThat(errorsOf(withCurrency("USD"))).containsExactly("currency_not_supported");
    }

    @Test
    void limits_the_reference_to_80_characters_and_the_description_to_100() {
        PaymentInput longest = new PaymentInput(CARD, "1050", "GBP", "r".repeat(80), "d".repeat(100), null, null, null, List.of());
        assertThat(RequestPaymentCommand.from(longest, MERCHANT, NOW).reference()).hasSize(80);

        assertThat(errorsOf(new PaymentInput(CARD, "1050", "GBP", "r".repeat(81), null, null, null, null, List.of())))
                .containsExactly("reference_invalid");
        assertThat(errorsOf(new PaymentInput(CARD, "1050", "GBP", null, "d".repeat(101), null, null, null, List.of())))
                .containsExactly("description_invalid");
    }

    private static PaymentInput withIdempotencyKeys(List<String> keys) {
        return new PaymentInput(CARD, "1050", "GBP", null, null, null, null, null, keys);
    }

    @Test
    void takes_a_request_without_an_idempotency_key() {
        assertThat(RequestPaymentCommand.from(VALID, MERCHANT, NOW).idempotencyKey()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "ORD-5023 attempt 1", "8e03978e-40d5-43e8-bc93-6894a57f9324", "~!\"#$%&'()*+,./:;<=>?@[]^_`{|}"})
    void takes_an_idempotency_key_of_printable_ascii(String key) {
        assertThat(RequestPaymentCommand.from(withIdempotencyKeys(List.of(key)), MERCHANT, NOW).idempotencyKey())
                .isEqualTo(new IdempotencyKey(key));
    }

    @Test
    void takes_an_idempotency_key_of_up_to_255_characters() {
        String longest = "k".repeat(255);

        assertThat(RequestPaymentCommand.from(withIdempotencyKeys(List.of(longest)), MERCHANT, NOW)
                .idempotencyKey().value()).isEqualTo(longest);
        assertThat(errorsOf(withIdempotencyKeys(List.of("k".repeat(256))))).containsExactly("idempotency_key_invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "caf\u00e9", "tab\there", "new\nline", "nul\u0000", "\u20ac"})
    void refuses_an_idempotency_key_that_is_empty_or_not_printable_ascii(String key) {
        assertThat(errorsOf(withIdempotencyKeys(List.of(key)))).containsExactly("idempotency_key_invalid");
    }

    @Test
    void takes_the_same_idempotency_key_under_both_headers_but_not_two_different_ones() {
        assertThat(RequestPaymentCommand.from(withIdempotencyKeys(List.of("key-1", "key-1")), MERCHANT, NOW)
                .idempotencyKey()).isEqualTo(new IdempotencyKey("key-1"));
        assertThat(errorsOf(withIdempotencyKeys(List.of("key-1", "key-2")))).containsExactly("idempotency_key_invalid");
    }

    @Test
    void accepts_whole_yen_as_the_minor_unit_of_jpy() {
        PaymentInput yen = new PaymentInput(CARD, "1050", "JPY", null, null, null, null, null, List.of());

        assertThat(RequestPaymentCommand.from(yen, MERCHANT, NOW).amount()).isEqualTo(new Money(1050, "JPY"));
    }

    @Test
    void never_shows_card_data_in_its_text_forms() {
        assertThat(CARD.toString()).doesNotContain("4111111111111111").doesNotContain("123");
        assertThatThrownBy(() -> RequestPaymentCommand.from(withAmount("0"), MERCHANT, NOW))
                .hasMessageNotContaining("4111111111111111");
    }
}
