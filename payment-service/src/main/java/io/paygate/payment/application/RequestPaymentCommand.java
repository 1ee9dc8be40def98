package io.paygate.payment.application;

import io.paygate.events.card.CardData;
import io.paygate.events.merchant.MerchantContract;
import io.paygate.payment.application.PaymentInput.CardInput;
import io.paygate.payment.domain.CapturePlan;
import io.paygate.payment.domain.CardScheme;
import io.paygate.payment.domain.CardSummary;
import io.paygate.payment.domain.Luhn;
import io.paygate.payment.domain.Money;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static io.paygate.payment.application.RequestFields.codePoints;
import static io.paygate.payment.application.RequestFields.required;
import static io.paygate.payment.application.RequestFields.text;
import static io.paygate.payment.application.RequestFields.validAmount;
import static io.paygate.payment.application.RequestFields.validIdempotencyKey;
import static io.paygate.payment.application.RequestFields.validMetadata;
import static io.paygate.payment.application.RequestFields.validReference;

/**
 * A merchant's valid request to take a card payment. It cannot exist invalid: {@link #from} checks every field of
 * the input and reports all failures at once in a {@link RequestInvalidException}.
 *
 * @param card           the clear card data, held in memory only until it is sealed for the acquirer
 * @param capture        whether, and when, the gateway captures the payment once approved
 * @param idempotencyKey the key the merchant may retry this request under; {@code null} when it sent none
 */
public record RequestPaymentCommand(
        MerchantContract merchant,
        CardData card,
        Money amount,
        String reference,
        String description,
        Map<String, Object> metadata,
        CapturePlan capture,
        IdempotencyKey idempotencyKey) {

    static final int MAX_DESCRIPTION_LENGTH = 100;

    private static final String CARD_SOURCE = "card";
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern CARD_NUMBER =
            Pattern.compile("[0-9]{" + CardSummary.MIN_DIGITS + "," + CardSummary.MAX_DIGITS + "}");
    private static final Pattern MONTH = Pattern.compile("[0-9]{1,2}");
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");

    public RequestPaymentCommand {
        Objects.requireNonNull(merchant, "merchant");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(capture, "capture");
        if (!merchant.currencies().contains(amount.currency())) {
            throw new IllegalArgumentException("The merchant's contract does not allow " + amount.currency());
        }
        metadata = metadata == null ? Map.of() : metadata;
    }

    /**
     * Validates a request against the Checkout.com rules and the merchant's contract.
     *
     * @param currentMonth this month in UTC: a card expiring this month is still valid
     * @throws RequestInvalidException listing every invalid field
     */
    public static RequestPaymentCommand from(PaymentInput input, MerchantContract merchant, YearMonth currentMonth) {
        Set<ValidationError> errors = EnumSet.noneOf(ValidationError.class);
        CardData card = validSource(input.source(), currentMonth, errors);
        Long amount = input.amount() == null ? required(ValidationError.AMOUNT_REQUIRED, errors)
                : validAmount(input.amount(), errors);
        String currency = validCurrency(input.currency(), merchant, errors);
        String reference = validReference(input.reference(), errors);
        String description = text(input.description(), ValidationError.DESCRIPTION_INVALID, errors);
        if (codePoints(description) > MAX_DESCRIPTION_LENGTH) {
            errors.add(ValidationError.DESCRIPTION_INVALID);
        }
        Map<String, Object> metadata = validMetadata(input.metadata(), errors);
        IdempotencyKey idempotencyKey = validIdempotencyKey(input.idempotencyKeys(), errors);
        CapturePlan capture = validCapture(input.capture(), input.captureOn(), errors);
        if (!errors.isEmpty()) {
            throw new RequestInvalidException(errors);
        }
        return new RequestPaymentCommand(merchant, card, new Money(amount, currency), reference, description,
                metadata, capture, idempotencyKey);
    }

    /**
     * Captured at once unless {@code capture} is {@code false}; at {@code capture_on} when given, which implies
     * {@code capture: true} and contradicts {@code false}.
     */
    private static CapturePlan validCapture(Object capture, Object captureOn, Set<ValidationError> errors) {
        if (capture != null && !(capture instanceof Boolean)) {
            errors.add(ValidationError.CAPTURE_INVALID);
            return null;
        }
        if (captureOn == null) {
            return Boolean.FALSE.equals(capture) ? CapturePlan.MANUAL : CapturePlan.IMMEDIATE;
        }
        String on = text(captureOn, ValidationError.CAPTURE_ON_INVALID, errors);
        try {
            if (on != null && !Boolean.FALSE.equals(capture)) {
                return new CapturePlan(true, Instant.parse(on));
            }
        } catch (DateTimeParseException e) {
            // Reported below.
        }
        errors.add(ValidationError.CAPTURE_ON_INVALID);
        return null;
    }

    private static CardData validSource(Object source, YearMonth currentMonth, Set<ValidationError> errors) {
        return switch (source) {
            case null -> {
                errors.add(ValidationError.PAYMENT_SOURCE_REQUIRED);
                yield null;
            }
            case CardInput card -> validCard(card, currentMonth, errors);
            // A string, a number or an array is no kind of source this API takes.
            default -> {
                errors.add(ValidationError.SOURCE_TYPE_INVALID);
                yield null;
            }
        };
    }

    private static CardData validCard(CardInput source, YearMonth currentMonth, Set<ValidationError> errors) {
        int errorsBefore = errors.size();
        if (!CARD_SOURCE.equals(source.type())) {
            errors.add(ValidationError.SOURCE_TYPE_INVALID);
        }
        String number = text(source.number(), ValidationError.CARD_NUMBER_INVALID, errors);
        if (source.number() == null || number != null && number.isBlank()) {
            errors.add(ValidationError.CARD_NUMBER_REQUIRED);
        } else if (number != null && (!CARD_NUMBER.matcher(number).matches() || !Luhn.isValid(number))) {
            errors.add(ValidationError.CARD_NUMBER_INVALID);
        }
        Integer month = validNumber(source.expiryMonth(), MONTH,
                ValidationError.CARD_EXPIRY_MONTH_REQUIRED, ValidationError.CARD_EXPIRY_MONTH_INVALID, errors);
        if (month != null && (month < 1 || month > 12)) {
            errors.add(ValidationError.CARD_EXPIRY_MONTH_INVALID);
            month = null;
        }
        Integer year = validNumber(source.expiryYear(), YEAR,
                ValidationError.CARD_EXPIRY_YEAR_REQUIRED, ValidationError.CARD_EXPIRY_YEAR_INVALID, errors);
        if (month != null && year != null && YearMonth.of(year, month).isBefore(currentMonth)) {
            errors.add(ValidationError.CARD_EXPIRED);
        }
        String cvv = text(source.cvv(), ValidationError.CVV_INVALID, errors);
        if (cvv != null && (!DIGITS.matcher(cvv).matches() || cvv.length() != CardScheme.of(number).cvvLength())) {
            errors.add(ValidationError.CVV_INVALID);
        }
        return errors.size() == errorsBefore ? new CardData(number, cvv, month, year) : null;
    }

    private static Integer validNumber(String json, Pattern shape, ValidationError required, ValidationError invalid,
                                       Set<ValidationError> errors) {
        if (json == null) {
            errors.add(required);
            return null;
        }
        if (!shape.matcher(json).matches()) {
            errors.add(invalid);
            return null;
        }
        return Integer.valueOf(json);
    }

    private static String validCurrency(Object given, MerchantContract merchant, Set<ValidationError> errors) {
        String currency = text(given, ValidationError.CURRENCY_INVALID, errors);
        if (given == null || currency != null && currency.isBlank()) {
            errors.add(ValidationError.CURRENCY_REQUIRED);
        } else if (currency != null && !Money.isIsoCurrency(currency)) {
            errors.add(ValidationError.CURRENCY_INVALID);
        } else if (currency != null && !merchant.currencies().contains(currency)) {
            errors.add(ValidationError.CURRENCY_NOT_SUPPORTED);
        }
        return currency;
    }
}
