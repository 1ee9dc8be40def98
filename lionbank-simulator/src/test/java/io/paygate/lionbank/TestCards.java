package io.paygate.lionbank;

/** The cards the tests use, named for what the Lion Bank does with them. */
public final class TestCards {

    /** Luhn-valid, outside the never-answering range: the amount decides. */
    public static final String GOOD_CARD = "4111111111111111";
    public static final String ANOTHER_GOOD_CARD = "5555555555554444";
    /** Luhn-valid, in the never-answering range {@code 4000000000009...}. */
    public static final String NEVER_ANSWERED_CARD = "4000000000009995";
    /** Fails the Luhn check. */
    public static final String INVALID_CARD = "4111111111111112";
    public static final String FUTURE_EXPIRY = "4912";
    public static final String PAST_EXPIRY = "2001";

    private TestCards() {
    }
}
