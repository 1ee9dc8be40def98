package io.paygate.gateway.routing;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The load balancer's view of payment-service: the configured addresses, health-checked. Deliberately not a
 * {@code @Configuration}: Spring Cloud LoadBalancer builds it in the child context of the {@code payment-service}
 * client only.
 */
class PaymentServiceInstances {

    static final String SERVICE_ID = "payment-service";

    @Bean
    ServiceInstanceListSupplier paymentServiceInstanceListSupplier(ConfigurableApplicationContext context,
                                                                   PaymentServiceInstancesProperties properties) {
        List<URI> urls = properties.paymentServiceUrls();
        ServiceInstance[] instances = IntStream.range(0, urls.size())
                .mapToObj(index -> instance(index, urls.get(index)))
                .toArray(ServiceInstance[]::new);
        return ServiceInstanceListSupplier.builder()
                .withBase(ServiceInstanceListSuppliers.from(SERVICE_ID, instances))
                .withHealthChecks()
                .build(context);
    }

    private static ServiceInstance instance(int index, URI url) {
        boolean secure = "https".equals(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : secure ? 443 : 80;
        return new DefaultServiceInstance(SERVICE_ID + "-" + (index + 1), SERVICE_ID, url.getHost(), port, secure);
    }
}
