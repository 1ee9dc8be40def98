package io.paygate.acquirer.piggybank.adapter.out.bank;

/**
 * The bank answered, but with neither a decision nor a failure: a status its API does not use, or a {@code 200}
 * without a usable decision. Asking again would get the same answer (the bank replays it for the idempotency key),
 * so it is not retried and says nothing about the bank being down. The command fails; once dead-lettered,
 * payment-service's deadline declines the payment and asks the bank for a reversal, which is right if the bank
 * did authorise it.
 */
class UnexpectedBankAnswerException extends RuntimeException {

    UnexpectedBankAnswerException(String message) {
        super(message);
    }

    UnexpectedBankAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
