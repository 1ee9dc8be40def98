package io.paygate.payment.adapter.out.amqp;

import io.paygate.payment.application.Publication;
import io.paygate.support.amqp.ConfirmedPublisher.Outcome;

/** Translates what the broker did with a message into the application's terms. */
final class Publications {

    private Publications() {
    }

    static Publication of(Outcome outcome) {
        return switch (outcome) {
            case CONFIRMED -> Publication.CONFIRMED;
            case UNROUTABLE -> Publication.UNROUTABLE;
            case REJECTED -> Publication.REJECTED;
            case UNCONFIRMED -> Publication.UNCONFIRMED;
        };
    }
}
