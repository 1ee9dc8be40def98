package io.paygate.payment;

import io.paygate.events.Topology;
import io.paygate.events.card.CardCipher;
import io.paygate.events.card.CardData;
import io.paygate.payment.application.AuthorizationRequest;
import io.paygate.payment.domain.AcquirerRouting;
import io.paygate.payment.domain.Payment;
import io.paygate.payment.domain.Route;

import java.time.Duration;
import java.util.List;

/** Outbox commands for payments a test stores directly, without the request path. */
final class StoredCommands {

    /** A card the fake acquirer never answers. */
    static final String SILENT_CARD = "4000000000000010";

    private static final Duration DEFAULT_FINAL_DEADLINE = Duration.ofSeconds(60);

    private StoredCommands() {
    }

    /** The route of a payment of this merchant whose contract names the acquirer alone. */
    static Route route(String acquirer, String merchantId) {
        return Route.of(List.of(new AcquirerRouting(acquirer, "acq-" + merchantId)));
    }

    /**
     * The command to the acquirer that has the payment. Its expiry is the default final deadline's; the store does
     * not keep it, every send derives it again.
     */
    static AuthorizationRequest of(Payment payment, CardCipher cipher) {
        return new AuthorizationRequest(payment.id(), payment.merchantId(), payment.route().current(), payment.amount(),
                cipher.seal(new CardData(SILENT_CARD, "123", 12, 2030), payment.id().value()), payment.requestedOn(),
                Topology.resultRoutingKey("payment-service-gone"), payment.requestedOn().plus(DEFAULT_FINAL_DEADLINE));
    }
}
