package io.paygate.piggybank.model;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The issuer's decision, the 200 body of {@code POST /payments}. A decline carries an empty code, as the challenge's
 * simulator does.
 *
 * @param declineReason why the bank declined on its own account rather than by the issuer's rules; absent otherwise,
 *                      so the challenge's shapes stay as they are
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Authorization(boolean authorized, String authorizationCode, @Nullable String declineReason)
        implements IssuerAnswer {

    /** The key was reversed before its authorisation arrived: approving it now would never be undone. */
    public static final String REVERSED_BEFORE_AUTHORIZATION = "reversed_before_authorization";

    public static Authorization approved() {
        return new Authorization(true, UUID.randomUUID().toString(), null);
    }

    public static Authorization declined() {
        return new Authorization(false, "", null);
    }

    public static Authorization refusedAfterReversal() {
        return new Authorization(false, "", REVERSED_BEFORE_AUTHORIZATION);
    }
}
