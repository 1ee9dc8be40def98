package io.paygate.payment;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Names that keep one test class apart from every other test JVM using the same RabbitMQ and MongoDB: its own
 * acquirer code (so only its fake acquirer receives its commands), results queues, database and card key. Every
 * action results queue gets a copy of every action result; one whose payment is in another database is ignored; every
 * events queue gets a copy of every test's payment events.
 */
final class TestIsolation {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    final String acquirer = "test-" + random(10);
    final String database = "paygate-payments-test-" + random(10);
    final String resultsQueue = "payment-service.test-results." + random(10);
    final String actionResultsQueue = "payment-service.test-action-results." + random(10);
    final String eventsQueue = "payment-service.test-events." + random(10);
    final String cardKeys;
    final String cardKeyId = "test";

    TestIsolation() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        cardKeys = cardKeyId + ":" + Base64.getEncoder().encodeToString(key);
    }

    static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return text.toString();
    }

    static String merchantId() {
        return "mer_" + random(26);
    }
}
