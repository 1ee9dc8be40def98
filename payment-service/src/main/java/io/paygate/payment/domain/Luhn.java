package io.paygate.payment.domain;

/** The Luhn (mod 10) check digit that every payment card number carries. */
public final class Luhn {

    private Luhn() {
    }

    /** Whether a string of digits passes the Luhn check; false for anything that is not only digits. */
    public static boolean isValid(String digits) {
        if (digits == null || digits.isEmpty()) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int digit = c - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
