package io.paygate.systemtests;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for card data in clear the way a PCI DSS data-discovery scan does: a card number is a run of 13 to 19 digits,
 * not part of a longer run, that starts as card numbers do (2 to 6) and passes the Luhn check, which leaves out
 * timestamps in milliseconds (they start with 1) and nearly every other number; a CVV is 3 or 4 digits given as the
 * value of a field named like one.
 */
final class CardDataScanner {

    /** What was found where, the digits masked so that the report itself does not spread them. */
    record Finding(String where, String what) {
    }

    private static final Pattern CARD_NUMBER = Pattern.compile("(?<![0-9])[2-6][0-9]{12,18}(?![0-9])");
    private static final Pattern CVV = Pattern.compile(
            "(?i)(cvv|cvc|cv2|card_?verification)[\"']?\\s*[:=]\\s*[\"']?([0-9]{3,4})(?![0-9])");

    private CardDataScanner() {
    }

    static List<Finding> scan(String where, String text) {
        List<Finding> findings = new ArrayList<>();
        Matcher number = CARD_NUMBER.matcher(text);
        while (number.find()) {
            if (luhnValid(number.group())) {
                findings.add(new Finding(where, "card number " + mask(number.group())));
            }
        }
        Matcher cvv = CVV.matcher(text);
        while (cvv.find()) {
            findings.add(new Finding(where, "CVV in field '" + cvv.group(1) + "'"));
        }
        return findings;
    }

    private static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    private static String mask(String digits) {
        return digits.substring(0, 6) + "*".repeat(digits.length() - 10) + digits.substring(digits.length() - 4);
    }
}
