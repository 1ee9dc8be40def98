package io.paygate.lionbank.iso;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.solab.iso8583.IsoMessage;

/**
 * One acquirer's persistent connection: a reader that hands each message to its own worker, so that several
 * requests are in flight at once and answered in whatever order they finish; writes are serialised so that two
 * answers never interleave on the wire.
 */
final class IsoConnection {

    private static final Logger log = LoggerFactory.getLogger(IsoConnection.class);

    private final Socket socket;
    private final OutputStream out;
    private final Object writeLock = new Object();

    IsoConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
    }

    /** Reads until the peer or the host closes the connection. */
    void serve(IssuerHost host, ExecutorService workers) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()))) {
            byte[] frame;
            while ((frame = IsoFrames.read(in)) != null) {
                byte[] request = frame;
                workers.execute(() -> act(host.handle(request)));
            }
        } catch (IOException | RejectedExecutionException ended) {
            log.debug("Connection from {} ended: {}", socket.getRemoteSocketAddress(), ended.toString());
        } finally {
            close();
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that was wanted.
        }
    }

    private void act(HostAction action) {
        switch (action) {
            case HostAction.Answer answer -> send(answer.message());
            case HostAction.NoAnswer ignored -> {
            }
            case HostAction.CloseConnection ignored -> close();
        }
    }

    private void send(IsoMessage message) {
        byte[] data = message.writeData();
        synchronized (writeLock) {
            try {
                IsoFrames.write(out, data);
            } catch (IOException gone) {
                log.debug("Could not answer on {}: {}", socket.getRemoteSocketAddress(), gone.toString());
                close();
            }
        }
    }
}
