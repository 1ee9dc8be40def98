package io.paygate.merchant.admin;

import io.paygate.merchant.Base32;
import io.paygate.merchant.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;

/**
 * The secret that opens the admin API: {@code PAYGATE_ADMIN_TOKEN}, or, when that is unset, a random token made
 * at start and logged once, the only secret this service ever logs, so that a local run is usable at once.
 */
@Component
public class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    /** Only the digest is kept: comparing digests takes the same time whatever the length of the guess. */
    private final byte[] digest;

    public AdminToken(@Value("${paygate.admin.token:}") String configured) {
        String token = configured;
        if (token.isBlank()) {
            token = Base32.random(40);
            log.warn("PAYGATE_ADMIN_TOKEN is not set, so this instance generated an admin token, "
                    + "valid until it stops: {} (use it as 'Authorization: Bearer <token>' on /merchants; "
                    + "set PAYGATE_ADMIN_TOKEN to choose one)", token);
        }
        this.digest = Sha256.digest(token);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, Sha256.digest(presented));
    }
}
