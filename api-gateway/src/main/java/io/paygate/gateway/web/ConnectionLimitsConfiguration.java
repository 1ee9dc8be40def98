package io.paygate.gateway.web;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

@Configuration(proxyBeanMethods = false)
class ConnectionLimitsConfiguration {

    @Bean
    NettyServerCustomizer connectionLimits(ConnectionLimits limits) {
        return server -> server.readTimeout(limits.readTimeout()).requestTimeout(limits.requestTimeout())
                // Once per connection: doOnConnection would run once per request.
                .doOnChannelInit((observer, channel, remoteAddress) -> {
                    HeaderDeadline deadline = new HeaderDeadline(limits.headerTimeout());
                    channel.pipeline().addBefore(NettyPipeline.HttpCodec, "paygate.headerDeadline.bytes",
                                    deadline.bytes())
                            .addAfter(NettyPipeline.HttpCodec, "paygate.headerDeadline.requests", deadline.requests());
                });
    }
}
