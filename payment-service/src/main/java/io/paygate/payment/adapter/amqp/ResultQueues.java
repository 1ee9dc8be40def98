package io.paygate.payment.adapter.amqp;

/**
 * The two queues results are consumed from.
 *
 * @param shared   durable, bound to every result: whichever instance takes a result records it, so results persist
 *                 even when the instance that asked is gone
 * @param instance exclusive to this process, bound to its {@link ResultRoute}: wakes the requests waiting here
 */
public record ResultQueues(String shared, String instance) {
}
