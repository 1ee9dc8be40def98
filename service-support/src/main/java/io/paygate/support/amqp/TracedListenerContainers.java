package io.paygate.support.amqp;

import org.aopalliance.aop.Advice;
import org.springframework.amqp.rabbit.config.AbstractRabbitListenerContainerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.util.function.Supplier;

/**
 * Puts {@link IncomingTraceContext} first in the advice chain of every listener container factory, Boot's and a
 * service's own alike, around whatever advice they already have (a retry's attempts then share one span).
 */
final class TracedListenerContainers implements BeanPostProcessor {

    private final Supplier<IncomingTraceContext> traceContext;

    /** @param traceContext asked once a factory exists, so that the tracer is not made while post-processors are */
    TracedListenerContainers(Supplier<IncomingTraceContext> traceContext) {
        this.traceContext = traceContext;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractRabbitListenerContainerFactory<?> factory) {
            Advice[] chain = factory.getAdviceChain();
            Advice[] traced = new Advice[chain == null ? 1 : chain.length + 1];
            traced[0] = traceContext.get();
            if (chain != null) {
                System.arraycopy(chain, 0, traced, 1, chain.length);
            }
            factory.setAdviceChain(traced);
        }
        return bean;
    }
}
