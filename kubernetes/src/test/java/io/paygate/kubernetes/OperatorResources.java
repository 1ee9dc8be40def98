package io.paygate.kubernetes;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import java.util.List;
import java.util.Map;

/**
 * The operators' custom resources, as far as the manifests use them: the fields and names of their CRDs (RabbitMQ
 * Cluster Operator rabbitmq.com/v1beta1, Messaging Topology Operator, MongoDB Community Operator
 * mongodbcommunity.mongodb.com/v1). Read strictly like the built-in kinds, so a field the CRD does not have fails.
 */
final class OperatorResources {

    private OperatorResources() {
    }

    record RabbitmqCluster(String apiVersion, String kind, ObjectMeta metadata, RabbitmqClusterSpec spec) {

        /** The cluster operator labels its pods with the cluster's name. */
        Map<String, String> podLabels() {
            return Map.of("app.kubernetes.io/name", metadata.getName());
        }
    }

    record RabbitmqClusterSpec(Integer replicas, String image, ResourceRequirements resources, Persistence persistence,
                               Affinity affinity, RabbitmqConfig rabbitmq, Long terminationGracePeriodSeconds) {
    }

    record Persistence(String storageClassName, Quantity storage) {
    }

    record RabbitmqConfig(List<String> additionalPlugins, String additionalConfig, String advancedConfig,
                          String envConfig) {
    }

    record User(String apiVersion, String kind, ObjectMeta metadata, UserSpec spec) {
    }

    record UserSpec(ClusterReference rabbitmqClusterReference, NameReference importCredentialsSecret,
                    List<String> tags) {
    }

    record Permission(String apiVersion, String kind, ObjectMeta metadata, PermissionSpec spec) {
    }

    record PermissionSpec(ClusterReference rabbitmqClusterReference, String vhost, String user,
                          NameReference userReference, Permissions permissions) {
    }

    record Permissions(String configure, String write, String read) {
    }

    record ClusterReference(String name, String namespace, NameReference connectionSecret) {
    }

    record NameReference(String name) {
    }

    record MongoDBCommunity(String apiVersion, String kind, ObjectMeta metadata, MongoDBCommunitySpec spec) {

        /** The community operator labels its pods after the Service it makes, {@code <name>-svc}. */
        Map<String, String> podLabels() {
            return Map.of("app", metadata.getName() + "-svc");
        }
    }

    record MongoDBCommunitySpec(String type, Integer members, String version, Security security, List<MongoUser> users,
                                Map<String, Object> additionalMongodConfig, StatefulSetOverride statefulSet,
                                String featureCompatibilityVersion) {
    }

    record Security(Authentication authentication) {
    }

    record Authentication(List<String> modes, Boolean ignoreUnknownUsers) {
    }

    record MongoUser(String name, String db, SecretKeyReference passwordSecretRef, List<Role> roles,
                     String scramCredentialsSecretName, String connectionStringSecretName) {
    }

    record SecretKeyReference(String name, String key) {
    }

    record Role(String name, String db) {
    }

    record StatefulSetOverride(ObjectMeta metadata, StatefulSetSpec spec) {
    }
}
