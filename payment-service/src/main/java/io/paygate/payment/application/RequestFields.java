package io.paygate.payment.application;

import io.paygate.payment.domain.Money;

import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks that fields shared by the API's requests (amounts, references, metadata, idempotency keys) get, in
 * Checkout.com's terms: each adds the field's error code to {@code errors} and returns {@code null} when the value is
 * invalid.
 */
final class RequestFields {

    static final int MAX_REFERENCE_LENGTH = 80;
    /** Checkout.com's rules for metadata: up to 20 fields, each a string, number or boolean of up to 255 characters. */
    static final int MAX_METADATA_FIELDS = 20;
    static final int MAX_METADATA_KEY_LENGTH = 100;
    static final int MAX_METADATA_VALUE_LENGTH = 255;

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private RequestFields() {
    }

    /** Reports a required field that is missing. */
    static <T> T required(ValidationError missing, Set<ValidationError> errors) {
        errors.add(missing);
        return null;
    }

    /** The value when it is a JSON string; {@code null} when absent; {@code invalid} for any other JSON type. */
    static String text(Object value, ValidationError invalid, Set<ValidationError> errors) {
        return switch (value) {
            case null -> null;
            case String text -> text;
            default -> {
                errors.add(invalid);
                yield null;
            }
        };
    }

    /** At most {@value #MAX_REFERENCE_LENGTH} characters of text. */
    static String validReference(Object given, Set<ValidationError> errors) {
        String reference = text(given, ValidationError.REFERENCE_INVALID, errors);
        if (codePoints(reference) > MAX_REFERENCE_LENGTH) {
            errors.add(ValidationError.REFERENCE_INVALID);
        }
        return reference;
    }

    /** Minor units, a JSON integer from 1 to {@link Money#MAX_AMOUNT}: a fraction or a quoted number is invalid. */
    static Long validAmount(String json, Set<ValidationError> errors) {
        if (!DIGITS.matcher(json).matches()) {
            errors.add(ValidationError.AMOUNT_INVALID);
            return null;
        }
        BigInteger amount = new BigInteger(json);
        if (amount.signum() <= 0 || amount.compareTo(BigInteger.valueOf(Money.MAX_AMOUNT)) > 0) {
            errors.add(ValidationError.AMOUNT_INVALID);
            return null;
        }
        return amount.longValueExact();
    }

    static IdempotencyKey validIdempotencyKey(List<String> given, Set<ValidationError> errors) {
        Set<String> keys = new LinkedHashSet<>(given);
        if (keys.isEmpty()) {
            return null;
        }
        String key = keys.iterator().next();
        if (keys.size() > 1 || !IdempotencyKey.isValid(key)) {
            errors.add(ValidationError.IDEMPOTENCY_KEY_INVALID);
            return null;
        }
        return new IdempotencyKey(key);
    }

    /** An object, flat: no object or array as a value, no null either, and nothing longer than its limit. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> validMetadata(Object metadata, Set<ValidationError> errors) {
        if (metadata == null) {
            return null;
        }
        if (!(metadata instanceof Map<?, ?> fields) || !validMetadataFields((Map<String, Object>) fields)) {
            errors.add(ValidationError.METADATA_INVALID);
            return null;
        }
        return (Map<String, Object>) fields;
    }

    private static boolean validMetadataFields(Map<String, Object> metadata) {
        return metadata.size() <= MAX_METADATA_FIELDS && metadata.entrySet().stream().allMatch(field ->
                !field.getKey().isEmpty() && codePoints(field.getKey()) <= MAX_METADATA_KEY_LENGTH
                        && switch (field.getValue()) {
                            case String text -> codePoints(text) <= MAX_METADATA_VALUE_LENGTH;
                            case Number number -> number.toString().length() <= MAX_METADATA_VALUE_LENGTH;
                            case Boolean ignored -> true;
                            case null, default -> false;
                        });
    }

    static int codePoints(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }
}
