package io.paygate.acquirer.piggybank.adapter.out.bank;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Piggy Bank's {@code 400} answer to a request it finds malformed. */
record PiggyBankError(@JsonProperty("error_message") String errorMessage) {
}
