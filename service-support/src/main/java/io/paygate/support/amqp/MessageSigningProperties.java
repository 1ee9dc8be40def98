package io.paygate.support.amqp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code paygate.messages.signing}: the keys every PayGate message is signed and checked with.
 *
 * @param keys      {@code id:base64-32-bytes,...}: every key a producer may sign with
 * @param activeKey the key this service signs with; blank for the first of {@code keys}
 */
@ConfigurationProperties("paygate.messages.signing")
public record MessageSigningProperties(String keys, String activeKey) {
}
