package io.paygate.payment.adapter.amqp;

/**
 * The two queues results are consumed from; each result arrives on one of them.
 *
 * @param shared   durable, shared by every instance: takes the results whose asking instance is gone, so that they
 *                 are recorded all the same
 * @param instance exclusive to this process, bound to its {@link ResultRoute}: the results of the requests it sent
 */
public record ResultQueues(String shared, String instance) {
}
