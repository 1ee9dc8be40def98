package io.paygate.acquirer.support.application.port.out;

/**
 * One request got no answer from the bank: it failed or asked to be called later, or did not connect or answer in
 * time. The bank may or may not have acted on the request, which is why every attempt carries the same idempotency
 * key.
 */
public class BankUnreachableException extends RuntimeException {

    public BankUnreachableException(String message) {
        super(message);
    }

    public BankUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
