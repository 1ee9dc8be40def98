package io.paygate.merchant.apikey;

import io.paygate.merchant.Base32;
import io.paygate.merchant.Sha256;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A merchant's secret API key in clear. It exists only while a key is issued (answered once) or looked up;
 * only its {@link #hash()} is stored, and {@link #toString()} shows the non-secret display prefix alone.
 * <p>
 * The shape is Checkout.com's ({@code sk_sbox_} or {@code sk_}, 26 base32 characters, one more of
 * {@code [a-z2-7*#$=]}), so Checkout.com's SDKs accept our keys. The ~135 random bits make brute force hopeless,
 * which is why a fast hash (SHA-256) is enough here, unlike for passwords.
 */
public final class ApiKey {

    public static final String SANDBOX_PREFIX = "sk_sbox_";

    private static final Pattern SHAPE = Pattern.compile("sk_(sbox_)?[a-z2-7]{26}[a-z2-7*#$=]");
    private static final String LAST_CHARACTER = Base32.ALPHABET + "*#$=";
    private static final int RANDOM_LENGTH = 27;
    /** Random characters the display prefix reveals: enough to tell keys apart, 115 bits stay secret. */
    private static final int REVEALED_LENGTH = 4;

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    public static ApiKey generateSandbox() {
        return new ApiKey(SANDBOX_PREFIX + Base32.random(RANDOM_LENGTH - 1) + Base32.random(1, LAST_CHARACTER));
    }

    /** The key, if {@code text} has the API-key shape; anything else can belong to no merchant. */
    public static Optional<ApiKey> parse(String text) {
        return text != null && SHAPE.matcher(text).matches() ? Optional.of(new ApiKey(text)) : Optional.empty();
    }

    /** The secret itself: only for the one answer that hands a new key to its merchant. */
    public String reveal() {
        return value;
    }

    /** Lower-case hex SHA-256 of the key's UTF-8 bytes: what the store keeps and indexes. */
    public String hash() {
        return HexFormat.of().formatHex(Sha256.digest(value));
    }

    /** E.g. {@code sk_sbox_abcd}: safe to store and show, so a merchant can tell its keys apart. */
    public String displayPrefix() {
        return value.substring(0, value.length() - RANDOM_LENGTH + REVEALED_LENGTH);
    }

    @Override
    public String toString() {
        return displayPrefix() + "...";
    }
}
