package io.paygate.webhook.web;

import io.paygate.events.merchant.InternalHeaders;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * The merchant whose API key the gateway authenticated, from {@link InternalHeaders#MERCHANT_ID}. The gateway strips
 * that header from what callers send and signs its own (service-support's GatewaySignatureFilter checks it), so it is
 * the only source of a merchant's identity.
 */
record AuthenticatedMerchant(String id) {

    /** No merchant on the request; answered 401 with an empty body. */
    static class MissingException extends RuntimeException {

        MissingException() {
            super("No authenticated merchant on the request", null, false, false);
        }
    }

    static class Resolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return AuthenticatedMerchant.class.equals(parameter.getParameterType());
        }

        @Override
        public AuthenticatedMerchant resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                                     NativeWebRequest request, WebDataBinderFactory binderFactory) {
            String merchantId = request.getHeader(InternalHeaders.MERCHANT_ID);
            if (merchantId == null || merchantId.isBlank()) {
                throw new MissingException();
            }
            return new AuthenticatedMerchant(merchantId.strip());
        }
    }
}
