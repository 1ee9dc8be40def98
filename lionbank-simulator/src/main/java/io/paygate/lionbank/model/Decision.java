package io.paygate.lionbank.model;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The host's answer to an authorisation: the response code (field 39) and, for a decision, the retrieval
 * reference number (field 37, 12 digits) and, for an approval, the authorisation code (field 38, 6 characters).
 */
public record Decision(ResponseCode responseCode, @Nullable String rrn, @Nullable String authCode) {

    private static final String AUTH_CODE_CHARACTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    // Unique within a run, and unlikely to repeat one of an earlier run.
    private static final AtomicLong RRNS = new AtomicLong(ThreadLocalRandom.current().nextLong(100_000_000_000L));

    /** A fresh answer for a code the rules gave: decisions get their reference numbers, anything else none. */
    public static Decision of(ResponseCode code) {
        if (!code.isDecision()) {
            return new Decision(code, null, null);
        }
        String rrn = "%012d".formatted(RRNS.incrementAndGet() % 1_000_000_000_000L);
        return new Decision(code, rrn, code == ResponseCode.APPROVED ? newAuthCode() : null);
    }

    public boolean approved() {
        return responseCode == ResponseCode.APPROVED;
    }

    private static String newAuthCode() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder code = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            code.append(AUTH_CODE_CHARACTERS.charAt(random.nextInt(AUTH_CODE_CHARACTERS.length())));
        }
        return code.toString();
    }
}
