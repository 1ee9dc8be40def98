package io.paygate.acquirer.piggybank.adapter.out.bank;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.paygate.acquirer.support.domain.CardAuthorization;

/** Body of the Piggy Bank's {@code POST /payments}. Built per request and never logged: it holds the clear card. */
record PiggyBankPayment(
        @JsonProperty("card_number") String cardNumber,
        @JsonProperty("expiry_date") String expiryDate,
        @JsonProperty("currency") String currency,
        @JsonProperty("amount") long amount,
        @JsonProperty("cvv") String cvv) {

    static PiggyBankPayment of(CardAuthorization authorization) {
        var card = authorization.card();
        return new PiggyBankPayment(card.number(),
                "%02d/%04d".formatted(card.expiryMonth(), card.expiryYear()),
                authorization.currency(), authorization.amount(), card.cvv());
    }

    @Override
    public String toString() {
        return "PiggyBankPayment[card=****" + cardNumber.substring(Math.max(0, cardNumber.length() - 4))
                + ", currency=" + currency + ", amount=" + amount + "]";
    }
}
