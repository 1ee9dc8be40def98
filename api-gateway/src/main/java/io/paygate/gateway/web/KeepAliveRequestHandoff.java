package io.paygate.gateway.web;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Keeps reactor-netty 1.3.6 to 1.3.8 from leaving a keep-alive request unanswered (reactor/reactor-netty#4347 and
 * #4361, fixed in later releases that Maven Central does not serve here yet). A request that arrives before the
 * server has finished with the previous answer on its connection is queued; once served, nothing resumes reading
 * the connection, and the client waits until its own timeout. An answer completed off the event loop (the health
 * probes') followed at once by the next request is enough. With {@code lastFlushWhenNoRead} reactor-netty finishes
 * the previous answer first and hands the request over directly. Remove it with the reactor-netty upgrade.
 * <p>
 * reactor-netty reads the flag once, when it first serves a connection: hence before the server is created. The
 * admin listener shares it.
 */
@Component
class KeepAliveRequestHandoff implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    static final String LAST_FLUSH_WHEN_NO_READ = "reactor.netty.http.server.lastFlushWhenNoRead";

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        if (System.getProperty(LAST_FLUSH_WHEN_NO_READ) == null) {
            System.setProperty(LAST_FLUSH_WHEN_NO_READ, "true");
        }
    }
}
