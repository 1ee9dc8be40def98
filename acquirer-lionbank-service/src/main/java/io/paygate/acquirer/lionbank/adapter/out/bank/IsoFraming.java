package io.paygate.acquirer.lionbank.adapter.out.bank;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/** The Lion Bank's framing: every message follows a 2-byte big-endian length that excludes those two bytes. */
final class IsoFraming {

    private static final int MAX_LENGTH = 0xFFFF;

    private IsoFraming() {
    }

    /** Header and message as one array, written at once so that concurrent requests never interleave. */
    static byte[] frame(byte[] message) {
        if (message.length > MAX_LENGTH) {
            throw new IllegalArgumentException("An ISO message is at most " + MAX_LENGTH + " bytes: " + message.length);
        }
        byte[] frame = new byte[message.length + 2];
        frame[0] = (byte) (message.length >>> 8);
        frame[1] = (byte) message.length;
        System.arraycopy(message, 0, frame, 2, message.length);
        return frame;
    }

    /** The next message, or null when the host closed the connection between messages. */
    static byte[] read(DataInputStream in) throws IOException {
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
}
