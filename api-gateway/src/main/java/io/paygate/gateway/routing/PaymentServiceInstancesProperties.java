package io.paygate.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.List;

/**
 * The payment-service instances the gateway balances requests over ({@code paygate.gateway.payment-service-urls}).
 *
 * @param paymentServiceUrls base URL of every instance; one URL may also be a name that DNS resolves to several
 *                           (Docker Compose replicas)
 */
@ConfigurationProperties("paygate.gateway")
public record PaymentServiceInstancesProperties(List<URI> paymentServiceUrls) {

    public PaymentServiceInstancesProperties {
        if (paymentServiceUrls == null || paymentServiceUrls.isEmpty()) {
            throw new IllegalArgumentException("paygate.gateway.payment-service-urls needs at least one URL");
        }
        paymentServiceUrls = List.copyOf(paymentServiceUrls);
    }
}
