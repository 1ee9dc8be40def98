package io.paygate.lionbank.model;

/**
 * What names one authorisation at the issuer, and what a reversal quotes to find it: the terminal and card
 * acceptor (fields 41 and 42), the STAN (field 11) and the transmission date-time (field 7), as sent.
 */
public record TransactionKey(String terminalId, String merchantId, String stan, String transmittedAt) {
}
