package io.paygate.merchant.admin;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    /** The servlet pattern {@code /merchants/*} covers {@code /merchants} itself and everything below it. */
    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminTokens adminTokens) {
        var registration = new FilterRegistrationBean<>(new AdminTokenFilter(adminTokens));
        registration.addUrlPatterns("/merchants/*");
        return registration;
    }
}
