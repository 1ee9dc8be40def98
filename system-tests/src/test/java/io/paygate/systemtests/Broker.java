package io.paygate.systemtests;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A client of the stack's own RabbitMQ virtual host, to do what a broker or a faulty producer can do: deliver a
 * message twice, deliver one nobody can read, and show what the dead-letter queues hold.
 */
final class Broker implements AutoCloseable {

    /** A message as it travelled: its properties (type and version headers, message id) and its body. */
    record Delivered(String routingKey, AMQP.BasicProperties properties, byte[] body) {
    }

    private final Connection connection;
    private final Channel channel;

    Broker(URI uri) {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(uri);
            connection = factory.newConnection("paygate-fault-suite");
            channel = connection.createChannel();
            channel.confirmSelect();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot connect to " + uri.getHost() + ":" + uri.getPort(), e);
        }
    }

    /** Publishes persistently and waits until the broker has taken the message. */
    void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        try {
            channel.basicPublish(exchange, routingKey, true, properties.builder().deliveryMode(2).build(), body);
            channel.waitForConfirmsOrDie(10_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The broker did not confirm a message", e);
        }
    }

    /** A queue of this client's, bound to {@code exchange} with {@code bindingKey}, that keeps copies of what is routed. */
    String tap(String exchange, String bindingKey) {
        try {
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, exchange, bindingKey);
            return queue;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes a tap. While it is bound, every result is routed somewhere, so none would reach the results exchange's
     * alternate exchange.
     */
    void untap(String queue) {
        try {
            channel.queueDelete(queue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes every message the queue holds now. */
    List<Delivered> drain(String queue) {
        try {
            List<Delivered> messages = new ArrayList<>();
            GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                messages.add(new Delivered(response.getEnvelope().getRoutingKey(), response.getProps(), response.getBody()));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bodies of every message the queue holds now, which all stay in it. */
    List<byte[]> peek(String queue) {
        try (Channel own = connection.createChannel()) {
            List<byte[]> bodies = new ArrayList<>();
            GetResponse response;
            long lastTag = -1;
            while ((response = own.basicGet(queue, false)) != null) {
                bodies.add(response.getBody());
                lastTag = response.getEnvelope().getDeliveryTag();
            }
            if (lastTag >= 0) {
                own.basicNack(lastTag, true, true);
            }
            return bodies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The broker did not close a channel", e);
        }
    }

    long messageCount(String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
