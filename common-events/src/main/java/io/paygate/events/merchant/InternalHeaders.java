package io.paygate.events.merchant;

import java.util.List;

/**
 * Headers with which the gateway tells payment-service who the authenticated merchant is.
 * The gateway removes any inbound header with {@link #PREFIX} before adding its own, so a caller cannot forge them.
 */
public final class InternalHeaders {

    public static final String PREFIX = "X-PayGate-";
    public static final String MERCHANT_ID = PREFIX + "Merchant-Id";
    public static final String ACQUIRER = PREFIX + "Acquirer";
    public static final String ACQUIRER_MERCHANT_ID = PREFIX + "Acquirer-Merchant-Id";
    /** Comma-separated ISO 4217 codes. */
    public static final String CURRENCIES = PREFIX + "Currencies";
    /** The merchant's routing rules, in {@link RoutingHeader}'s form; absent when it has none. */
    public static final String ROUTING = PREFIX + "Routing";

    /** The request id the gateway gave the call (Checkout.com's {@code Cko-Request-Id} towards the merchant). */
    public static final String REQUEST_ID = "X-Request-Id";

    public static final List<String> ALL = List.of(MERCHANT_ID, ACQUIRER, ACQUIRER_MERCHANT_ID, CURRENCIES, ROUTING);

    private InternalHeaders() {
    }
}
