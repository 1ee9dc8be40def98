package io.paygate.acquirer.piggybank.adapter.out.bank;

/**
 * One attempt got no answer from the bank: it failed (5xx) or asked to be called later (429), or did not connect or
 * answer in time.
 * The bank may or may not have acted on the request, which is why every attempt carries the same idempotency key.
 */
class BankUnreachableException extends RuntimeException {

    BankUnreachableException(String message) {
        super(message);
    }

    BankUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
