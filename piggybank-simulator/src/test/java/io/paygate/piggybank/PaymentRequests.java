package io.paygate.piggybank;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Request bodies in the bank's wire format, written out so that tests pin the field names. */
public final class PaymentRequests {

    private PaymentRequests() {
    }

    public static String payment(String cardNumber) {
        return json(fields(cardNumber));
    }

    public static String paymentWithout(String field) {
        Map<String, String> fields = fields("2222405343248877");
        fields.remove(field);
        return json(fields);
    }

    private static Map<String, String> fields(String cardNumber) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("card_number", '"' + cardNumber + '"');
        fields.put("expiry_date", "\"04/2031\"");
        fields.put("currency", "\"GBP\"");
        fields.put("amount", "100");
        fields.put("cvv", "\"123\"");
        return fields;
    }

    private static String json(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> '"' + field.getKey() + "\":" + field.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
