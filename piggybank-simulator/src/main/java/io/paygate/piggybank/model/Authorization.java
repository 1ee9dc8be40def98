package io.paygate.piggybank.model;

import java.util.UUID;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The issuer's decision, the 200 body of {@code POST /payments}. A decline carries an empty code, as the challenge's simulator does. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Authorization(boolean authorized, String authorizationCode) implements IssuerAnswer {

    public static Authorization approved() {
        return new Authorization(true, UUID.randomUUID().toString());
    }

    public static Authorization declined() {
        return new Authorization(false, "");
    }
}
