package io.paygate.piggybank.model;

/**
 * The Piggy Bank's deterministic rules, those of the Checkout.com challenge's simulator: the last digit of
 * the card number decides, so tests choose the outcome by choosing the card.
 */
public final class IssuerRules {

    private IssuerRules() {
    }

    /** For a complete request (see {@link AuthorizationRequest#problem()}). Odd last digit: approved; 2, 4, 6, 8: declined; 0: unavailable. */
    public static IssuerAnswer answer(AuthorizationRequest request) {
        String cardNumber = request.cardNumber();
        int lastDigit = cardNumber.charAt(cardNumber.length() - 1) - '0';
        if (lastDigit == 0) {
            return new IssuerUnavailable();
        }
        return lastDigit % 2 == 1 ? Authorization.approved() : Authorization.declined();
    }
}
