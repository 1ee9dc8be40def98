package io.paygate.acquirer.lionbank.adapter.out.bank;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The STAN (field 11) and transmission date-time (field 7, {@code MMDDhhmmss}) that, with the terminal and merchant,
 * name a transaction at the Lion Bank. Both are derived from the payment id, not from a counter or the clock, so that
 * every retry, redelivered command and reversal of one payment is the same transaction to the issuer: a repeat is
 * answered as a duplicate, never approved twice. A completion (capture) or refund is a transaction of its own, named
 * the same way by its action id, so that it too is done once however often it is asked. A hash rather than an HMAC: the reference hides nothing, it only has
 * to spread payments over the 10^6 STANs times the ~2.9 * 10^7 date-times.
 */
record TransactionReference(String stan, String transmissionDateTime) {

    static TransactionReference of(String paymentId) {
        byte[] hash = sha256(paymentId);
        int stan = Math.floorMod(fourBytes(hash, 0), 999_999) + 1;
        int month = Math.floorMod(hash[4], 12) + 1;
        // Every month has a 28th: the date-time stays valid whatever the month.
        int day = Math.floorMod(hash[5], 28) + 1;
        int hour = Math.floorMod(hash[6], 24);
        int minute = Math.floorMod(hash[7], 60);
        int second = Math.floorMod(hash[8], 60);
        return new TransactionReference("%06d".formatted(stan),
                "%02d%02d%02d%02d%02d".formatted(month, day, hour, minute, second));
    }

    private static int fourBytes(byte[] hash, int from) {
        return (hash[from] & 0xFF) << 24 | (hash[from + 1] & 0xFF) << 16 | (hash[from + 2] & 0xFF) << 8
                | hash[from + 3] & 0xFF;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
