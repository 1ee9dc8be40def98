package io.paygate.acquirer.piggybank.adapter.out.bank;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Piggy Bank's {@code 200} answer. */
record PiggyBankAnswer(
        @JsonProperty("authorized") Boolean authorized,
        @JsonProperty("authorization_code") String authorizationCode) {
}
