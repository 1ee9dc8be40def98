package io.paygate.payment.adapter.amqp;

import io.paygate.events.Topology;

import java.security.SecureRandom;

/**
 * This process's address for authorisation results. Every request it publishes names this route as its reply-to, and
 * the process alone consumes what arrives under it, so the instance holding a waiting HTTP request is woken directly.
 *
 * @param instanceId random per process: a restarted process is a new instance
 */
public record ResultRoute(String instanceId) {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public static ResultRoute random() {
        StringBuilder id = new StringBuilder("payment-service-");
        for (int i = 0; i < 16; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return new ResultRoute(id.toString());
    }

    public String routingKey() {
        return Topology.resultRoutingKey(instanceId);
    }
}
