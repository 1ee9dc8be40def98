package io.paygate.acquirer.support.adapter.in.amqp;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

import java.time.Duration;

/**
 * The authorisation consumers. A command is settled on the channel it came on, which the container closes on stop,
 * returning every unsettled delivery to the queue; it does not know of the commands still running after the listener
 * returned. So before cancelling its consumers it lets the {@link CommandsInFlight} settle: their results published,
 * the commands acknowledged on channels still open, within {@code paygate.acquirer.shutdown-grace}. Deliveries that
 * arrive meanwhile are not started and go back to the queue with the channels.
 */
class AuthorizationListenerContainer extends SimpleMessageListenerContainer {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationListenerContainer.class);

    private final CommandsInFlight commands;
    private final Duration grace;

    AuthorizationListenerContainer(CommandsInFlight commands, Duration grace) {
        this.commands = commands;
        this.grace = grace;
    }

    @Override
    protected void doStart() {
        commands.open();
        super.doStart();
    }

    /** Every way the container stops, by itself or with the context, comes through here before any channel closes. */
    @Override
    protected void shutdownAndWaitOrCallback(@Nullable Runnable callback) {
        int inFlight = commands.count();
        if (inFlight > 0) {
            log.info("Letting {} commands in flight settle, for up to {}", inFlight, grace);
        }
        if (!commands.close(grace)) {
            log.warn("{} commands still in flight after {}: they go back to the queue", commands.count(), grace);
        }
        super.shutdownAndWaitOrCallback(callback);
    }
}
