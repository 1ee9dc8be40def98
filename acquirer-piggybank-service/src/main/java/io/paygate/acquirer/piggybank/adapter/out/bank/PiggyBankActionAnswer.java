package io.paygate.acquirer.piggybank.adapter.out.bank;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The Piggy Bank's {@code 200} answer to a capture, void or refund: a decline is an answer too, with an empty
 * reference and its reason.
 *
 * @param reference     the bank's reference of the money moved; empty when declined
 * @param declineReason why the bank declined, e.g. {@code amount_exceeds_authorized}; absent when approved
 */
record PiggyBankActionAnswer(
        @JsonProperty("approved") Boolean approved,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("reference") String reference,
        @JsonProperty("amount") Long amount,
        @JsonProperty("decline_reason") String declineReason) {
}
