package io.paygate.lionbank.iso;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.paygate.lionbank.LionbankProperties;
import io.paygate.lionbank.behaviour.FaultsChanged;
import io.paygate.lionbank.behaviour.SimulatedFaults;

/**
 * The ISO 8583 listener: one virtual thread reads each connection, one more answers each message. While the
 * {@code down} knob is on, the port is closed (connections are refused) and every open connection has been closed;
 * it reopens on the same port when the knob is turned off.
 */
@Component
public class IsoServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IsoServer.class);

    private final IssuerHost host;
    private final SimulatedFaults faults;
    private final @Nullable InetAddress address;
    private final Set<IsoConnection> connections = ConcurrentHashMap.newKeySet();
    private int port;
    private @Nullable ExecutorService threads;
    private @Nullable ServerSocket listener;

    IsoServer(IssuerHost host, SimulatedFaults faults, LionbankProperties properties) throws IOException {
        this.host = host;
        this.faults = faults;
        this.port = properties.iso().port();
        String address = properties.iso().address();
        this.address = address.isBlank() ? null : InetAddress.getByName(address);
    }

    /** The port the host listens on (or will listen on again, while down). */
    public synchronized int port() {
        return port;
    }

    @Override
    public synchronized void start() {
        threads = Executors.newVirtualThreadPerTaskExecutor();
        followDownSwitch();
    }

    @Override
    public synchronized void stop() {
        closeEverything();
        if (threads != null) {
            threads.shutdownNow();
            threads = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return threads != null;
    }

    @EventListener
    void onFaultsChanged(FaultsChanged ignored) {
        followDownSwitch();
    }

    /** Reads the switch itself rather than the event's copy, so that racing changes end in the latest state. */
    private synchronized void followDownSwitch() {
        if (threads == null) {
            return;
        }
        if (faults.current().down()) {
            closeEverything();
        } else if (listener == null) {
            listen();
        }
    }

    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
            port = socket.getLocalPort();
            listener = socket;
            ExecutorService workers = threads;
            workers.execute(() -> accept(socket, workers));
            log.info("Lion Bank ISO 8583 host listening on {}", socket.getLocalSocketAddress());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen for ISO 8583 on port " + port, e);
        }
    }

    private void accept(ServerSocket socket, ExecutorService workers) {
        while (!socket.isClosed()) {
            IsoConnection connection;
            try {
                connection = new IsoConnection(socket.accept());
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("Could not accept an ISO 8583 connection: {}", e.toString());
                }
                continue;
            }
            connections.add(connection);
            try {
                workers.execute(() -> {
                    connection.serve(host, workers);
                    connections.remove(connection);
                });
            } catch (RejectedExecutionException stopping) {
                connection.close();
                connections.remove(connection);
            }
            // Accepted while the host was going down, after it closed the others: close this one too.
            if (socket.isClosed()) {
                connection.close();
            }
        }
    }

    private void closeEverything() {
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // Closed is what was wanted.
            }
            listener = null;
            log.info("Lion Bank ISO 8583 host closed");
        }
        // Each connection leaves the set as its reader ends.
        connections.forEach(IsoConnection::close);
    }
}
