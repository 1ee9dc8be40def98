package io.paygate.events.keys;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * AES-256-GCM under a ring of keys: seals with the active key and opens with whichever key sealed, so that data sealed
 * before a rotation still opens while its key stays configured. Each sealing is bound to a context (the associated
 * data, e.g. the payment id), so that a sealed value copied onto another record does not open.
 */
public final class SealingKeys {

    /**
     * What a sealing keeps: which key, the nonce and the ciphertext with its tag, each in base64.
     */
    public record Sealed(String keyId, String nonce, String ciphertext) {

        public Sealed {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(ciphertext, "ciphertext");
        }
    }

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys        32-byte keys by id (see {@link SecretKeys#parse})
     * @param activeKeyId the key new sealings use
     */
    public SealingKeys(Map<String, byte[]> keys, String activeKeyId) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("The active key '" + activeKeyId + "' is not among the configured keys");
        }
        Map<String, SecretKey> secretKeys = new LinkedHashMap<>();
        keys.forEach((id, key) -> secretKeys.put(id, new SecretKeySpec(key, "AES")));
        this.keys = Map.copyOf(secretKeys);
        this.activeKeyId = activeKeyId;
    }

    public Sealed seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), nonce, context).doFinal(plaintext);
            Base64.Encoder base64 = Base64.getEncoder();
            return new Sealed(activeKeyId, base64.encodeToString(nonce), base64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal with AES-GCM", e);
        }
    }

    /**
     * The plaintext sealed for this context.
     *
     * @throws IllegalArgumentException when its key is not configured, it was sealed for another context, or it was
     *                                  altered
     */
    public byte[] open(Sealed sealed, String context) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalArgumentException("Unknown key id '" + sealed.keyId() + "'");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return cipher(Cipher.DECRYPT_MODE, key, base64.decode(sealed.nonce()), context)
                    .doFinal(base64.decode(sealed.ciphertext()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Does not open for " + context, e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
