package io.paygate.lionbank.iso;

import com.solab.iso8583.IsoMessage;

/** What the host does after reading one message from a connection. */
sealed interface HostAction {

    HostAction NO_ANSWER = new NoAnswer();
    HostAction CLOSE_CONNECTION = new CloseConnection();

    record Answer(IsoMessage message) implements HostAction {
    }

    /** The request was read and is ignored: the never-answering cards, dropped requests, unreadable messages. */
    record NoAnswer() implements HostAction {
    }

    /** The connection is closed with this request unanswered. */
    record CloseConnection() implements HostAction {
    }
}
