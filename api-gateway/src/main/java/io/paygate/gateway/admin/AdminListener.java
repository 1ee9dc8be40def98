package io.paygate.gateway.admin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;

/**
 * The gateway's second HTTPS listener, for the admin API. It is built as Spring Boot builds the public one, from the
 * same {@code server.*} settings and customizers (TLS and its keystore, header size, idle timeout, the connection
 * deadlines), and serves the same application, so every edge filter applies to it too; only its port and address are
 * its own. {@link ListenerSeparation} decides which paths each listener serves.
 */
@Component
public class AdminListener implements SmartLifecycle {

    private final NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
    /** The application, looked up at start: its web filters include {@link ListenerSeparation}, which needs us. */
    private final ObjectProvider<HttpHandler> httpHandler;
    private WebServer server;
    private volatile int port = -1;

    @SuppressWarnings({"rawtypes", "unchecked"})
    AdminListener(AdminListenerSettings settings, ObjectProvider<HttpHandler> httpHandler,
                  ReactorResourceFactory resourceFactory, ObjectProvider<NettyServerCustomizer> serverCustomizers,
                  ObjectProvider<WebServerFactoryCustomizer<?>> factoryCustomizers) {
        this.httpHandler = httpHandler;
        factory.setResourceFactory(resourceFactory);
        factory.getServerCustomizers().addAll(serverCustomizers.orderedStream().toList());
        LambdaSafe.callbacks(WebServerFactoryCustomizer.class, factoryCustomizers.orderedStream().toList(), factory)
                .withLogger(AdminListener.class)
                .invoke(customizer -> customizer.customize(factory));
        factory.setPort(settings.port());
        factory.setAddress(settings.address());
    }

    /** The port the admin listener is bound to; -1 until it has started. */
    public int port() {
        return port;
    }

    /** Whether the request came in through the admin listener. */
    boolean received(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return local != null && local.getPort() == port;
    }

    @Override
    public void start() {
        server = factory.getWebServer(httpHandler.getObject());
        server.start();
        port = server.getPort();
    }

    @Override
    public void stop(Runnable callback) {
        server.shutDownGracefully(result -> {
            stop();
            callback.run();
        });
    }

    @Override
    public void stop() {
        server.stop();
        port = -1;
    }

    @Override
    public boolean isRunning() {
        return port != -1;
    }
}
