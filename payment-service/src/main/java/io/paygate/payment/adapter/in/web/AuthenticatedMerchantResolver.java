package io.paygate.payment.adapter.in.web;

import io.paygate.events.merchant.InternalHeaders;
import io.paygate.events.merchant.MerchantContract;
import io.paygate.events.merchant.RoutingHeader;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the merchant and its acquirer contract from the headers the gateway sets after authenticating the API key.
 * The gateway strips these headers from what callers send, so they are the only source of a merchant's identity.
 */
class AuthenticatedMerchantResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return MerchantContract.class.equals(parameter.getParameterType());
    }

    @Override
    public MerchantContract resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String merchantId = request.getHeader(InternalHeaders.MERCHANT_ID);
        String acquirer = request.getHeader(InternalHeaders.ACQUIRER);
        if (isBlank(merchantId) || isBlank(acquirer)) {
            throw new MerchantNotAuthenticatedException();
        }
        try {
            return new MerchantContract(merchantId.trim(), acquirer.trim(),
                    request.getHeader(InternalHeaders.ACQUIRER_MERCHANT_ID),
                    currencies(request.getHeader(InternalHeaders.CURRENCIES)), null,
                    RoutingHeader.parse(request.getHeader(InternalHeaders.ROUTING)));
        } catch (IllegalArgumentException e) {
            // The gateway signed it, so only a gateway of another version could send it: no payment without its routing.
            throw new MerchantNotAuthenticatedException();
        }
    }

    private static List<String> currencies(String header) {
        if (header == null) {
            return List.of();
        }
        return Arrays.stream(header.split(",")).map(code -> code.trim().toUpperCase(Locale.ROOT))
                .filter(code -> !code.isEmpty())
                .toList();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
