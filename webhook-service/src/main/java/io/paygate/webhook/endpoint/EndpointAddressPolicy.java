package io.paygate.webhook.endpoint;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which URLs may receive a merchant's events. PayGate calls them from inside its own network, so an endpoint must be
 * https and every address its host resolves to must be a public one: never loopback, private, link-local, CGNAT, a
 * cloud metadata service or the like (SSRF). Only the local profile, on a developer's own machine, lets http, loopback
 * and private addresses through, so that a developer can receive events there; never link-local ones nor a metadata
 * service, which a developer's endpoint never is and which answer on any cloud machine, the developer's too.
 * <p>
 * This checks the URL when an endpoint is saved. DNS may answer differently later, so whatever delivers events must
 * check the address it actually connects to as well.
 */
public final class EndpointAddressPolicy {

    static final int MAX_URL_LENGTH = 2048;

    /** Names of cloud metadata services that may resolve to an address this policy would not recognise. */
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog", "metadata");
    /** fd00:ec2::254: inside the unique local range, which the local profile otherwise allows. */
    private static final byte[] AWS_IPV6_METADATA = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0x02, 0x54};
    // The forms a resolver may read as an IPv4 address (2130706433, 0x7f.1, 0177.0.0.1): only the canonical dotted
    // quad is taken, so that what is checked here is what any HTTP client would connect to.
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final Pattern CANONICAL_IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);

    /** Resolves a host to its addresses, as {@link InetAddress#getAllByName} does; tests give their own. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLocal;
    private final Resolver resolver;

    public EndpointAddressPolicy(boolean allowLocal) {
        this(allowLocal, InetAddress::getAllByName);
    }

    public EndpointAddressPolicy(boolean allowLocal, Resolver resolver) {
        this.allowLocal = allowLocal;
        this.resolver = resolver;
    }

    /** Whether events may be sent to this URL. */
    public boolean permits(String url) {
        if (url == null || url.length() > MAX_URL_LENGTH) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        boolean schemeAllowed = permitsScheme(uri.getScheme());
        // A host the parser could not read leaves getHost() null; user info is refused outright: it has no place in
        // a webhook URL, and "https://good.com@10.0.0.1/" is a classic way to make a URL look like another host.
        if (!schemeAllowed || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getPort() == 0
                || uri.getPort() > 65535) {
            return false;
        }
        String host = hostOf(uri);
        if (METADATA_HOSTS.contains(host)) {
            return false;
        }
        if (isNumericButNotCanonical(host)) {
            return false;
        }
        try {
            return resolvePermitted(host).length > 0;
        } catch (UnknownHostException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }

    /** Whether a URL of this scheme may receive events: https, and http on a developer's own machine. */
    public boolean permitsScheme(String scheme) {
        String lowerCase = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        return lowerCase.equals("https") || allowLocal && lowerCase.equals("http");
    }

    /**
     * The host's addresses, when events may go to every one of them; for a delivery to check the addresses it is
     * about to connect to, whatever DNS answered when the endpoint was saved.
     *
     * @throws AddressRefusedException when one of them is not public (or, where local ones are allowed, is link-local
     *                                 or a metadata service's)
     */
    public InetAddress[] resolvePermitted(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        boolean permitted = Arrays.stream(addresses)
                .allMatch(allowLocal ? EndpointAddressPolicy::isNeverLocalService : EndpointAddressPolicy::isPublic);
        if (!permitted) {
            throw new AddressRefusedException(host);
        }
        return addresses;
    }

    /** The host in lower case, without an IPv6 literal's brackets or a fully qualified name's final dot. */
    private static String hostOf(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static boolean isNumericButNotCanonical(String host) {
        if (host.contains(":")) {
            return false;
        }
        String lastLabel = host.substring(host.lastIndexOf('.') + 1);
        return NUMERIC_LAST_LABEL.matcher(lastLabel).matches() && !CANONICAL_IPV4.matcher(host).matches();
    }

    /**
     * Whether an address may be a developer's own endpoint: anything but link-local (169.254.0.0/16, where cloud
     * metadata services answer, and fe80::/10) and AWS's IPv6 metadata address. IPv4 addresses inside IPv6 ones are
     * judged as themselves.
     */
    static boolean isNeverLocalService(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isZero(bytes, 0, 10)
                && (isZero(bytes, 10, 12) || (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
        }
        boolean linkLocal = address.isLinkLocalAddress() || bytes.length == 4 && (bytes[0] & 0xff) == 169
                && (bytes[1] & 0xff) == 254;
        return !linkLocal && !Arrays.equals(bytes, AWS_IPV6_METADATA);
    }

    /** Whether an address is on the public internet, as far as an endpoint goes. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes);
        }
        if (address instanceof Inet6Address) {
            return isPublicIpv6(bytes);
        }
        return false;
    }

    private static boolean isPublicIpv4(byte[] a) {
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        int third = a[2] & 0xff;
        return !(first == 0                                              // 0.0.0.0/8, "this network"
                || first == 10 || first == 127                          // private, loopback
                || first == 100 && (second & 0xc0) == 64                // 100.64.0.0/10, carrier-grade NAT
                || first == 169 && second == 254                        // link-local, metadata (169.254.169.254)
                || first == 172 && (second & 0xf0) == 16                // 172.16.0.0/12
                || first == 192 && second == 168                        // 192.168.0.0/16
                || first == 192 && second == 0 && (third == 0 || third == 2) // IETF protocol assignments, TEST-NET-1
                || first == 198 && (second & 0xfe) == 18                // 198.18.0.0/15, benchmarking
                || first == 198 && second == 51 && third == 100         // TEST-NET-2
                || first == 203 && second == 0 && third == 113          // TEST-NET-3
                || first >= 224);                                       // multicast, reserved, broadcast
    }

    private static boolean isPublicIpv6(byte[] a) {
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        if ((first & 0xfe) == 0xfc) {                                   // fc00::/7, unique local (fd00:ec2::254)
            return false;
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {                 // fec0::/10, the old site-local
            return false;
        }
        if (first == 0x20 && second == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8) { // 2001:db8::/32
            return false;
        }
        if (first == 0x20 && second == 0x02) {                          // 2002::/16, 6to4: the IPv4 address inside
            return isPublicIpv4(Arrays.copyOfRange(a, 2, 6));
        }
        if (isZero(a, 0, 10) && (isZero(a, 10, 12) || (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff)) {
            // ::a.b.c.d (IPv4-compatible) and ::ffff:a.b.c.d (IPv4-mapped): the IPv4 address decides.
            return isPublicIpv4(Arrays.copyOfRange(a, 12, 16));
        }
        if (first == 0x00 && second == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b && isZero(a, 4, 12)) {
            return isPublicIpv4(Arrays.copyOfRange(a, 12, 16));         // 64:ff9b::/96, NAT64
        }
        return !(first == 0x01 && second == 0x00 && isZero(a, 2, 8));   // 100::/64, discard-only
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
