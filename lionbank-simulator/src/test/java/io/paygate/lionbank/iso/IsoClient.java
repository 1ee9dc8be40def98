package io.paygate.lionbank.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.solab.iso8583.IsoMessage;
import com.solab.iso8583.MessageFactory;

/**
 * An acquirer's end of one persistent connection, over real TCP: requests go out as soon as they are sent; answers
 * are queued in the order they arrive, whatever order the requests went in.
 */
final class IsoClient implements AutoCloseable {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    private final MessageFactory<IsoMessage> messages = LionbankMessages.factory();
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<IsoMessage> answers = new LinkedBlockingQueue<>();
    private final CountDownLatch closedByHost = new CountDownLatch(1);

    IsoClient(int port) throws IOException {
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        } catch (IOException refused) {
            socket.close();
            throw refused;
        }
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        Thread.ofVirtual().start(() -> read(in));
    }

    synchronized void send(IsoMessage request) {
        try {
            IsoFrames.write(out, request.writeData());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void sendRaw(byte[] message) throws IOException {
        synchronized (this) {
            IsoFrames.write(out, message);
        }
    }

    IsoMessage exchange(IsoMessage request) {
        send(request);
        return nextAnswer();
    }

    IsoMessage nextAnswer() {
        Optional<IsoMessage> answer = answerWithin(ANSWER_TIMEOUT);
        assertThat(answer).as("an answer within %s", ANSWER_TIMEOUT).isPresent();
        return answer.get();
    }

    Optional<IsoMessage> answerWithin(Duration wait) {
        try {
            return Optional.ofNullable(answers.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the host closed the connection within {@code wait}. */
    boolean closedByHostWithin(Duration wait) throws InterruptedException {
        return closedByHost.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void read(DataInputStream in) {
        try {
            byte[] frame;
            while ((frame = IsoFrames.read(in)) != null) {
                answers.add(messages.parseMessage(frame, 0));
            }
        } catch (Exception ended) {
            // Closed by this client or reset by the host: either way nothing more will arrive.
        } finally {
            closedByHost.countDown();
        }
    }
}
