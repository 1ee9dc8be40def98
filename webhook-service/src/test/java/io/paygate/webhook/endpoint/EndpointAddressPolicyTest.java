package io.paygate.webhook.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointAddressPolicyTest {

    /** Names resolve from this table, never through DNS; IP literals as InetAddress reads them. */
    private static final Map<String, String[]> DNS = Map.of(
            "shop.example.com", new String[] {"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"},
            "localhost", new String[] {"127.0.0.1", "::1"},
            "intranet.example.com", new String[] {"10.1.2.3"},
            "half-private.example.com", new String[] {"93.184.216.34", "192.168.0.7"},
            "metadata.google.internal", new String[] {"93.184.216.35"},
            "rebind.example.com", new String[] {"169.254.169.254"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] addresses = DNS.get(host);
        if (addresses == null) {
            if (host.matches("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*")) {
                return InetAddress.getAllByName(host);
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            resolved[i] = InetAddress.getByAddress(host, InetAddress.getByName(addresses[i]).getAddress());
        }
        return resolved;
    }

    private final EndpointAddressPolicy production =
            new EndpointAddressPolicy(false, EndpointAddressPolicyTest::resolve);
    private final EndpointAddressPolicy local = new EndpointAddressPolicy(true, EndpointAddressPolicyTest::resolve);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://shop.example.com/paygate/events",
            "https://shop.example.com",
            "https://shop.example.com:8443/events?source=paygate",
            "HTTPS://SHOP.EXAMPLE.COM/events",
            "https://shop.example.com./events",
            "https://93.184.216.34/events",
            "https://[2606:2800:220:1:248:1893:25c8:1946]/events",
            "https://172.32.0.1/",
            "https://172.15.255.255/",
            "https://100.128.0.1/",
            "https://[2a00:1450:4009:81d::200e]/"})
    void permits_https_urls_of_public_hosts(String url) {
        assertThat(production.permits(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://shop.example.com/events", "HTTP://93.184.216.34/"})
    void refuses_plain_http(String url) {
        assertThat(production.permits(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/events", "shop.example.com/events", "ftp://shop.example.com/", "file:///etc/passwd",
            "javascript:alert(1)", "https:///events", "https://", "https://shop.example.com:0/",
            "https://shop example.com/", "https://shop.example.com:99999/", "mailto:ops@shop.example.com", ""})
    void refuses_what_is_not_an_absolute_https_url(String url) {
        assertThat(production.permits(url)).isFalse();
        assertThat(local.permits(url)).isFalse();
    }

    @Test
    void refuses_a_url_longer_than_2048_characters() {
        String path = "a".repeat(2048 - "https://shop.example.com/".length());

        assertThat(production.permits("https://shop.example.com/" + path)).isTrue();
        assertThat(production.permits("https://shop.example.com/" + path + "a")).isFalse();
        assertThat(production.permits(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/", "https://127.1.2.3:8443/", "https://localhost/",
            "https://LOCALHOST:3000/", "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/",
            "https://[::127.0.0.1]/", "https://[0:0:0:0:0:ffff:127.0.0.1]/"})
    void refuses_loopback_addresses_in_every_spelling(String url) {
        assertThat(production.permits(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://10.0.0.1/", "https://10.255.255.255/", "https://172.16.0.1/",
            "https://172.31.255.255/", "https://192.168.1.1/", "https://[fc00::1]/", "https://[fd12:3456::1]/",
            "https://[fec0::1]/", "https://intranet.example.com/", "https://[::ffff:10.0.0.1]/",
            "https://[::ffff:192.168.1.1]/"})
    void refuses_private_addresses(String url) {
        assertThat(production.permits(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.1.1/", "https://[fe80::1]/", "https://[fe80::1%25eth0]/"})
    void refuses_link_local_addresses(String url) {
        assertThat(production.permits(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data/", "https://[fd00:ec2::254]/",
            "https://metadata.google.internal/computeMetadata/v1/", "https://METADATA.GOOGLE.INTERNAL/",
            "https://metadata.google.internal./", "https://rebind.example.com/", "https://[::ffff:169.254.169.254]/"})
    void refuses_cloud_metadata_services_by_address_and_by_name(String url) {
        assertThat(production.permits(url)).isFalse();
        assertThat(local.permits(url)).as("a developer's cloud machine has a metadata service too").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.1.1/", "https://[fe80::1]/", "http://[::ffff:169.254.169.254]/"})
    void refuses_link_local_addresses_on_a_developers_machine_too(String url) {
        assertThat(local.permits(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://0.0.0.0/", "https://0.1.2.3/", "https://[::]/", "https://224.0.0.1/",
            "https://239.255.255.250/", "https://[ff02::1]/", "https://255.255.255.255/", "https://240.0.0.1/",
            "https://100.64.0.1/", "https://100.127.255.255/", "https://192.0.2.1/", "https://198.18.0.1/",
            "https://[2001:db8::1]/", "https://[2002:7f00:1::]/", "https://[2002:a00:1::]/",
            "https://[64:ff9b::7f00:1]/", "https://[64:ff9b::a9fe:a9fe]/"})
    void refuses_unspecified_multicast_cgnat_reserved_and_embedded_private_addresses(String url) {
        assertThat(production.permits(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://2130706433/", "https://0x7f.1/", "https://0x7f000001/", "https://0177.0.0.1/",
            "https://127.1/", "https://017700000001/", "https://0x7f.0x0.0x0.0x1/", "https://127.000.000.001/",
            "https://3232235777/"})
    void refuses_numeric_hosts_other_than_the_dotted_quad(String url) {
        assertThat(production.permits(url)).isFalse();
        assertThat(local.permits(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://good.com@127.0.0.1/", "https://shop.example.com@169.254.169.254/",
            "https://user:password@shop.example.com/", "https://shop.example.com%40127.0.0.1/"})
    void refuses_user_info(String url) {
        assertThat(production.permits(url)).isFalse();
    }

    @Test
    void refuses_a_host_of_which_any_address_is_not_public() {
        assertThat(production.permits("https://half-private.example.com/")).isFalse();
    }

    @Test
    void refuses_a_host_that_does_not_resolve() {
        assertThat(production.permits("https://nowhere.example.invalid/")).isFalse();
        assertThat(local.permits("http://nowhere.example.invalid/")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:3000/events", "http://127.0.0.1:8080/", "https://[::1]:8443/",
            "http://intranet.example.com/", "http://192.168.1.1/", "https://shop.example.com/"})
    void lets_the_local_profile_send_to_the_developers_own_machine(String url) {
        assertThat(local.permits(url)).isTrue();
    }

    @Test
    void resolves_names_through_the_system_resolver_by_default() {
        EndpointAddressPolicy policy = new EndpointAddressPolicy(false);

        assertThat(policy.permits("https://localhost/")).isFalse();
        assertThat(policy.permits("https://93.184.216.34/")).isTrue();
        assertThat(new EndpointAddressPolicy(true).permits("http://localhost:3000/")).isTrue();
    }
}
