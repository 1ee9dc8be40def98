package io.paygate.merchant.admin;

import io.paygate.merchant.Base32;
import io.paygate.merchant.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tokens that open the admin API, each under the name of who holds it, so that the audit log can say who called.
 * <ul>
 * <li>{@code PAYGATE_ADMIN_TOKENS}: {@code name:sha256-hex[,name2:sha256-hex...]}, only the SHA-256 of each token
 * ({@code ./paygate admin-token-hash} prints it). Tokens are random secrets, so a fast hash is enough: nobody can guess
 * one from its hash.</li>
 * <li>{@code PAYGATE_ADMIN_TOKEN}: one token in clear, named {@code local}, a convenience of the local run.</li>
 * </ul>
 * With neither, a random token named {@code local} is made at start and logged once, the only secret this service
 * ever logs, so that a local run is usable at once.
 */
@Component
public class AdminTokens {

    static final String LOCAL = "local";

    private static final Logger log = LoggerFactory.getLogger(AdminTokens.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private record Holder(String name, byte[] digest) {
    }

    private final List<Holder> holders = new ArrayList<>();

    public AdminTokens(@Value("${paygate.admin.tokens:}") String hashed, @Value("${paygate.admin.token:}") String plain) {
        for (String entry : hashed.split(",")) {
            if (!entry.isBlank()) {
                add(parse(entry.strip()));
            }
        }
        if (!plain.isBlank()) {
            add(new Holder(LOCAL, Sha256.digest(plain)));
        } else if (holders.isEmpty()) {
            String generated = Base32.random(40);
            log.warn("Neither PAYGATE_ADMIN_TOKENS nor PAYGATE_ADMIN_TOKEN is set, so this instance generated an "
                    + "admin token, valid until it stops: {} (use it as 'Authorization: Bearer <token>' on /merchants; "
                    + "set PAYGATE_ADMIN_TOKENS to choose the tokens)", generated);
            add(new Holder(LOCAL, Sha256.digest(generated)));
        }
    }

    /**
     * The name of the presented token's holder, or empty when it is no admin token. Every token's digest is compared,
     * in constant time, whichever matches: the time taken tells nothing about the tokens.
     */
    public Optional<String> holderOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] digest = Sha256.digest(presented);
        String holder = null;
        for (Holder candidate : holders) {
            if (MessageDigest.isEqual(candidate.digest(), digest)) {
                holder = candidate.name();
            }
        }
        return Optional.ofNullable(holder);
    }

    private static Holder parse(String entry) {
        int colon = entry.indexOf(':');
        // Without a colon the entry may be a bare hash or token: it is not named in the message.
        String name = colon < 0 ? "?" : entry.substring(0, colon);
        String hash = entry.substring(colon + 1);
        if (!NAME.matcher(name).matches() || !SHA256_HEX.matcher(hash).matches()) {
            throw new IllegalStateException("paygate.admin.tokens (PAYGATE_ADMIN_TOKENS) must be name:sha256-hex "
                    + "entries separated by commas, each name of [A-Za-z0-9._-]; the entry named '"
                    + (NAME.matcher(name).matches() ? name : "?") + "' is not");
        }
        return new Holder(name, HexFormat.of().parseHex(hash));
    }

    private void add(Holder holder) {
        if (holders.stream().anyMatch(known -> known.name().equals(holder.name()))) {
            throw new IllegalStateException("Two admin tokens are named '" + holder.name() + "' (PAYGATE_ADMIN_TOKENS, "
                    + "and 'local' for PAYGATE_ADMIN_TOKEN): each holder needs a name of its own");
        }
        holders.add(holder);
    }
}
