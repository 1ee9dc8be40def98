package io.paygate.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the NetworkPolicies of one namespace allow, by the API's rules: a pod selected by no policy of a direction is
 * open in that direction; otherwise a connection needs a rule of a policy selecting it, on the sender's egress side
 * and on the receiver's ingress side. A peer with only a podSelector is a pod of the same namespace; one with a
 * namespaceSelector or an ipBlock is outside it.
 */
final class Reachability {

    record Pod(String name, Map<String, String> labels, Set<Integer> ports) {
    }

    private final List<NetworkPolicy> policies;
    private final List<Pod> pods;

    Reachability(List<NetworkPolicy> policies, List<Pod> pods) {
        this.policies = policies;
        this.pods = pods;
    }

    /** "from -> to:port" for every connection between the namespace's pods that the policies allow. */
    Set<String> insideNamespace() {
        Set<String> allowed = new TreeSet<>();
        for (Pod from : pods) {
            for (Pod to : pods) {
                for (int port : to.ports()) {
                    if (allows(from, "Egress", to, port) && allows(to, "Ingress", from, port)) {
                        allowed.add(from.name() + " -> " + to.name() + ":" + port);
                    }
                }
            }
        }
        return allowed;
    }

    /** "pod:port <- source" for every ingress rule that admits a source outside the namespace. */
    Set<String> ingressFromOutside() {
        Set<String> allowed = new TreeSet<>();
        for (Pod pod : pods) {
            for (int port : pod.ports()) {
                for (var rule : rules(pod, "Ingress")) {
                    if (portMatches(rule.ports(), port)) {
                        if (rule.peers().isEmpty()) {
                            allowed.add(pod.name() + ":" + port + " <- anywhere");
                        }
                        rule.peers().stream().filter(peer -> !inNamespace(peer))
                                .forEach(peer -> allowed.add(pod.name() + ":" + port + " <- " + describe(peer)));
                    }
                }
            }
        }
        return allowed;
    }

    /** "port -> destination" for every egress rule of this pod that reaches outside the namespace. */
    Set<String> egressToOutside(Pod pod) {
        Set<String> allowed = new TreeSet<>();
        for (var rule : rules(pod, "Egress")) {
            String ports = rule.ports() == null || rule.ports().isEmpty() ? "any port"
                    : rule.ports().stream().map(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).sorted().toList().toString();
            if (rule.peers().isEmpty()) {
                allowed.add(ports + " -> anywhere");
            }
            rule.peers().stream().filter(peer -> !inNamespace(peer))
                    .forEach(peer -> allowed.add(ports + " -> " + describe(peer)));
        }
        return allowed;
    }

    private record Rule(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> peers) {
    }

    private List<Rule> rules(Pod pod, String direction) {
        return policies.stream()
                .filter(policy -> policy.getSpec().getPolicyTypes().contains(direction))
                .filter(policy -> selects(policy.getSpec().getPodSelector(), pod.labels()))
                .flatMap(policy -> direction.equals("Ingress")
                        ? policy.getSpec().getIngress().stream().map(r -> new Rule(r.getPorts(), r.getFrom()))
                        : policy.getSpec().getEgress().stream().map(r -> new Rule(r.getPorts(), r.getTo())))
                .toList();
    }

    private boolean allows(Pod pod, String direction, Pod other, int port) {
        boolean isolated = policies.stream().anyMatch(policy -> policy.getSpec().getPolicyTypes().contains(direction)
                && selects(policy.getSpec().getPodSelector(), pod.labels()));
        return !isolated || rules(pod, direction).stream().anyMatch(rule -> portMatches(rule.ports(), port)
                && (rule.peers().isEmpty() || rule.peers().stream()
                        .anyMatch(peer -> inNamespace(peer) && selects(peer.getPodSelector(), other.labels()))));
    }

    private static boolean inNamespace(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() == null && peer.getIpBlock() == null;
    }

    private static String describe(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            return "ipBlock " + peer.getIpBlock().getCidr() + " except " + peer.getIpBlock().getExcept();
        }
        return "namespace " + peer.getNamespaceSelector().getMatchLabels()
                + (peer.getPodSelector() == null ? "" : " pods " + peer.getPodSelector().getMatchLabels());
    }

    private static boolean portMatches(List<NetworkPolicyPort> ports, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> {
            IntOrString value = p.getPort();
            Kustomization.require(value != null && value.getIntVal() != null && p.getEndPort() == null,
                    "NetworkPolicy ports are numbers here, one per entry: " + p);
            return "TCP".equals(p.getProtocol()) && value.getIntVal() == port;
        });
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        boolean matchLabels = selector.getMatchLabels() == null || selector.getMatchLabels().entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
        return matchLabels && (selector.getMatchExpressions() == null
                || selector.getMatchExpressions().stream().allMatch(requirement -> holds(requirement, labels)));
    }

    private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        return switch (requirement.getOperator()) {
            case "In" -> requirement.getValues().contains(value);
            case "NotIn" -> value == null || !requirement.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("selector operator " + requirement.getOperator());
        };
    }
}
