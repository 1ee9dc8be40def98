package io.paygate.payment.adapter.in.web;

/** The request did not come through the gateway with an authenticated merchant. */
class MerchantNotAuthenticatedException extends RuntimeException {

    MerchantNotAuthenticatedException() {
        super("No authenticated merchant on the request");
    }
}
