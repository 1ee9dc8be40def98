package io.paygate.events.merchant;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A merchant's routing rules as the {@link InternalHeaders#ROUTING} header carries them: rules separated by {@code |},
 * each {@code acquirer;acquirerMerchantId;currencies;schemes} with the lists comma-separated and every part
 * percent-encoded, so an acquirer merchant id may hold any character. An empty header is no rule.
 */
public final class RoutingHeader {

    private static final String RULES = "|";
    private static final String PARTS = ";";
    private static final String ITEMS = ",";

    private RoutingHeader() {
    }

    public static String format(List<AcquirerRoute> routing) {
        return routing.stream()
                .map(route -> String.join(PARTS, encode(route.acquirer()),
                        encode(route.acquirerMerchantId() == null ? "" : route.acquirerMerchantId()),
                        encode(String.join(ITEMS, route.currencies())), encode(String.join(ITEMS, route.schemes()))))
                .collect(Collectors.joining(RULES));
    }

    /** @throws IllegalArgumentException when the header is not one {@link #format} writes */
    public static List<AcquirerRoute> parse(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        return Arrays.stream(header.split("\\" + RULES, -1)).map(RoutingHeader::route).toList();
    }

    private static AcquirerRoute route(String rule) {
        String[] parts = rule.split(PARTS, -1);
        if (parts.length != 4 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("Not a routing rule: " + rule);
        }
        String acquirerMerchantId = decode(parts[1]);
        return new AcquirerRoute(decode(parts[0]), acquirerMerchantId.isEmpty() ? null : acquirerMerchantId,
                items(decode(parts[2])), items(decode(parts[3])));
    }

    private static List<String> items(String list) {
        return list.isEmpty() ? List.of() : List.of(list.split(ITEMS));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
