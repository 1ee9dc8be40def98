package io.paygate.payment.application;

import io.paygate.events.card.CardData;
import io.paygate.events.merchant.MerchantContract;
import io.paygate.payment.domain.CapturePlan;
import io.paygate.payment.domain.PaymentAction;
import io.paygate.payment.domain.Money;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintsTest {

    private static final MerchantContract MERCHANT =
            new MerchantContract("mer_1", "piggybank", "piggy-1", List.of("GBP", "EUR"));
    private static final CardData CARD = new CardData("4111111111111111", "123", 12, 2030);
    private static final Map<String, byte[]> KEYS = Map.of(
            "k1", "card-key-number-one-32-bytes-abc".getBytes(StandardCharsets.US_ASCII),
            "k2", "card-key-number-two-32-bytes-abc".getBytes(StandardCharsets.US_ASCII));

    private final RequestFingerprints fingerprints = RequestFingerprints.derivedFrom(KEYS, "k1");

    private static RequestPaymentCommand command(CardData card, long amount, String currency, String reference,
                                                 String description, Map<String, Object> metadata) {
        return new RequestPaymentCommand(MERCHANT, card, new Money(amount, currency), reference, description, metadata,
                CapturePlan.IMMEDIATE, new IdempotencyKey("key-1"));
    }

    private static RequestPaymentCommand request() {
        return command(CARD, 1050, "GBP", "ORD-5023", "Two books", Map.of("order_id", "5023"));
    }

    @Test
    void recognises_the_same_request() {
        String fingerprint = fingerprints.of(request());

        assertThat(fingerprints.matches(fingerprint, request())).isTrue();
        assertThat(fingerprints.of(request())).isEqualTo(fingerprint);
    }

    @Test
    void names_its_key_and_shows_no_card_data() {
        String fingerprint = fingerprints.of(request());

        assertThat(fingerprint).startsWith("k1:").doesNotContain("4111111111111111").doesNotContain("1111");
    }

    @Test
    void tells_apart_requests_that_differ_in_any_field_of_the_payment() {
        String fingerprint = fingerprints.of(request());
        Map<String, Object> metadata = Map.of("order_id", "5023");

        List<RequestPaymentCommand> others = List.of(
                command(new CardData("4000000000000002", "123", 12, 2030), 1050, "GBP", "ORD-5023", "Two books", metadata),
                command(new CardData("4111111111111111", "123", 11, 2030), 1050, "GBP", "ORD-5023", "Two books", metadata),
                command(new CardData("4111111111111111", "123", 12, 2031), 1050, "GBP", "ORD-5023", "Two books", metadata),
                command(CARD, 1051, "GBP", "ORD-5023", "Two books", metadata),
                command(CARD, 1050, "EUR", "ORD-5023", "Two books", metadata),
                command(CARD, 1050, "GBP", "ORD-5024", "Two books", metadata),
                command(CARD, 1050, "GBP", null, "Two books", metadata),
                command(CARD, 1050, "GBP", "ORD-5023", "Three books", metadata),
                command(CARD, 1050, "GBP", "ORD-5023", "Two books", Map.of("order_id", 5023)),
                command(CARD, 1050, "GBP", "ORD-5023", "Two books", Map.of()));

        assertThat(others).allSatisfy(other -> assertThat(fingerprints.matches(fingerprint, other)).isFalse());
    }

    @Test
    void tells_apart_requests_that_differ_in_when_the_payment_is_captured() {
        RequestPaymentCommand immediate = request();
        String fingerprint = fingerprints.of(immediate);

        List<CapturePlan> others = List.of(CapturePlan.MANUAL,
                new CapturePlan(true, Instant.parse("2030-01-01T00:00:00Z")),
                new CapturePlan(true, Instant.parse("2030-01-01T00:00:01Z")));

        assertThat(others).allSatisfy(capture -> assertThat(fingerprints.matches(fingerprint,
                new RequestPaymentCommand(MERCHANT, CARD, immediate.amount(), immediate.reference(),
                        immediate.description(), immediate.metadata(), capture, immediate.idempotencyKey())))
                .isFalse());
        assertThat(fingerprints.matches(fingerprints.of(new RequestPaymentCommand(MERCHANT, CARD, immediate.amount(),
                immediate.reference(), immediate.description(), immediate.metadata(), others.get(1),
                immediate.idempotencyKey())), new RequestPaymentCommand(MERCHANT, CARD, immediate.amount(),
                immediate.reference(), immediate.description(), immediate.metadata(), others.get(2),
                immediate.idempotencyKey()))).isFalse();
    }

    @Test
    void tells_apart_action_requests_that_differ_in_any_field() {
        ActionCommand capture = new ActionCommand(PaymentAction.Type.CAPTURE, 500L, false, "SHIP-1",
                Map.of("box", "1"), new IdempotencyKey("cap-1"));
        String fingerprint = fingerprints.of(capture);

        assertThat(fingerprints.matches(fingerprint, capture)).isTrue();
        assertThat(List.of(
                new ActionCommand(PaymentAction.Type.REFUND, 500L, false, "SHIP-1", Map.of("box", "1"), null),
                new ActionCommand(PaymentAction.Type.CAPTURE, 501L, false, "SHIP-1", Map.of("box", "1"), null),
                new ActionCommand(PaymentAction.Type.CAPTURE, null, false, "SHIP-1", Map.of("box", "1"), null),
                new ActionCommand(PaymentAction.Type.CAPTURE, 500L, true, "SHIP-1", Map.of("box", "1"), null),
                new ActionCommand(PaymentAction.Type.CAPTURE, 500L, false, "SHIP-2", Map.of("box", "1"), null),
                new ActionCommand(PaymentAction.Type.CAPTURE, 500L, false, "SHIP-1", Map.of("box", 1), null)))
                .allSatisfy(other -> assertThat(fingerprints.matches(fingerprint, other)).isFalse());
        assertThat(fingerprints.matches(null, capture)).isFalse();
    }

    @Test
    void is_not_derived_from_the_cvv() {
        String fingerprint = fingerprints.of(request());
        Map<String, Object> metadata = Map.of("order_id", "5023");

        List<CardData> otherCvvs = List.of(new CardData("4111111111111111", "124", 12, 2030),
                new CardData("4111111111111111", null, 12, 2030));

        assertThat(otherCvvs).allSatisfy(card -> assertThat(fingerprints.matches(fingerprint,
                        command(card, 1050, "GBP", "ORD-5023", "Two books", metadata))).isTrue());
    }

    @Test
    void cannot_be_fooled_by_moving_text_from_one_field_to_the_next() {
        String fingerprint = fingerprints.of(command(CARD, 1050, "GBP", "ORD-50", "23Two books", Map.of()));

        assertThat(fingerprints.matches(fingerprint, command(CARD, 1050, "GBP", "ORD-5023", "Two books", Map.of())))
                .isFalse();
    }

    @Test
    void ignores_the_order_of_metadata_keys() {
        Map<String, Object> oneOrder = new LinkedHashMap<>();
        oneOrder.put("a", 1);
        oneOrder.put("b", Map.of("x", List.of(true, "y")));
        Map<String, Object> otherOrder = new LinkedHashMap<>();
        otherOrder.put("b", Map.of("x", List.of(true, "y")));
        otherOrder.put("a", 1);

        String fingerprint = fingerprints.of(command(CARD, 1050, "GBP", null, null, oneOrder));

        assertThat(fingerprints.matches(fingerprint, command(CARD, 1050, "GBP", null, null, otherOrder))).isTrue();
    }

    @Test
    void still_checks_fingerprints_made_before_a_key_rotation() {
        String before = fingerprints.of(request());
        RequestFingerprints rotated = RequestFingerprints.derivedFrom(KEYS, "k2");

        assertThat(rotated.of(request())).startsWith("k2:").isNotEqualTo(before);
        assertThat(rotated.matches(before, request())).isTrue();
        assertThat(RequestFingerprints.derivedFrom(Map.of("k2", KEYS.get("k2")), "k2").matches(before, request()))
                .as("the key it was made with is no longer configured").isFalse();
    }

    @Test
    void depends_on_the_secret_key_not_only_on_the_request() {
        Map<String, byte[]> otherSecret = Map.of("k1", "another-card-key-of-32-bytes-xyz".getBytes(StandardCharsets.US_ASCII));

        assertThat(RequestFingerprints.derivedFrom(otherSecret, "k1").of(request()))
                .isNotEqualTo(fingerprints.of(request()));
    }
}
