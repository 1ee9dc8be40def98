package io.paygate.gateway.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.InetAddress;

/**
 * Where the admin API listens ({@code paygate.gateway.admin.*}): a port and address of its own, so that it can be
 * kept off the network that merchants reach.
 *
 * @param port    the admin listener's port; 0 picks a free one
 * @param address the address it binds; loopback unless set
 */
@ConfigurationProperties("paygate.gateway.admin")
public record AdminListenerSettings(@DefaultValue("8444") int port,
                                    @DefaultValue("127.0.0.1") InetAddress address) {
}
