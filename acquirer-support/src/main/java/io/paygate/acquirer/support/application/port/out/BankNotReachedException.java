package io.paygate.acquirer.support.application.port.out;

/**
 * One request certainly never reached the bank: the connection was refused, or none was open to send it on. Retried
 * like any {@link BankUnreachableException}; when no attempt of an authorisation reached the bank, the payment may
 * go to another acquirer.
 */
public class BankNotReachedException extends BankUnreachableException {

    public BankNotReachedException(String message) {
        super(message);
    }

    public BankNotReachedException(String message, Throwable cause) {
        super(message, cause);
    }
}
