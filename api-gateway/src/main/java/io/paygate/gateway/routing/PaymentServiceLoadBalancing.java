package io.paygate.gateway.routing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.annotation.Configuration;

/**
 * Routes {@code lb://payment-service} (the payment routes) round robin over the configured instances, each one
 * left out while its readiness check fails: a crashed instance stops getting requests within one check interval,
 * and one shutting down gracefully as soon as it reports that it no longer accepts traffic.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = PaymentServiceInstances.SERVICE_ID, configuration = PaymentServiceInstances.class)
class PaymentServiceLoadBalancing {
}
