package io.paygate.acquirer.lionbank.adapter.out.bank;

import com.solab.iso8583.IsoMessage;
import com.solab.iso8583.MessageFactory;
import io.paygate.acquirer.support.application.port.out.BankNotReachedException;
import io.paygate.acquirer.support.application.port.out.BankUnreachableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one persistent TCP connection to the Lion Bank's host, shared by every request: requests go out as they come
 * (writes serialised), answers come back in any order and are matched to their waiting request (see
 * {@link LionBankMessages#exchangeKey}). A reader thread takes the answers; a keeper reconnects after a drop, with a
 * growing delay while the host refuses, and sends an echo when the line has been idle, so that a dead connection is
 * found before a payment needs it.
 */
final class LionBankConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LionBankConnection.class);
    private static final DateTimeFormatter TRANSMISSION = DateTimeFormatter.ofPattern("MMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final LionBankProperties properties;
    private final LionBankRequests requests;
    private final Clock clock;
    private final MessageFactory<IsoMessage> messages = LionBankMessages.factory();
    private final Map<String, CompletableFuture<IsoMessage>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger echoStans = new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000));
    private final ScheduledExecutorService keeper;
    private final Object connecting = new Object();
    private final Object writing = new Object();

    private volatile Line line;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile boolean closed;
    /** Guarded by {@link #connecting}. */
    private Duration reconnectDelay = Duration.ZERO;
    /** Guarded by {@link #connecting}. */
    private long nextConnectNanos = System.nanoTime();

    private record Line(Socket socket, OutputStream out) {
    }

    LionBankConnection(LionBankProperties properties, LionBankRequests requests, Clock clock) {
        this.properties = properties;
        this.requests = requests;
        this.clock = clock;
        Duration tick = properties.echoInterval().compareTo(Duration.ofSeconds(1)) < 0
                ? properties.echoInterval() : Duration.ofSeconds(1);
        keeper = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("lionbank-keeper").factory());
        keeper.scheduleWithFixedDelay(this::keepUp, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends the request and waits for its answer.
     *
     * @throws BankNotReachedException  when not connected (and connecting failed, or waits for its next attempt): the
     *                                  request was not sent
     * @throws BankUnreachableException when the connection was lost, or no answer came within the read timeout
     */
    IsoMessage exchange(IsoMessage request) {
        return exchange(line(), request);
    }

    private IsoMessage exchange(Line current, IsoMessage request) {
        String key = LionBankMessages.exchangeKey(request);
        var answer = new CompletableFuture<IsoMessage>();
        CompletableFuture<IsoMessage> alreadyWaiting = waiting.putIfAbsent(key, answer);
        if (alreadyWaiting != null) {
            // The same transaction is already at the host (a retry that overtook its timed-out try): one answer for both.
            return await(key, alreadyWaiting);
        }
        try {
            write(current, request);
        } catch (IOException e) {
            waiting.remove(key, answer);
            drop(current, e.toString());
            throw new BankUnreachableException("Could not send to the Lion Bank: " + e, e);
        }
        return await(key, answer);
    }

    private IsoMessage await(String key, CompletableFuture<IsoMessage> answer) {
        try {
            return answer.get(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BankUnreachableException("No answer from the Lion Bank within " + properties.readTimeout());
        } catch (ExecutionException e) {
            throw new BankUnreachableException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BankUnreachableException("Interrupted while waiting for the Lion Bank", e);
        } finally {
            waiting.remove(key, answer);
        }
    }

    private void write(Line current, IsoMessage request) throws IOException {
        byte[] frame = IsoFraming.frame(request.writeData());
        synchronized (writing) {
            current.out().write(frame);
            current.out().flush();
        }
        lastWriteNanos = System.nanoTime();
    }

    /** The open connection, or a new one unless the last attempt failed less than the reconnect delay ago. */
    private Line line() {
        Line current = line;
        if (current != null) {
            return current;
        }
        synchronized (connecting) {
            if (line != null) {
                return line;
            }
            if (closed) {
                throw new BankNotReachedException("The connection to the Lion Bank is closed");
            }
            long wait = nextConnectNanos - System.nanoTime();
            if (wait > 0) {
                throw new BankNotReachedException("Not connected to the Lion Bank; next attempt in "
                        + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
            }
            try {
                line = connect();
                reconnectDelay = Duration.ZERO;
                return line;
            } catch (IOException e) {
                reconnectDelay = reconnectDelay.isZero() ? properties.reconnectDelay()
                        : min(reconnectDelay.multipliedBy(2), properties.reconnectMaxDelay());
                nextConnectNanos = System.nanoTime() + reconnectDelay.toNanos();
                throw new BankNotReachedException("Could not connect to the Lion Bank at " + properties.host() + ':'
                        + properties.port() + ": " + e, e);
            }
        }
    }

    private Line connect() throws IOException {
        var socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(properties.host(), properties.port()),
                    (int) properties.connectTimeout().toMillis());
            // Requests are single small frames: none should wait for the ACK of the one before.
            socket.setTcpNoDelay(true);
            var connected = new Line(socket, socket.getOutputStream());
            var in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            Thread.ofVirtual().name("lionbank-reader").start(() -> read(connected, in));
            log.info("Connected to the Lion Bank at {}:{}", properties.host(), properties.port());
            return connected;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void read(Line current, DataInputStream in) {
        try {
            byte[] frame;
            while ((frame = IsoFraming.read(in)) != null) {
                deliver(frame);
            }
            drop(current, "closed by the host");
        } catch (IOException e) {
            drop(current, e.toString());
        }
    }

    private void deliver(byte[] frame) {
        IsoMessage answer;
        try {
            answer = messages.parseMessage(frame, 0);
        } catch (Exception unreadable) {
            // j8583's message may quote the frame, card number included.
            log.warn("Ignored an unreadable answer from the Lion Bank ({} bytes)", frame.length);
            return;
        }
        CompletableFuture<IsoMessage> request = waiting.get(LionBankMessages.exchangeKey(answer));
        if (request == null) {
            log.debug("An answer came after its request stopped waiting: {}", LionBankMessages.exchangeKey(answer));
            return;
        }
        request.complete(answer);
    }

    /** Closes the connection once, failing every request on it: the host will not answer them on another. */
    private void drop(Line current, String reason) {
        synchronized (connecting) {
            if (line != current) {
                return;
            }
            line = null;
            closeQuietly(current.socket());
            if (!closed) {
                log.warn("Lost the connection to the Lion Bank ({}); {} requests go unanswered", reason, waiting.size());
            }
            var lost = new BankUnreachableException("The connection to the Lion Bank was lost: " + reason);
            waiting.values().forEach(request -> request.completeExceptionally(lost));
        }
    }

    /** The keeper's round: reconnect after a drop, or echo when nothing was sent for the echo interval. */
    private void keepUp() {
        try {
            Line current = line;
            if (current == null) {
                line();
            } else if (System.nanoTime() - lastWriteNanos >= properties.echoInterval().toNanos()) {
                echo(current);
            }
        } catch (BankUnreachableException e) {
            log.debug("Lion Bank keep-alive: {}", e.getMessage());
        } catch (RuntimeException e) {
            // An exception would stop the keeper for good.
            log.warn("Lion Bank keep-alive failed", e);
        }
    }

    private void echo(Line current) {
        IsoMessage echo = requests.echo("%06d".formatted(echoStans.incrementAndGet() % 1_000_000),
                TRANSMISSION.format(clock.instant()));
        try {
            exchange(current, echo);
        } catch (BankUnreachableException e) {
            // A host that does not answer an echo is not there: connect afresh rather than wait on this line.
            drop(current, "no answer to an echo");
        }
    }

    @Override
    public void close() {
        closed = true;
        keeper.shutdownNow();
        Line current = line;
        if (current != null) {
            drop(current, "closed by the adapter");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more will be read or written on it either way.
        }
    }
}
