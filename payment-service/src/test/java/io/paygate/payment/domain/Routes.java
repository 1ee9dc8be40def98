package io.paygate.payment.domain;

import java.util.List;

/** Routes for payments that tests make without the request path. */
public final class Routes {

    public static final AcquirerRouting PIGGY = new AcquirerRouting("piggybank", "piggy-1");
    public static final AcquirerRouting LION = new AcquirerRouting("lionbank", "LION-1");

    /** A merchant of the Piggy Bank alone. */
    public static final Route PIGGY_BANK = Route.of(List.of(PIGGY));

    /** The Piggy Bank first, the Lion Bank should the Piggy Bank never send a payment to its bank. */
    public static final Route PIGGY_THEN_LION = Route.of(List.of(PIGGY, LION));

    private Routes() {
    }
}
