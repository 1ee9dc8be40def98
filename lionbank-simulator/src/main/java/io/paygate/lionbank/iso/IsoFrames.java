package io.paygate.lionbank.iso;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

import org.jspecify.annotations.Nullable;

/** The Lion Bank's framing: every message follows a 2-byte big-endian length that excludes those two bytes. */
public final class IsoFrames {

    public static final int MAX_LENGTH = 0xFFFF;

    private IsoFrames() {
    }

    /** The next message, or null when the peer closed the connection between messages. */
    public static byte @Nullable [] read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readUnsignedShort();
        } catch (EOFException closed) {
            return null;
        }
        byte[] message = new byte[length];
        in.readFully(message);
        return message;
    }

    /** Header and message in one write, so that concurrent writers, serialised by the caller, never interleave. */
    public static void write(OutputStream out, byte[] message) throws IOException {
        if (message.length > MAX_LENGTH) {
            throw new IllegalArgumentException("An ISO message is at most " + MAX_LENGTH + " bytes: " + message.length);
        }
        byte[] frame = new byte[message.length + 2];
        frame[0] = (byte) (message.length >>> 8);
        frame[1] = (byte) message.length;
        System.arraycopy(message, 0, frame, 2, message.length);
        out.write(frame);
        out.flush();
    }
}
