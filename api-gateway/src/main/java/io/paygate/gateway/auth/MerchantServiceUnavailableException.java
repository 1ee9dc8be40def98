package io.paygate.gateway.auth;

/** merchant-service could not answer an API-key look-up, so the gateway cannot tell whether the key is valid. */
public class MerchantServiceUnavailableException extends RuntimeException {

    MerchantServiceUnavailableException(String message) {
        super(message);
    }

    MerchantServiceUnavailableException(Throwable cause) {
        super("merchant-service look-up failed: " + cause, cause);
    }
}
