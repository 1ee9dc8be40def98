package io.paygate.lionbank.model;

import java.time.YearMonth;

/**
 * The Lion Bank's deterministic rules, unlike the Piggy Bank's: the amount's last two digits choose most
 * outcomes, so tests pick one with any valid card. In this order:
 * <ol>
 *   <li>a PAN starting {@value #NEVER_ANSWERING_PREFIX} is never answered (see {@link #neverAnswers});</li>
 *   <li>a PAN failing the Luhn check: {@code 14} invalid card number;</li>
 *   <li>an expiry (field 14, {@code YYMM}, years 2000-2099) before the current month: {@code 54} expired card;</li>
 *   <li>an amount ending in 51: {@code 51} insufficient funds; in 54: {@code 54} expired card; in 91: {@code 91}
 *       issuer unavailable (not a decision: nothing is remembered, a retry is evaluated afresh);</li>
 *   <li>anything else: {@code 00} approved.</li>
 * </ol>
 */
public final class IssuerRules {

    /** Cards of this range reach an issuer that never answers: the request is read and ignored. */
    public static final String NEVER_ANSWERING_PREFIX = "4000000000009";

    private IssuerRules() {
    }

    public static boolean neverAnswers(String pan) {
        return pan.startsWith(NEVER_ANSWERING_PREFIX);
    }

    /** For a request whose PAN is not in the never-answering range. */
    public static ResponseCode decide(AuthorizationRequest request, YearMonth currentMonth) {
        if (!passesLuhn(request.pan())) {
            return ResponseCode.INVALID_CARD_NUMBER;
        }
        if (expiryMonth(request.expiry()).isBefore(currentMonth)) {
            return ResponseCode.EXPIRED_CARD;
        }
        return switch ((int) (request.amount() % 100)) {
            case 51 -> ResponseCode.INSUFFICIENT_FUNDS;
            case 54 -> ResponseCode.EXPIRED_CARD;
            case 91 -> ResponseCode.ISSUER_UNAVAILABLE;
            default -> ResponseCode.APPROVED;
        };
    }

    /** Whether field 14 is a month at all; a request whose expiry is not is a format error, not a decline. */
    public static boolean isExpiry(String yymm) {
        if (yymm.length() != 4 || !yymm.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int month = Integer.parseInt(yymm.substring(2));
        return month >= 1 && month <= 12;
    }

    static YearMonth expiryMonth(String yymm) {
        return YearMonth.of(2000 + Integer.parseInt(yymm.substring(0, 2)), Integer.parseInt(yymm.substring(2)));
    }

    static boolean passesLuhn(String pan) {
        int sum = 0;
        boolean doubled = false;
        for (int i = pan.length() - 1; i >= 0; i--) {
            int digit = pan.charAt(i) - '0';
            if (doubled) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
