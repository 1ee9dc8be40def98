package io.paygate.merchant.admin;

import io.paygate.merchant.merchant.RoutingRule;
import io.paygate.merchant.merchant.SupportedAcquirers;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code routing} array of a contract request, read from the JSON tree rather than bound to types, so that a
 * wrong shape is one more error code among the others instead of a malformed request.
 */
final class RoutingRequest {

    static final int MAX_RULES = 20;
    static final List<String> SCHEMES = List.of("visa", "mastercard", "amex", "discover");

    static final String ACQUIRER = "acquirer";
    static final String ACQUIRER_MERCHANT_ID = "acquirer_merchant_id";
    static final String CURRENCIES = "currencies";
    static final String SCHEMES_FIELD = "schemes";
    /**
     * A rule's fields. Any other field is refused: a misspelt {@code currency} ignored would leave a rule matching
     * every currency.
     */
    private static final Set<String> RULE_FIELDS = Set.of(ACQUIRER, ACQUIRER_MERCHANT_ID, CURRENCIES, SCHEMES_FIELD);

    /** The routing's error codes, in the order the answer lists them. */
    enum Error {
        ROUTING_INVALID,
        ROUTING_ACQUIRER_REQUIRED,
        ROUTING_ACQUIRER_NOT_SUPPORTED,
        ROUTING_ACQUIRER_MERCHANT_ID_REQUIRED,
        ROUTING_ACQUIRER_MERCHANT_ID_TOO_LONG,
        ROUTING_CURRENCY_INVALID,
        ROUTING_SCHEME_INVALID;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private RoutingRequest() {
    }

    /**
     * Every problem of the routing at once, each code once; empty when it is valid or absent.
     *
     * @param contractCurrencies the contract's own currencies, as requested: a rule may name only these
     */
    static List<String> errorCodes(JsonNode routing, List<String> contractCurrencies, SupportedAcquirers acquirers) {
        if (isAbsent(routing)) {
            return List.of();
        }
        if (!routing.isArray()) {
            return List.of(Error.ROUTING_INVALID.code());
        }
        Set<Error> errors = EnumSet.noneOf(Error.class);
        if (routing.size() > MAX_RULES) {
            errors.add(Error.ROUTING_INVALID);
        }
        List<String> allowedCurrencies = contractCurrencies == null ? List.of() : contractCurrencies;
        for (JsonNode rule : routing.values()) {
            if (!rule.isObject()) {
                errors.add(Error.ROUTING_INVALID);
                continue;
            }
            if (!RULE_FIELDS.containsAll(rule.propertyNames())) {
                errors.add(Error.ROUTING_INVALID);
            }
            checkAcquirer(rule.get(ACQUIRER), acquirers, errors);
            checkAcquirerMerchantId(rule.get(ACQUIRER_MERCHANT_ID), rule.get(ACQUIRER), acquirers, errors);
            checkEach(rule.get(CURRENCIES), errors, Error.ROUTING_CURRENCY_INVALID,
                    code -> ContractRequest.isCurrency(code) && allowedCurrencies.contains(code));
            checkEach(rule.get(SCHEMES_FIELD), errors, Error.ROUTING_SCHEME_INVALID,
                    scheme -> SCHEMES.contains(scheme.toLowerCase(Locale.ROOT)));
        }
        return errors.stream().map(Error::code).toList();
    }

    /**
     * The rules of a valid routing, in order: each acquirer merchant id trimmed, each currency once, each scheme
     * once and in lower case; none when the routing is absent.
     */
    static List<RoutingRule> rules(JsonNode routing) {
        if (isAbsent(routing)) {
            return List.of();
        }
        List<RoutingRule> rules = new ArrayList<>(routing.size());
        for (JsonNode rule : routing.values()) {
            rules.add(new RoutingRule(rule.get(ACQUIRER).stringValue(),
                    rule.get(ACQUIRER_MERCHANT_ID).stringValue().strip(),
                    strings(rule.get(CURRENCIES)).stream().distinct().toList(),
                    strings(rule.get(SCHEMES_FIELD)).stream().map(scheme -> scheme.toLowerCase(Locale.ROOT))
                            .distinct().toList()));
        }
        return rules;
    }

    private static void checkAcquirer(JsonNode acquirer, SupportedAcquirers acquirers, Set<Error> errors) {
        if (isAbsent(acquirer)) {
            errors.add(Error.ROUTING_ACQUIRER_REQUIRED);
        } else if (!acquirer.isString()) {
            errors.add(Error.ROUTING_INVALID);
        } else if (acquirer.stringValue().isBlank()) {
            errors.add(Error.ROUTING_ACQUIRER_REQUIRED);
        } else if (!acquirers.includes(acquirer.stringValue())) {
            errors.add(Error.ROUTING_ACQUIRER_NOT_SUPPORTED);
        }
    }

    private static void checkAcquirerMerchantId(JsonNode id, JsonNode acquirer, SupportedAcquirers acquirers,
                                                Set<Error> errors) {
        if (isAbsent(id)) {
            errors.add(Error.ROUTING_ACQUIRER_MERCHANT_ID_REQUIRED);
        } else if (!id.isString()) {
            errors.add(Error.ROUTING_INVALID);
        } else if (id.stringValue().isBlank()) {
            errors.add(Error.ROUTING_ACQUIRER_MERCHANT_ID_REQUIRED);
        } else if (id.stringValue().strip().length() > acquirers.maxMerchantIdLength(
                acquirer != null && acquirer.isString() ? acquirer.stringValue() : null)) {
            errors.add(Error.ROUTING_ACQUIRER_MERCHANT_ID_TOO_LONG);
        }
    }

    /** An absent list matches anything; present, it must be an array of strings each of which passes. */
    private static void checkEach(JsonNode list, Set<Error> errors, Error invalidElement,
                                  Predicate<String> valid) {
        if (isAbsent(list)) {
            return;
        }
        if (!list.isArray()) {
            errors.add(Error.ROUTING_INVALID);
            return;
        }
        for (JsonNode element : list.values()) {
            if (!element.isString() || !valid.test(element.stringValue())) {
                errors.add(invalidElement);
            }
        }
    }

    private static List<String> strings(JsonNode list) {
        return isAbsent(list) ? List.of() : list.values().stream().map(JsonNode::stringValue).toList();
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
