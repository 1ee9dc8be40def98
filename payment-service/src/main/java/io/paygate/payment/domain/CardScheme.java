package io.paygate.payment.domain;

/** The card network, recognised from the first digits of the card number (its BIN). */
public enum CardScheme {
    VISA("Visa"),
    MASTERCARD("Mastercard"),
    AMEX("Amex"),
    DISCOVER("Discover"),
    UNKNOWN("Unknown");

    private final String label;

    CardScheme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CardScheme fromLabel(String label) {
        for (CardScheme scheme : values()) {
            if (scheme.label.equals(label)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("Unknown card scheme " + label);
    }

    /** The scheme of a card number; {@link #UNKNOWN} when no range matches or the text is not a card number. */
    public static CardScheme of(String number) {
        if (number == null || number.length() < 4 || !number.chars().allMatch(Character::isDigit)) {
            return UNKNOWN;
        }
        int two = Integer.parseInt(number.substring(0, 2));
        int three = Integer.parseInt(number.substring(0, 3));
        int four = Integer.parseInt(number.substring(0, 4));
        if (two == 34 || two == 37) {
            return AMEX;
        }
        if (number.charAt(0) == '4') {
            return VISA;
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return MASTERCARD;
        }
        if (four == 6011 || two == 65 || (three >= 644 && three <= 649)) {
            return DISCOVER;
        }
        return UNKNOWN;
    }

    /** How many digits this scheme's card security code has: four on the front of an Amex, three elsewhere. */
    public int cvvLength() {
        return this == AMEX ? 4 : 3;
    }
}
