package io.paygate.payment.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The acquirers a payment may go to, in the order of the merchant's routing, and which of them has its command now.
 * The payment starts at the first; it moves to the next only when the current one certainly did not authorise it.
 *
 * @param acquirers each acquirer once, in order
 * @param position  the index of the acquirer that has the command
 */
public record Route(List<AcquirerRouting> acquirers, int position) {

    public Route {
        acquirers = List.copyOf(acquirers);
        if (acquirers.isEmpty()) {
            throw new IllegalArgumentException("A route names at least one acquirer");
        }
        if (acquirers.stream().map(AcquirerRouting::acquirer).distinct().count() != acquirers.size()) {
            throw new IllegalArgumentException("A route names each acquirer once");
        }
        Objects.checkIndex(position, acquirers.size());
    }

    /** A route starting at the first acquirer. */
    public static Route of(List<AcquirerRouting> acquirers) {
        return new Route(acquirers, 0);
    }

    /** The acquirer that has the payment's command. */
    public AcquirerRouting current() {
        return acquirers.get(position);
    }

    /** The route moved on to the next acquirer; empty at the last. */
    public Optional<Route> next() {
        return position + 1 < acquirers.size() ? Optional.of(new Route(acquirers, position + 1)) : Optional.empty();
    }

    /** The acquirer of this route with this code, whether it has the command now, had it before, or may have it later. */
    public Optional<AcquirerRouting> find(String acquirer) {
        return acquirers.stream().filter(routing -> routing.acquirer().equals(acquirer)).findFirst();
    }
}
