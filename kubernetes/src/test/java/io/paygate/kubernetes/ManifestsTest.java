package io.paygate.kubernetes;

import static io.paygate.kubernetes.Overlay.container;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.paygate.kubernetes.OperatorResources.MongoDBCommunity;
import io.paygate.kubernetes.OperatorResources.MongoUser;
import io.paygate.kubernetes.OperatorResources.Permission;
import io.paygate.kubernetes.OperatorResources.RabbitmqCluster;
import io.paygate.kubernetes.OperatorResources.User;
import io.paygate.kubernetes.Reachability.Pod;
import io.paygate.testing.BrokerPermission;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules every overlay must keep, checked on what it renders to. Each test collects every violation before
 * failing, so one run names them all.
 */
class ManifestsTest {

    private static final String NAMESPACE = "paygate";
    private static final Set<String> SERVICES = Set.of("api-gateway", "payment-service", "merchant-service",
            "acquirer-piggybank-service", "acquirer-lionbank-service", "webhook-service");
    private static final Set<String> SIMULATORS = Set.of("piggybank-simulator", "lionbank-simulator");
    private static final Set<String> AUTOSCALED = Set.of("payment-service", "acquirer-piggybank-service",
            "acquirer-lionbank-service", "webhook-service");
    /** Spring's graceful shutdown phase (spring.lifecycle.timeout-per-shutdown-phase). */
    private static final int SHUTDOWN_PHASE_SECONDS = 20;
    private static final int GATEWAY_MANAGEMENT_PORT = 8445;
    /** A variable so named holds a secret: it must come from a Secret, never from a value in the manifest. */
    private static final Pattern SECRET_NAME = Pattern.compile("(^|_)(KEY|KEYS|SECRET|SECRETS|PASSWORD|TOKEN|TOKENS)(_|$)");
    /** What Kubernetes adds to compose's environment: structured logs and traces everywhere (the observability
     * contract), the gateway's management listener on all interfaces, and the gateway's signing keys, without which
     * it does not start (compose gives them to its certs service instead). */
    private static final Set<String> ADDED_EVERYWHERE = Set.of("LOGGING_STRUCTURED_FORMAT_CONSOLE",
            "OTEL_EXPORTER_OTLP_ENDPOINT");
    private static final Map<String, Set<String>> ADDED = Map.of("api-gateway",
            Set.of("GATEWAY_MANAGEMENT_ADDRESS", "GATEWAY_SIGNING_KEYS", "GATEWAY_SIGNING_ACTIVE_KEY"));

    private static Compose compose;
    private static Map<String, Overlay> overlays;

    @BeforeAll
    static void render() throws IOException {
        compose = Compose.read();
        overlays = Map.of("local", Overlay.build("local"), "production", Overlay.build("production"));
    }

    static Stream<String> overlays() {
        return Stream.of("local", "production");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void runs_every_service_compose_runs_and_the_simulators_only_locally(String name) {
        Overlay overlay = overlays.get(name);
        Set<String> deployments = overlay.deployments().stream().map(Overlay::nameOf).collect(Collectors.toSet());
        Set<String> expected = new HashSet<>(SERVICES);
        if (name.equals("local")) {
            expected.addAll(SIMULATORS);
        }
        assertThat(deployments).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(new HashSet<>(compose.builtModules().values())).containsAll(expected);
        assertThat(overlay.all(RabbitmqCluster.class)).hasSize(1);
        assertThat(overlay.all(MongoDBCommunity.class)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void puts_everything_in_one_namespace(String name) {
        Overlay overlay = overlays.get(name);
        List<String> problems = new ArrayList<>();
        assertThat(overlay.all(Namespace.class)).extracting(Overlay::nameOf).containsExactly(NAMESPACE);
        overlay.rendered().stream()
                .filter(object -> !object.path("kind").asText().equals("Namespace"))
                .filter(object -> !NAMESPACE.equals(object.path("metadata").path("namespace").asText()))
                .forEach(object -> problems.add(Kustomization.id(object)));
        assertThat(problems).as("objects outside namespace " + NAMESPACE).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void runs_the_images_compose_builds(String name) {
        Overlay overlay = overlays.get(name);
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : overlay.deployments()) {
            String image = container(deployment).getImage();
            String module = deployment.getMetadata().getName();
            String registry = name.equals("local") ? "" : "registry\\.example/";
            String tag = name.equals("local") ? "local" : "\\d+\\.\\d+\\.\\d+";
            if (!compose.builtModules().containsValue(module)
                    || !image.matches(registry + "paygate/" + Pattern.quote(module) + ":" + tag)) {
                problems.add(module + " runs " + image);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(overlay.all(RabbitmqCluster.class).getFirst().spec().image()).isEqualTo(compose.image("rabbitmq"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void gives_each_service_the_environment_compose_gives_it(String name) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : overlays.get(name).deployments()) {
            String module = deployment.getMetadata().getName();
            Set<String> kubernetes = container(deployment).getEnv().stream().map(EnvVar::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> composed = compose.environmentOf(module);
            Set<String> missing = new TreeSet<>(composed);
            missing.removeAll(kubernetes);
            Set<String> added = new TreeSet<>(kubernetes);
            added.removeAll(composed);
            added.removeAll(ADDED_EVERYWHERE);
            added.removeAll(ADDED.getOrDefault(module, Set.of()));
            if (!missing.isEmpty() || !added.isEmpty()) {
                problems.add(module + ": missing " + missing + ", not in compose " + added);
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void takes_every_secret_from_a_secret_object(String name) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : overlays.get(name).deployments()) {
            for (EnvVar env : container(deployment).getEnv()) {
                boolean fromSecret = env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null;
                if ((SECRET_NAME.matcher(env.getName()).find() || env.getName().equals("MONGODB_URI")) && !fromSecret) {
                    problems.add(Overlay.nameOf(deployment) + " " + env.getName() + " is not a secretKeyRef");
                }
                if (env.getValue() != null && env.getValue().matches(".*://[^/]*@.*")) {
                    problems.add(Overlay.nameOf(deployment) + " " + env.getName() + " holds credentials in a URL");
                }
            }
            if (container(deployment).getEnvFrom() != null && !container(deployment).getEnvFrom().isEmpty()) {
                problems.add(Overlay.nameOf(deployment) + " uses envFrom: name each variable instead");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_local_secrets_script_makes_every_secret_the_manifests_read() throws IOException {
        String script = Files.readString(Overlay.KUBERNETES.resolve("overlays/local/create-secrets.sh"));
        Overlay local = overlays.get("local");
        Set<String> generatedByOperators = local.all(MongoDBCommunity.class).getFirst().spec().users().stream()
                .map(MongoUser::connectionStringSecretName).collect(Collectors.toSet());
        Set<String> referenced = new TreeSet<>();
        for (Deployment deployment : local.deployments()) {
            container(deployment).getEnv().stream()
                    .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                    .forEach(env -> referenced.add(env.getValueFrom().getSecretKeyRef().getName()));
            deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(volume -> volume.getSecret() != null)
                    .forEach(volume -> referenced.add(volume.getSecret().getSecretName()));
        }
        local.all(User.class).forEach(user -> referenced.add(user.spec().importCredentialsSecret().name()));
        local.all(MongoDBCommunity.class).getFirst().spec().users()
                .forEach(user -> referenced.add(user.passwordSecretRef().name()));
        referenced.removeAll(generatedByOperators);
        assertThat(referenced).allSatisfy(secret -> assertThat(script).contains(secret));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void sizes_every_container_and_probes_it_on_its_own_ports(String name) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : overlays.get(name).deployments()) {
            Container container = container(deployment);
            String id = Overlay.nameOf(deployment);
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = container.getResources().getRequests().get(resource);
                Quantity limit = container.getResources().getLimits().get(resource);
                if (request == null || limit == null || request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                    problems.add(id + ": " + resource + " request " + request + ", limit " + limit);
                }
            }
            probe(id, container, container.getReadinessProbe(), "/actuator/health/readiness", problems);
            probe(id, container, container.getLivenessProbe(), "/actuator/health/liveness", problems);
            probe(id, container, container.getStartupProbe(), "/actuator/health/liveness", problems);
        }
        Container gateway = container(overlays.get(name).deployment("api-gateway"));
        assertThat(portNumber(gateway, gateway.getReadinessProbe().getHttpGet().getPort()))
                .as("the gateway is probed on its management port").isEqualTo(GATEWAY_MANAGEMENT_PORT);
        assertThat(problems).isEmpty();
    }

    private static void probe(String id, Container container, Probe probe, String path, List<String> problems) {
        if (probe == null || probe.getHttpGet() == null) {
            problems.add(id + ": no HTTP probe for " + path);
        } else if (!path.equals(probe.getHttpGet().getPath()) || portNumber(container, probe.getHttpGet().getPort()) == null) {
            problems.add(id + ": probe " + probe.getHttpGet().getPath() + " on " + probe.getHttpGet().getPort()
                    + " (wanted " + path + " on a port of the container)");
        }
    }

    private static Integer portNumber(Container container, IntOrString port) {
        return container.getPorts().stream()
                .filter(p -> port.getIntVal() != null ? p.getContainerPort().equals(port.getIntVal()) : port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(null);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void runs_every_pod_restricted_with_a_read_only_root(String name) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : overlays.get(name).deployments()) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = container(deployment);
            String id = Overlay.nameOf(deployment);
            var podSecurity = pod.getSecurityContext();
            var security = container.getSecurityContext();
            check(problems, id + ": runAsNonRoot", podSecurity != null && Boolean.TRUE.equals(podSecurity.getRunAsNonRoot()));
            check(problems, id + ": seccomp RuntimeDefault", podSecurity != null && podSecurity.getSeccompProfile() != null
                    && "RuntimeDefault".equals(podSecurity.getSeccompProfile().getType()));
            check(problems, id + ": no service account token", Boolean.FALSE.equals(pod.getAutomountServiceAccountToken()));
            check(problems, id + ": container securityContext", security != null
                    && Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())
                    && Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())
                    && security.getCapabilities() != null && List.of("ALL").equals(security.getCapabilities().getDrop())
                    && (security.getCapabilities().getAdd() == null || security.getCapabilities().getAdd().isEmpty()));
            // The services write nothing but /tmp (see the Dockerfile and compose's tmpfs).
            check(problems, id + ": /tmp on an emptyDir", container.getVolumeMounts().stream()
                    .filter(mount -> mount.getMountPath().equals("/tmp"))
                    .anyMatch(mount -> pod.getVolumes().stream()
                            .anyMatch(volume -> volume.getName().equals(mount.getName()) && volume.getEmptyDir() != null)));
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void drains_before_it_stops_and_stops_gracefully(String name) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : overlays.get(name).deployments()) {
            Container container = container(deployment);
            var preStop = container.getLifecycle() == null ? null : container.getLifecycle().getPreStop();
            List<String> command = preStop == null || preStop.getExec() == null ? List.of() : preStop.getExec().getCommand();
            Long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            if (command.size() != 2 || !command.getFirst().equals("sleep") || grace == null
                    || grace < Integer.parseInt(command.get(1)) + SHUTDOWN_PHASE_SECONDS + 5) {
                problems.add(Overlay.nameOf(deployment) + ": preStop " + command + ", grace " + grace);
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void puts_every_pod_under_exactly_one_disruption_budget(String name) {
        Overlay overlay = overlays.get(name);
        List<PodDisruptionBudget> budgets = overlay.all(PodDisruptionBudget.class);
        List<String> problems = new ArrayList<>();
        for (Pod pod : pods(overlay)) {
            long covering = budgets.stream().filter(budget -> Reachability.selects(budget.getSpec().getSelector(), pod.labels())).count();
            if (covering != 1) {
                problems.add(pod.name() + " is under " + covering + " budgets");
            }
        }
        budgets.stream().filter(budget -> pods(overlay).stream()
                        .noneMatch(pod -> Reachability.selects(budget.getSpec().getSelector(), pod.labels())))
                .forEach(budget -> problems.add("budget " + Overlay.nameOf(budget) + " covers no pod"));
        budgets.stream().filter(budget -> budget.getSpec().getMaxUnavailable() == null
                        || budget.getSpec().getMaxUnavailable().getIntVal() != 1)
                .forEach(budget -> problems.add("budget " + Overlay.nameOf(budget) + " is not maxUnavailable: 1"));
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void autoscales_the_four_scalable_services_on_cpu(String name) {
        Overlay overlay = overlays.get(name);
        List<HorizontalPodAutoscaler> autoscalers = overlay.all(HorizontalPodAutoscaler.class);
        assertThat(autoscalers).extracting(Overlay::nameOf).containsExactlyInAnyOrderElementsOf(AUTOSCALED);
        for (HorizontalPodAutoscaler autoscaler : autoscalers) {
            var target = autoscaler.getSpec().getScaleTargetRef();
            assertThat(target.getApiVersion() + " " + target.getKind()).isEqualTo("apps/v1 Deployment");
            Deployment deployment = overlay.deployment(target.getName());
            assertThat(deployment.getSpec().getReplicas()).as("replicas of %s, which its autoscaler owns", target.getName()).isNull();
            assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(autoscaler.getSpec().getMetrics()).singleElement().satisfies(metric -> {
                assertThat(metric.getResource().getName()).isEqualTo("cpu");
                assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
            });
        }
        overlay.deployments().stream().filter(deployment -> !AUTOSCALED.contains(Overlay.nameOf(deployment)))
                .forEach(deployment -> assertThat(deployment.getSpec().getReplicas()).as(Overlay.nameOf(deployment)).isNotNull());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void points_every_service_at_pods_and_ports_that_exist(String name) {
        Overlay overlay = overlays.get(name);
        List<String> problems = new ArrayList<>();
        for (Service service : overlay.all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            List<Deployment> selected = overlay.deployments().stream().filter(deployment -> selector != null && !selector.isEmpty()
                    && deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
            if (selected.isEmpty()) {
                problems.add(Overlay.nameOf(service) + " selects no pod");
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                selected.stream().filter(deployment -> portNumber(container(deployment), port.getTargetPort()) == null)
                        .forEach(deployment -> problems.add(Overlay.nameOf(service) + " port " + port.getTargetPort()
                                + " is not a port of " + Overlay.nameOf(deployment)));
            }
        }
        assertThat(problems).isEmpty();
        for (Deployment deployment : overlay.deployments()) {
            assertThat(deployment.getSpec().getSelector().getMatchLabels().entrySet())
                    .isSubsetOf(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void lets_each_pod_reach_only_what_it_needs(String name) {
        Overlay overlay = overlays.get(name);
        List<NetworkPolicy> policies = overlay.all(NetworkPolicy.class);
        assertThat(policies).as("a default deny of everything").anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
            assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
        });
        Set<String> expected = new TreeSet<>(Set.of(
                "api-gateway -> payment-service:8081", "api-gateway -> merchant-service:8082",
                "api-gateway -> webhook-service:8087",
                "payment-service -> mongodb:27017", "payment-service -> rabbitmq:5672",
                "merchant-service -> mongodb:27017",
                "webhook-service -> mongodb:27017", "webhook-service -> rabbitmq:5672",
                "acquirer-piggybank-service -> rabbitmq:5672", "acquirer-lionbank-service -> rabbitmq:5672",
                "rabbitmq -> rabbitmq:4369", "rabbitmq -> rabbitmq:25672", "mongodb -> mongodb:27017"));
        if (name.equals("local")) {
            expected.addAll(Set.of("acquirer-piggybank-service -> piggybank-simulator:8084",
                    "acquirer-lionbank-service -> lionbank-simulator:8585"));
        }
        assertThat(new Reachability(policies, pods(overlay)).insideNamespace()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void admits_from_outside_only_merchants_to_the_gateway_prometheus_and_the_topology_operator(String name) {
        Overlay overlay = overlays.get(name);
        Set<String> expected = new TreeSet<>();
        expected.add("api-gateway:8443 <- anywhere");
        for (Pod pod : pods(overlay)) {
            metricsPort(overlay, pod.name()).ifPresent(port ->
                    expected.add(pod.name() + ":" + port + " <- namespace {kubernetes.io/metadata.name=monitoring}"));
        }
        expected.add("rabbitmq:15692 <- namespace {kubernetes.io/metadata.name=monitoring}");
        expected.add("rabbitmq:15672 <- namespace {kubernetes.io/metadata.name=rabbitmq-system}");
        assertThat(new Reachability(overlay.all(NetworkPolicy.class), pods(overlay)).ingressFromOutside())
                .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void lets_out_only_dns_traces_merchant_webhooks_the_banks_and_the_api_server(String name) {
        Overlay overlay = overlays.get(name);
        Reachability reachability = new Reachability(overlay.all(NetworkPolicy.class), pods(overlay));
        String dns = "[TCP/53, UDP/53] -> namespace {kubernetes.io/metadata.name=kube-system} pods {k8s-app=kube-dns}";
        String otlp = "[TCP/4317, TCP/4318] -> namespace {kubernetes.io/metadata.name=monitoring}";
        String privateRanges = "[10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16]";
        Map<String, Set<String>> expected = new HashMap<>();
        expected.put("webhook-service", Set.of("[TCP/443] -> ipBlock 0.0.0.0/0 except " + privateRanges,
                "[TCP/443] -> ipBlock ::/0 except [fc00::/7, fe80::/10, ::1/128, fd00:ec2::254/128]"));
        expected.put("mongodb", Set.of("[TCP/443, TCP/6443] -> anywhere"));
        if (name.equals("production")) {
            expected.put("acquirer-piggybank-service", Set.of("[TCP/443] -> ipBlock 192.0.2.0/28 except []"));
            expected.put("acquirer-lionbank-service", Set.of("[TCP/8585] -> ipBlock 198.51.100.0/28 except []"));
        }
        List<String> problems = new ArrayList<>();
        for (Pod pod : pods(overlay)) {
            Set<String> egress = new TreeSet<>(reachability.egressToOutside(pod));
            if (!egress.remove(dns)) {
                problems.add(pod.name() + " cannot resolve names");
            }
            if (SERVICES.contains(pod.name()) && !egress.remove(otlp)) {
                problems.add(pod.name() + " cannot send traces");
            }
            if (!egress.equals(expected.getOrDefault(pod.name(), Set.of()))) {
                problems.add(pod.name() + " may also reach " + egress);
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void logs_json_traces_and_exposes_metrics_per_the_observability_contract(String name) {
        Overlay overlay = overlays.get(name);
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : overlay.deployments()) {
            String id = Overlay.nameOf(deployment);
            Map<String, String> env = plainEnv(container(deployment));
            check(problems, id + ": ECS logs", "ecs".equals(env.get("LOGGING_STRUCTURED_FORMAT_CONSOLE")));
            if (SERVICES.contains(id)) {
                check(problems, id + ": OTLP endpoint", "http://otel-collector.monitoring:4318".equals(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")));
                Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
                check(problems, id + ": scrape annotations", annotations != null
                        && "true".equals(annotations.get("prometheus.io/scrape"))
                        && "/actuator/prometheus".equals(annotations.get("prometheus.io/path"))
                        && container(deployment).getPorts().stream()
                                .anyMatch(port -> String.valueOf(port.getContainerPort()).equals(annotations.get("prometheus.io/port"))));
            }
        }
        Deployment gateway = overlay.deployment("api-gateway");
        check(problems, "gateway management on all interfaces", "0.0.0.0".equals(plainEnv(container(gateway)).get("GATEWAY_MANAGEMENT_ADDRESS")));
        check(problems, "gateway scraped on its management port", String.valueOf(GATEWAY_MANAGEMENT_PORT)
                .equals(gateway.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/port")));
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void runs_rabbitmq_with_quorum_queues_and_a_user_per_service_as_compose_does(String name) throws IOException {
        Overlay overlay = overlays.get(name);
        RabbitmqCluster rabbitmq = overlay.all(RabbitmqCluster.class).getFirst();
        assertThat(rabbitmq.spec().replicas()).isEqualTo(name.equals("production") ? 3 : 1);
        assertThat(rabbitmq.spec().rabbitmq().additionalConfig()).contains("default_queue_type = quorum");
        assertThat(rabbitmq.spec().resources().getLimits()).containsKeys("cpu", "memory");
        List<String> problems = new ArrayList<>();
        for (BrokerPermission expected : Compose.rabbitmqPermissions()) {
            String user = "paygate-" + expected.service();
            String secret = "rabbitmq-user-" + expected.service();
            Permission permission = overlay.all(Permission.class).stream().filter(p -> Overlay.nameOf(p.metadata()).equals(user))
                    .findFirst().orElse(null);
            check(problems, user + " has compose's permissions", permission != null
                    && permission.spec().userReference().name().equals(user)
                    && permission.spec().rabbitmqClusterReference().name().equals(Overlay.nameOf(rabbitmq.metadata()))
                    && "/".equals(permission.spec().vhost())
                    && new BrokerPermission(expected.service(), permission.spec().permissions().configure(),
                            permission.spec().permissions().write(), permission.spec().permissions().read()).equals(expected));
            check(problems, user + " takes its credentials from " + secret, overlay.all(User.class).stream()
                    .anyMatch(u -> Overlay.nameOf(u.metadata()).equals(user) && u.spec().importCredentialsSecret().name().equals(secret)));
            Container container = container(overlay.deployment(expected.service()));
            check(problems, expected.service() + " connects as " + user, Stream.of("RABBITMQ_USERNAME", "RABBITMQ_PASSWORD")
                    .allMatch(variable -> container.getEnv().stream().anyMatch(env -> env.getName().equals(variable)
                            && env.getValueFrom().getSecretKeyRef().getName().equals(secret))));
        }
        assertThat(overlay.all(User.class)).hasSameSizeAs(Compose.rabbitmqPermissions());
        assertThat(overlay.all(Permission.class)).hasSameSizeAs(Compose.rabbitmqPermissions());
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void runs_mongodb_as_a_replica_set_with_a_user_per_service(String name) {
        Overlay overlay = overlays.get(name);
        MongoDBCommunity mongodb = overlay.all(MongoDBCommunity.class).getFirst();
        assertThat(mongodb.spec().type()).isEqualTo("ReplicaSet");
        assertThat(mongodb.spec().members()).isEqualTo(name.equals("production") ? 3 : 1);
        assertThat(mongodb.spec().security().authentication().modes()).containsExactly("SCRAM");
        Map<String, MongoUser> users = mongodb.spec().users().stream()
                .collect(Collectors.toMap(MongoUser::connectionStringSecretName, user -> user));
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : overlay.deployments()) {
            container(deployment).getEnv().stream().filter(env -> env.getName().equals("MONGODB_URI")).forEach(env -> {
                var reference = env.getValueFrom().getSecretKeyRef();
                MongoUser user = users.get(reference.getName());
                check(problems, Overlay.nameOf(deployment) + " reads the connection string of its own user", user != null
                        && reference.getKey().equals("connectionString.standard")
                        && user.name().equals("paygate-" + Overlay.nameOf(deployment))
                        && user.roles().size() == 1 && user.roles().getFirst().name().equals("readWrite")
                        && user.scramCredentialsSecretName() != null && user.passwordSecretRef() != null);
            });
        }
        assertThat(problems).isEmpty();
        assertThat(users).hasSize(3);
    }

    @Test
    void sends_production_to_the_real_banks_and_links_webhooks_to_the_public_url() {
        Overlay production = overlays.get("production");
        assertThat(plainEnv(container(production.deployment("acquirer-piggybank-service"))).get("PIGGYBANK_URL"))
                .startsWith("https://").doesNotContain("piggybank:");
        assertThat(plainEnv(container(production.deployment("acquirer-lionbank-service"))).get("LIONBANK_HOST"))
                .isNotEqualTo("lionbank");
        assertThat(plainEnv(container(production.deployment("webhook-service"))).get("WEBHOOK_LINKS_BASE_URL"))
                .startsWith("https://").doesNotContain("localhost");
    }

    /** The namespace's pods: each Deployment's, and those the operators make for RabbitMQ and MongoDB. */
    private static List<Pod> pods(Overlay overlay) {
        List<Pod> pods = new ArrayList<>();
        for (Deployment deployment : overlay.deployments()) {
            pods.add(new Pod(Overlay.nameOf(deployment), deployment.getSpec().getTemplate().getMetadata().getLabels(),
                    container(deployment).getPorts().stream().map(ContainerPort::getContainerPort).collect(Collectors.toSet())));
        }
        for (RabbitmqCluster rabbitmq : overlay.all(RabbitmqCluster.class)) {
            pods.add(new Pod(Overlay.nameOf(rabbitmq.metadata()), rabbitmq.podLabels(), Set.of(4369, 5672, 15672, 15692, 25672)));
        }
        for (MongoDBCommunity mongodb : overlay.all(MongoDBCommunity.class)) {
            pods.add(new Pod(Overlay.nameOf(mongodb.metadata()), mongodb.podLabels(), Set.of(27017)));
        }
        return pods;
    }

    private static java.util.Optional<Integer> metricsPort(Overlay overlay, String pod) {
        return overlay.deployments().stream().filter(deployment -> Overlay.nameOf(deployment).equals(pod))
                .map(deployment -> deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .filter(Objects::nonNull)
                .map(annotations -> annotations.get("prometheus.io/port")).filter(Objects::nonNull)
                .map(Integer::valueOf).findFirst();
    }

    private static Map<String, String> plainEnv(Container container) {
        Map<String, String> env = new HashMap<>();
        container.getEnv().stream().filter(variable -> variable.getValue() != null)
                .forEach(variable -> env.put(variable.getName(), variable.getValue()));
        return env;
    }

    private static void check(List<String> problems, String rule, boolean holds) {
        if (!holds) {
            problems.add(rule);
        }
    }
}
