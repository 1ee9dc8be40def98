package io.paygate.acquirer.piggybank.adapter.out.bank;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Piggy Bank's {@code 200} answer to {@code POST /payments/{key}/reversals}. */
record PiggyBankReversal(@JsonProperty("reversed") Boolean reversed) {
}
