package io.paygate.merchant.admin;

import io.paygate.merchant.merchant.AcquirerContract;
import io.paygate.merchant.merchant.RoutingRule;
import io.paygate.merchant.merchant.SupportedAcquirers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingRequestTest {

    private static final SupportedAcquirers ACQUIRERS =
            new SupportedAcquirers(List.of("piggybank", "lionbank"), Map.of());
    private static final List<String> CONTRACT_CURRENCIES = List.of("GBP", "EUR", "USD");
    private static final String LION_EUR_VISA = """
            {"acquirer": "lionbank", "acquirer_merchant_id": "LION-7", "currencies": ["EUR"], "schemes": ["visa"]}""";

    @Test
    void accepts_no_routing_at_all() {
        assertThat(RoutingRequest.errorCodes(null, CONTRACT_CURRENCIES, ACQUIRERS)).isEmpty();
        assertThat(errorCodes("null")).isEmpty();
        assertThat(errorCodes("[]")).isEmpty();
        assertThat(RoutingRequest.rules(null)).isEmpty();
        assertThat(RoutingRequest.rules(json("null"))).isEmpty();
        assertThat(RoutingRequest.rules(json("[]"))).isEmpty();
    }

    @Test
    void accepts_valid_rules_and_keeps_their_order() {
        String routing = "[" + LION_EUR_VISA + """
                , {"acquirer": "piggybank", "acquirer_merchant_id": " piggy-usd ", "currencies": ["USD", "USD"]},
                  {"acquirer": "lionbank", "acquirer_merchant_id": "LION-8", "schemes": ["amex", "discover"]},
                  {"acquirer": "lionbank", "acquirer_merchant_id": "LION-9", "currencies": [], "schemes": null}]""";

        assertThat(errorCodes(routing)).isEmpty();
        assertThat(RoutingRequest.rules(json(routing))).containsExactly(
                new RoutingRule("lionbank", "LION-7", List.of("EUR"), List.of("visa")),
                new RoutingRule("piggybank", "piggy-usd", List.of("USD"), List.of()),
                new RoutingRule("lionbank", "LION-8", List.of(), List.of("amex", "discover")),
                new RoutingRule("lionbank", "LION-9", List.of(), List.of()));
    }

    @Test
    void accepts_schemes_in_any_case_and_stores_them_in_lower_case_each_once() {
        String routing = """
                [{"acquirer": "lionbank", "acquirer_merchant_id": "LION-7",
                  "schemes": ["VISA", "MasterCard", "aMeX", "Discover", "visa"]}]""";

        assertThat(errorCodes(routing)).isEmpty();
        assertThat(RoutingRequest.rules(json(routing)).getFirst().schemes())
                .containsExactly("visa", "mastercard", "amex", "discover");
    }

    @Test
    void lists_every_error_at_once_each_once_in_a_fixed_order() {
        String routing = """
                [{"acquirer": "moneybags", "acquirer_merchant_id": " ", "currencies": ["JPY"], "schemes": ["maestro"]},
                 {"acquirer": "moneybags", "currencies": ["XYZ"], "schemes": ["jcb"]},
                 {"acquirer_merchant_id": "%s", "currencies": ["eur"], "schemes": ["visa"]},
                 {"acquirer": " ", "acquirer_merchant_id": "%s"},
                 "lionbank"]""".formatted("p".repeat(101), "q".repeat(101));

        assertThat(errorCodes(routing)).containsExactly(
                "routing_invalid",
                "routing_acquirer_required",
                "routing_acquirer_not_supported",
                "routing_acquirer_merchant_id_required",
                "routing_acquirer_merchant_id_too_long",
                "routing_currency_invalid",
                "routing_scheme_invalid");
    }

    @Test
    void requires_the_acquirer_and_its_merchant_id_of_every_rule() {
        assertThat(errorCodes("[{}]"))
                .containsExactly("routing_acquirer_required", "routing_acquirer_merchant_id_required");
        assertThat(errorCodes("[{\"acquirer\": null, \"acquirer_merchant_id\": \"\"}]"))
                .containsExactly("routing_acquirer_required", "routing_acquirer_merchant_id_required");
    }

    @Test
    void refuses_an_acquirer_without_an_adapter() {
        assertThat(errorCodes(rule("\"moneybags\"", "\"M-1\"", "[\"EUR\"]", "[\"visa\"]")))
                .containsExactly("routing_acquirer_not_supported");
        assertThat(RoutingRequest.errorCodes(json(rule("\"lionbank\"", "\"L-1\"", "[]", "[]")), CONTRACT_CURRENCIES,
                new SupportedAcquirers(List.of("piggybank"), Map.of())))
                .containsExactly("routing_acquirer_not_supported");
    }

    @Test
    void allows_acquirer_merchant_ids_up_to_100_characters() {
        assertThat(errorCodes(rule("\"piggybank\"", "\"" + "p".repeat(100) + "\"", "[]", "[]"))).isEmpty();
        assertThat(errorCodes(rule("\"piggybank\"", "\"" + "p".repeat(101) + "\"", "[]", "[]")))
                .containsExactly("routing_acquirer_merchant_id_too_long");
    }

    @Test
    void holds_a_rule_to_its_acquirers_own_merchant_id_length() {
        var lionBankTakesFifteen = new SupportedAcquirers(List.of("piggybank", "lionbank"), Map.of("lionbank", 15));

        assertThat(RoutingRequest.errorCodes(json(rule("\"lionbank\"", "\"" + "l".repeat(15) + "\"", "[]", "[]")),
                CONTRACT_CURRENCIES, lionBankTakesFifteen)).isEmpty();
        assertThat(RoutingRequest.errorCodes(json(rule("\"lionbank\"", "\"" + "l".repeat(16) + "\"", "[]", "[]")),
                CONTRACT_CURRENCIES, lionBankTakesFifteen)).containsExactly("routing_acquirer_merchant_id_too_long");
    }

    @Test
    void accepts_only_iso_4217_codes_among_the_contracts_own_currencies() {
        assertThat(errorCodes(withCurrencies("[\"GBP\", \"EUR\", \"USD\"]"))).isEmpty();
        assertThat(errorCodes(withCurrencies("[\"JPY\"]"))).as("not the contract's")
                .containsExactly("routing_currency_invalid");
        assertThat(errorCodes(withCurrencies("[\"XYZ\"]"))).containsExactly("routing_currency_invalid");
        assertThat(errorCodes(withCurrencies("[\"eur\"]"))).containsExactly("routing_currency_invalid");
        assertThat(errorCodes(withCurrencies("[\"EUR\", null]"))).containsExactly("routing_currency_invalid");
        assertThat(errorCodes(withCurrencies("[978]"))).containsExactly("routing_currency_invalid");
        assertThat(RoutingRequest.errorCodes(json(withCurrencies("[\"EUR\"]")), null, ACQUIRERS))
                .as("a contract without currencies allows none").containsExactly("routing_currency_invalid");
    }

    @Test
    void accepts_only_the_four_card_schemes() {
        for (String scheme : new String[] {"visa", "mastercard", "amex", "discover", "VISA", "Amex"}) {
            assertThat(errorCodes(withSchemes("[\"" + scheme + "\"]"))).as(scheme).isEmpty();
        }
        for (String scheme : new String[] {"\"maestro\"", "\"jcb\"", "\" visa\"", "\"\"", "null", "4"}) {
            assertThat(errorCodes(withSchemes("[" + scheme + "]"))).as(scheme)
                    .containsExactly("routing_scheme_invalid");
        }
    }

    @Test
    void refuses_a_routing_that_is_not_an_array_of_objects() {
        for (String routing : new String[] {"{}", "\"lionbank\"", "3", "true", "[\"lionbank\"]", "[null]", "[[]]",
                "[" + LION_EUR_VISA + ", 7]"}) {
            assertThat(errorCodes(routing)).as(routing).containsExactly("routing_invalid");
        }
    }

    @Test
    void refuses_rule_fields_of_the_wrong_type_or_unknown() {
        assertThat(errorCodes(rule("7", "\"L-1\"", "[]", "[]"))).containsExactly("routing_invalid");
        assertThat(errorCodes(rule("\"lionbank\"", "{}", "[]", "[]"))).containsExactly("routing_invalid");
        assertThat(errorCodes(rule("\"lionbank\"", "\"L-1\"", "\"EUR\"", "[]"))).containsExactly("routing_invalid");
        assertThat(errorCodes(rule("\"lionbank\"", "\"L-1\"", "[]", "\"visa\""))).containsExactly("routing_invalid");
        assertThat(errorCodes("""
                [{"acquirer": "lionbank", "acquirer_merchant_id": "L-1", "currency": ["EUR"]}]"""))
                .as("a misspelt field would make the rule match every currency").containsExactly("routing_invalid");
    }

    @Test
    void allows_at_most_20_rules() {
        assertThat(errorCodes(rules(20))).isEmpty();
        assertThat(errorCodes(rules(21))).containsExactly("routing_invalid");
    }

    @Test
    void adds_the_routing_errors_after_the_contracts_own() {
        ContractRequest request = new ContractRequest("moneybags", "piggy-1", List.of("GBP"), null,
                json("[{\"acquirer\": \"lionbank\", \"acquirer_merchant_id\": \"L-1\", \"currencies\": [\"EUR\"]}]"));

        assertThat(request.errorCodes(ACQUIRERS)).containsExactly("acquirer_not_supported", "routing_currency_invalid");
    }

    @Test
    void makes_a_contract_with_the_routing_rules() {
        ContractRequest request = new ContractRequest("piggybank", "piggy-1", List.of("GBP", "EUR"), null,
                json("[" + LION_EUR_VISA + "]"));

        assertThat(request.errorCodes(ACQUIRERS)).isEmpty();
        assertThat(request.contract()).isEqualTo(new AcquirerContract("piggybank", "piggy-1", List.of("GBP", "EUR"),
                null, List.of(new RoutingRule("lionbank", "LION-7", List.of("EUR"), List.of("visa")))));
        assertThat(new ContractRequest("piggybank", "piggy-1", List.of("GBP"), null, null).contract().routing())
                .isEmpty();
    }

    private static List<String> errorCodes(String routing) {
        return RoutingRequest.errorCodes(json(routing), CONTRACT_CURRENCIES, ACQUIRERS);
    }

    private static String withCurrencies(String currencies) {
        return rule("\"lionbank\"", "\"LION-7\"", currencies, "[]");
    }

    private static String withSchemes(String schemes) {
        return rule("\"lionbank\"", "\"LION-7\"", "[]", schemes);
    }

    private static String rule(String acquirer, String acquirerMerchantId, String currencies, String schemes) {
        return """
                [{"acquirer": %s, "acquirer_merchant_id": %s, "currencies": %s, "schemes": %s}]"""
                .formatted(acquirer, acquirerMerchantId, currencies, schemes);
    }

    private static String rules(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"acquirer\": \"lionbank\", \"acquirer_merchant_id\": \"LION-" + i + "\"}")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }
}
