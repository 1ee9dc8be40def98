package io.paygate.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How many failed authentications a client address may have ({@code paygate.gateway.failed-authentications.*}).
 *
 * @param limit   failures allowed within {@code period}, all at once or spread out
 * @param period  the period over which they are earned back, at an even pace
 * @param clients how many client addresses are remembered at most
 */
@ConfigurationProperties("paygate.gateway.failed-authentications")
public record FailedAuthenticationSettings(@DefaultValue("20") int limit, @DefaultValue("1m") Duration period,
                                           @DefaultValue("100000") int clients) {
}
