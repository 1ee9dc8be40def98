package io.paygate.gateway.web;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request head (request line and headers) has not arrived whole within the deadline of its
 * first byte: a client that sends its headers a byte at a time (slowloris) would otherwise hold the connection as
 * long as it likes, since every byte resets an idle timer. An idle keep-alive connection is not affected: the
 * deadline starts with a request's first byte, and the idle timeout stays the server's.
 * <p>
 * Two handlers share one connection's state: {@link #bytes()} sits before the HTTP decoder and sees the first bytes
 * of each request; {@link #requests()} sits after it and sees the head once decoded, and the answer's end.
 */
final class HeaderDeadline {

    private final long deadlineMillis;
    private boolean awaitingHead = true;
    private ScheduledFuture<?> pending;

    HeaderDeadline(Duration deadline) {
        this.deadlineMillis = deadline.toMillis();
    }

    ChannelHandler bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext context, Object message) {
                if (message instanceof ByteBuf && awaitingHead && pending == null) {
                    pending = context.executor().schedule(() -> context.close(), deadlineMillis,
                            TimeUnit.MILLISECONDS);
                }
                context.fireChannelRead(message);
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext context) {
                disarm();
            }
        };
    }

    ChannelHandler requests() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext context, Object message) {
                if (message instanceof HttpRequest) {
                    awaitingHead = false;
                    disarm();
                }
                context.fireChannelRead(message);
            }

            @Override
            public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
                if (message instanceof LastHttpContent) {
                    awaitingHead = true;
                }
                context.write(message, promise);
            }
        };
    }

    private void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
