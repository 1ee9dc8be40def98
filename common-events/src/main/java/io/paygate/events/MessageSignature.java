package io.paygate.events;

import io.paygate.events.keys.KeyedMac;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What makes a PayGate message authentic: an HMAC-SHA256, in the {@link MessageHeaders#SIGNATURE} header, over its
 * contract type and version, message id, content type and whole body. A consumer takes only messages whose signature
 * holds, so whoever can publish on the broker without the key can neither forge a result ("Authorized") nor alter a
 * command (its amount, its merchant, its reply address); such a message is dead-lettered unread.
 * <p>
 * A valid message sent again is accepted: every consumer already treats a repeat as the same message (results are
 * recorded only on a pending payment, the bank keys on the payment id), which also lets the broker redeliver and
 * dead-letter queues be replayed.
 * <p>
 * The keys are configured as {@code id:base64-32-bytes,...}; producers sign with the active one and name it, consumers
 * accept any configured one (see {@link KeyedMac} for rotation).
 */
public final class MessageSignature {

    private static final byte[] VERSION_LINE = "paygate-message-v1\n".getBytes(StandardCharsets.US_ASCII);

    private final KeyedMac mac;

    private MessageSignature(KeyedMac mac) {
        this.mac = mac;
    }

    /**
     * @param keySpec     {@code id1:base64key1,id2:base64key2}, each key 32 bytes
     * @param activeKeyId the key messages are signed with; blank for the first configured one
     */
    public static MessageSignature fromConfiguration(String keySpec, String activeKeyId) {
        return new MessageSignature(KeyedMac.fromConfiguration(keySpec, activeKeyId, "message signing"));
    }

    /** The value of the {@link MessageHeaders#SIGNATURE} header of a message made of these parts. */
    public String sign(Object type, Object version, String messageId, String contentType, byte[] body) {
        return mac.sign(canonical(type, version, messageId, contentType, body));
    }

    /** Whether a message made of these parts carries a signature that holds; false for an absent one. */
    public boolean verifies(String signature, Object type, Object version, String messageId, String contentType,
                            byte[] body) {
        return mac.verifies(signature, canonical(type, version, messageId, contentType, body));
    }

    /** Every part with its length first, so that no two different messages read the same. */
    private static byte[] canonical(Object type, Object version, String messageId, String contentType, byte[] body) {
        var text = new ByteArrayOutputStream(128 + body.length);
        text.writeBytes(VERSION_LINE);
        for (Object part : new Object[] {type, version, messageId, contentType}) {
            // An absent part and an empty one must not sign alike.
            byte[] value = part == null ? null : String.valueOf(part).getBytes(StandardCharsets.UTF_8);
            text.writeBytes((value == null ? "!" : value.length + ":").getBytes(StandardCharsets.US_ASCII));
            if (value != null) {
                text.writeBytes(value);
            }
            text.write('\n');
        }
        text.writeBytes((body.length + ":").getBytes(StandardCharsets.US_ASCII));
        text.writeBytes(body);
        return text.toByteArray();
    }
}
