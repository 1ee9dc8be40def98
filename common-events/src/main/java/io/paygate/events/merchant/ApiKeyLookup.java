package io.paygate.events.merchant;

/**
 * Body of the gateway's internal request to merchant-service, {@code POST /internal/api-key-lookups}:
 * which merchant does this API key belong to? Answered with a {@link MerchantContract}, or 404.
 * The key travels in a body, never in a URL, so no access log records it.
 */
public record ApiKeyLookup(String apiKey) {

    public static final String PATH = "/internal/api-key-lookups";
}
