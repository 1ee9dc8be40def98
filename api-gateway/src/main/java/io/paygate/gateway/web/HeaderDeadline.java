package io.paygate.gateway.web;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not delivered a whole request head (request line and headers) within the deadline
 * of being opened or of its previous answer: a client that sends its headers a byte at a time (slowloris) would
 * otherwise hold the connection for as long as it likes, since every byte resets an idle timer. Sits right after the
 * HTTP decoder, which hands on a request only once its head is complete.
 */
final class HeaderDeadline extends ChannelDuplexHandler {

    private final long deadlineMillis;
    private ScheduledFuture<?> pending;

    HeaderDeadline(Duration deadline) {
        this.deadlineMillis = deadline.toMillis();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        arm(context);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpRequest) {
            disarm();
        }
        context.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        if (message instanceof LastHttpContent) {
            promise = promise.unvoid().addListener(written -> arm(context));
        }
        context.write(message, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        disarm();
    }

    private void arm(ChannelHandlerContext context) {
        disarm();
        if (context.channel().isActive()) {
            pending = context.executor().schedule(() -> context.close(), deadlineMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
