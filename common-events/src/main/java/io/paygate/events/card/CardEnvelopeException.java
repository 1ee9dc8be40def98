package io.paygate.events.card;

/** An envelope that cannot be opened: unknown key, tampered, or sealed for another payment. */
public class CardEnvelopeException extends RuntimeException {

    public CardEnvelopeException(String message) {
        super(message);
    }

    public CardEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
