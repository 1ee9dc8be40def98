"""Structural checks of docker-compose.yml, its configuration under docker/ (Prometheus, the OpenTelemetry
collector, Jaeger, Grafana and its dashboards), Dockerfile and .dockerignore, run by check-compose.sh.

Reads the files as written (YAML anchors and merge keys resolved, variables not interpolated), so
the result does not depend on which compose implementation is installed. Prints one line per check:
"PASS|message" or "FAIL|message".

  checks.py ROOT              the checks
  checks.py ROOT --context    the files Docker would send as build context (.dockerignore applied)
  checks.py ROOT --build-run  the build stage's RUN command, without its --mount flags
  checks.py ROOT --dashboard-rules  every Grafana dashboard expression as a rule file, for promtool check rules
"""

import json
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()

# Ports from the shared brief; the health check of each service must hit its own.
SERVICE_PORTS = {
    "api-gateway": 8443,
    "payment-service": 8081,
    "merchant-service": 8082,
    "acquirer-piggybank-service": 8083,
    "piggybank-simulator": 8084,
    "acquirer-lionbank-service": 8085,
    "lionbank-simulator": 8086,
    "webhook-service": 8087,
}
REPLICATED = {"payment-service": 2, "acquirer-piggybank-service": 2, "acquirer-lionbank-service": 2}
SECRETS = {
    "PAYGATE_ADMIN_TOKENS",
    "CARD_ENCRYPTION_KEYS",
    "CARD_ENCRYPTION_ACTIVE_KEY",
    "GATEWAY_KEYSTORE_PASSWORD",
    "GATEWAY_SIGNING_KEYS",
    "MESSAGE_SIGNING_KEYS",
    "WEBHOOK_SECRET_KEYS",
    "RABBITMQ_ADMIN_PASSWORD",
    "PAYMENT_SERVICE_RABBITMQ_PASSWORD",
    "ACQUIRER_PIGGYBANK_SERVICE_RABBITMQ_PASSWORD",
    "ACQUIRER_LIONBANK_SERVICE_RABBITMQ_PASSWORD",
    "WEBHOOK_SERVICE_RABBITMQ_PASSWORD",
    "GRAFANA_ADMIN_PASSWORD",
}
GATEWAY_MANAGEMENT_PORT = 8445
LAYERS = ["dependencies", "spring-boot-loader", "snapshot-dependencies", "application"]

# Long-running services that Docker cannot probe, and why; nothing may wait for their health.
UNPROBED = {"otel-collector": "its image holds the collector alone (no shell, no HTTP client); Prometheus scrapes it"}


def report(ok, message):
    print(("PASS|" if ok else "FAIL|") + message.replace("\n", " "))


def read(name):
    with open(os.path.join(ROOT, name), encoding="utf-8") as handle:
        return handle.read()


def reactor_modules():
    tree = ElementTree.parse(os.path.join(ROOT, "pom.xml"))
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    return [module.text.strip() for module in tree.getroot().findall("m:modules/m:module", namespace)]


def environment(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return env


def memory_limit(service):
    return (((service.get("deploy") or {}).get("resources") or {}).get("limits") or {}).get("memory")


def depends_on(service):
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: {} for name in deps}
    return deps


# --- compose -------------------------------------------------------------------------------------

def check_compose():
    import yaml  # only the compose checks need PyYAML; --context and --build-run work without it

    compose = yaml.safe_load(read("docker-compose.yml"))
    services = compose.get("services") or {}
    modules = reactor_modules()

    report("version" not in compose, "compose file follows the Compose spec (no 'version' key)")

    one_shot = {name for name, svc in services.items() if str(svc.get("restart", "no")) == "no"}
    long_running = set(services) - one_shot

    for name in sorted(long_running):
        check = services[name].get("healthcheck") or {}
        if name in UNPROBED:
            report(not check.get("test"), f"{name} has no health check: {UNPROBED[name]}")
        else:
            report(bool(check.get("test")) and not check.get("disable"), f"{name} has a health check")
        report(services[name].get("restart") == "unless-stopped", f"{name} restarts unless stopped")
        report(str(services[name].get("stop_grace_period")) == "30s", f"{name} has a 30s stop grace period")
    for name in sorted(services):
        report(memory_limit(services[name]) is not None, f"{name} has a memory limit (deploy.resources.limits.memory)")

    # One-shot jobs need no health check, but everything waiting on them must wait for success.
    for name, svc in sorted(services.items()):
        for target, spec in sorted(depends_on(svc).items()):
            condition = (spec or {}).get("condition")
            expected = "service_completed_successfully" if target in one_shot else "service_healthy"
            report(target in services and condition == expected and target not in UNPROBED,
                   f"{name} depends on {target} with condition {expected}")
    for name in sorted(one_shot):
        awaited = any(
            (depends_on(svc).get(name) or {}).get("condition") == "service_completed_successfully"
            for svc in services.values())
        report(awaited, f"one-shot {name} is awaited with service_completed_successfully")

    # The gateway signs every request it forwards and the services it forwards to take nothing unsigned: each needs
    # the gateway's signing keys.
    for name in ("api-gateway", "payment-service", "merchant-service", "webhook-service"):
        report("GATEWAY_SIGNING_KEYS" in environment(services.get(name) or {}), f"{name} has GATEWAY_SIGNING_KEYS")

    built = {}
    for name, svc in sorted(services.items()):
        build = svc.get("build")
        if build is None:
            continue
        if isinstance(build, str):
            build = {"context": build}
        module = (build.get("args") or {}).get("SERVICE")
        built[module] = name
        report(module is not None, f"{name} passes build arg SERVICE")
        if module is None:
            continue
        report(os.path.isfile(os.path.join(ROOT, module, "pom.xml")) and module in modules,
               f"{name}: SERVICE={module} is a reactor module with a pom.xml")
        report(build.get("context", ".") == "." and build.get("dockerfile", "Dockerfile") == "Dockerfile",
               f"{name} is built from the one root Dockerfile")
        env = environment(svc)
        report(env.get("SPRING_PROFILES_ACTIVE") == "docker", f"{name} runs the docker profile")
        test = " ".join(str(part) for part in (svc.get("healthcheck") or {}).get("test") or [])
        # The gateway's on its management listener: its public port serves no /actuator.
        port = GATEWAY_MANAGEMENT_PORT if module == "api-gateway" else SERVICE_PORTS.get(module)
        report(port is not None and f"http://localhost:{port}/actuator/health" in test,
               f"{name} health check calls http://localhost:{port}/actuator/health")
        report(svc.get("read_only") is True and "no-new-privileges:true" in (svc.get("security_opt") or []),
               f"{name} runs with a read-only root file system and no-new-privileges")
        if "MONGODB_URI" in env:
            report(env["MONGODB_URI"] == "mongodb://mongo:27017/?replicaSet=rs0", f"{name} uses the rs0 replica set")
        if "RABBITMQ_URI" in env:
            password = module.upper().replace("-", "_") + "_RABBITMQ_PASSWORD"
            report(env["RABBITMQ_URI"] == "amqp://rabbitmq:5672"
                   and env.get("RABBITMQ_USERNAME") == f"paygate-{module}"
                   and str(env.get("RABBITMQ_PASSWORD", "")).startswith("${" + password + ":?"),
                   f"{name} reaches rabbitmq as its own user, paygate-{module}, with {password}")
            report(str(env.get("MESSAGE_SIGNING_KEYS", "")).startswith("${MESSAGE_SIGNING_KEYS:?"),
                   f"{name} signs and checks messages with MESSAGE_SIGNING_KEYS")
        for secret in sorted(SECRETS & set(env)):
            value = str(env[secret])
            report(value.startswith("${" + secret + ":?"), f"{name}: {secret} is required from .env, never defaulted")

    report(set(built) == set(SERVICE_PORTS),
           f"every runnable module has a service (built: {sorted(built)})")

    for module, replicas in REPLICATED.items():
        svc = services.get(built.get(module), {})
        report((svc.get("deploy") or {}).get("replicas") == replicas and not svc.get("ports")
               and not svc.get("container_name"),
               f"{module} runs {replicas} replicas without a fixed host port or container name")

    gateway = services.get(built.get("api-gateway"), {})
    report("8443:8443" in [str(port) for port in gateway.get("ports") or []], "api-gateway publishes 8443")
    admin_ports = [str(port) for port in gateway.get("ports") or [] if str(port).endswith(":8444")]
    report(admin_ports == ["127.0.0.1:8444:8444"],
           f"api-gateway publishes the admin listener 8444 on the host's loopback only ({admin_ports})")
    published = [str(port) for svc in services.values() for port in svc.get("ports") or []]
    report(all(port.startswith("127.0.0.1:") for port in published if port != "8443:8443"),
           f"nothing but the API (8443) is published beyond the host's loopback ({published})")
    report("gateway-certs:/certs:ro" in (gateway.get("volumes") or []), "api-gateway mounts the keystore volume read-only")
    gateway_env = environment(gateway)
    report(gateway_env.get("GATEWAY_KEYSTORE") == "/certs/gateway.p12", "api-gateway reads /certs/gateway.p12")

    mongo = services.get("mongo", {})
    command = [str(part) for part in mongo.get("command") or []]
    report(mongo.get("image", "").startswith("mongo:8.0") and "--replSet" in command
           and command[command.index("--replSet") + 1] == "rs0", "mongo 8.0 runs as replica set rs0")
    mongo_test = " ".join(str(part) for part in (mongo.get("healthcheck") or {}).get("test") or [])
    report("rs.initiate" in mongo_test and "isWritablePrimary" in mongo_test,
           "mongo health check initiates the replica set and waits for a primary")
    rabbit = services.get("rabbitmq", {})
    report(rabbit.get("image", "").startswith("rabbitmq:4") and "management" in rabbit.get("image", ""),
           "rabbitmq 4 with the management UI")

    certs_env = environment(services.get("certs", {}))
    return certs_env.get("KEYSTORE_OWNER")


# --- the operator's view: Prometheus, Grafana, OpenTelemetry collector, Jaeger -----------------

# Where each service serves metrics: the built modules' /actuator/prometheus on their own port (the gateway's on its
# management listener; the bank simulators serve none), and the other services' own endpoints.
ACTUATOR_METRICS = {module: port for module, port in SERVICE_PORTS.items() if not module.endswith("-simulator")}
ACTUATOR_METRICS["api-gateway"] = GATEWAY_MANAGEMENT_PORT
OTHER_METRICS = {"rabbitmq": (15692, "/metrics"), "otel-collector": (8888, "/metrics"), "prometheus": (9090, "/metrics")}
UIS = {"prometheus": 9090, "grafana": 3000, "jaeger": 16686}
OTLP_ENDPOINT = "http://otel-collector:4318"
METRIC_NAMES = "docker/prometheus/metric-names.txt"
DASHBOARDS = "docker/grafana/dashboards"
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
                "offset", "inf", "nan"}


def load_yaml(name):
    import yaml
    return yaml.safe_load(read(name))


def bind_mounts(service):
    """(source, target, read_only) of each bind mount given in short syntax."""
    mounts = []
    for volume in service.get("volumes") or []:
        parts = str(volume).split(":")
        if parts[0].startswith("./"):
            mounts.append((os.path.normpath(parts[0]), parts[1], parts[2:] == ["ro"]))
    return mounts


def mounted_file(service, target):
    """The repository path that a bind mount of the service shows at target, or None."""
    for source, mount, _ in bind_mounts(service):
        if target == mount or target.startswith(mount.rstrip("/") + "/"):
            return os.path.normpath(source + target[len(mount):])
    return None


def metric_names(expr):
    """The metric names a PromQL expression reads."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    expr = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", expr)
    expr = re.sub(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    names = set()
    for match in re.finditer(r"(?<![\w.$])[A-Za-z_:][A-Za-z0-9_:]*", expr):
        if not expr[match.end():].lstrip().startswith("(") and match.group(0).lower() not in PROMQL_WORDS:
            names.add(match.group(0))
    return names


def dashboard_queries(dashboard):
    """(where, PromQL) of every panel target and every query variable (label_values' metric)."""
    queries = []
    panels = list(dashboard.get("panels") or [])
    while panels:
        panel = panels.pop(0)
        panels.extend(panel.get("panels") or [])
        for target in panel.get("targets") or []:
            if target.get("expr"):
                queries.append((f"panel '{panel.get('title')}' {target.get('refId')}", target["expr"]))
    for variable in (dashboard.get("templating") or {}).get("list") or []:
        query = variable.get("query")
        query = query.get("query") if isinstance(query, dict) else query
        if variable.get("type") == "query" and query:
            match = re.fullmatch(r"\s*label_values\((.*),\s*\w+\)\s*", query)
            queries.append((f"variable {variable['name']}", match.group(1) if match else query))
    return queries


def substituted(expr):
    """A dashboard expression as Prometheus would receive it: Grafana's variables replaced."""
    expr = re.sub(r"\$__(?:rate_)?interval|\$\{__(?:rate_)?interval\}", "1m", expr)
    return re.sub(r"\$\{?\w+\}?", ".*", expr)


def datasource_refs(node):
    if isinstance(node, dict):
        if isinstance(node.get("datasource"), dict):
            yield node["datasource"]
        for value in node.values():
            yield from datasource_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from datasource_refs(value)


def check_observability():
    compose = load_yaml("docker-compose.yml")
    services = compose.get("services") or {}
    built = {((svc.get("build") or {}).get("args") or {}).get("SERVICE"): name
             for name, svc in services.items() if isinstance(svc.get("build"), dict)}
    missing = [name for name in ["prometheus", "grafana", "otel-collector", "jaeger"] if name not in services]
    report(not missing, f"compose runs prometheus, grafana, otel-collector and jaeger {missing or ''}")
    if missing:
        return

    for name, svc in sorted(services.items()):
        image = svc.get("image")
        if image:
            tag = image.rpartition(":")[2] if ":" in image.rpartition("/")[2] else ""
            full = name not in UIS and name != "otel-collector" or re.fullmatch(r"v?\d+\.\d+\.\d+", tag)
            report(bool(tag) and tag != "latest" and bool(full), f"{name}: image {image} is pinned")
        for source, target, read_only in bind_mounts(svc):
            report(read_only and os.path.exists(os.path.join(ROOT, source)),
                   f"{name} mounts {source} (in the repository) read-only at {target}")

    for name, port in sorted(UIS.items()):
        report([str(p) for p in services[name].get("ports") or []] == [f"127.0.0.1:{port}:{port}"],
               f"{name} publishes its UI on the host's loopback only, port {port}")
    report(not services["otel-collector"].get("ports"), "otel-collector publishes nothing (OTLP stays in the network)")

    for module, name in sorted(built.items()):
        env = environment(services[name])
        report(env.get("OTEL_EXPORTER_OTLP_ENDPOINT") == OTLP_ENDPOINT and env.get("LOGGING_STRUCTURED_FORMAT_CONSOLE") == "ecs",
               f"{name} exports spans to {OTLP_ENDPOINT} and logs JSON (ECS)")
    gateway = services[built["api-gateway"]]
    report(environment(gateway).get("GATEWAY_MANAGEMENT_ADDRESS") == "0.0.0.0"
           and not any(str(p).endswith(f":{ACTUATOR_METRICS['api-gateway']}") for p in gateway.get("ports") or []),
           "api-gateway's management listener is reachable in the network and not published")
    plugins = str(environment(services["rabbitmq"]).get("RABBITMQ_ENABLED_PLUGINS", "")).split(",")
    report({"rabbitmq_management", "rabbitmq_prometheus"} <= set(plugins), "rabbitmq enables the management and prometheus plugins")

    check_prometheus(services, built)
    check_collector(services)
    check_grafana(services)


def config_of(services, name, target):
    """The parsed configuration file a service reads from a bind mount at target."""
    path = mounted_file(services[name], target)
    report(path is not None, f"{name} reads {target} from the repository")
    return load_yaml(path) if path else {}


def check_prometheus(services, built):
    command = [str(part) for part in services["prometheus"].get("command") or []]
    config_file = next((part.split("=", 1)[1] for part in command if part.startswith("--config.file=")), "")
    config = config_of(services, "prometheus", config_file)
    endpoints = {built[module]: (port, "/actuator/prometheus") for module, port in ACTUATOR_METRICS.items()}
    endpoints.update(OTHER_METRICS)
    scraped = set()
    for job in config.get("scrape_configs") or []:
        path = job.get("metrics_path", "/metrics")
        targets = [(target.rpartition(":")[0], target.rpartition(":")[2], "static")
                   for static in job.get("static_configs") or [] for target in static.get("targets") or []]
        targets += [(host, str(dns.get("port")), dns.get("type"))
                    for dns in job.get("dns_sd_configs") or [] for host in dns.get("names") or []]
        report(bool(targets) and set(job) <= {"job_name", "metrics_path", "static_configs", "dns_sd_configs"},
               f"prometheus job {job.get('job_name')} has targets and no settings the checks do not know")
        for host, port, kind in targets:
            service = "prometheus" if host == "localhost" else host
            scraped.add(service)
            expected = endpoints.get(service)
            report(expected == (int(port), path),
                   f"prometheus scrapes {host}:{port}{path}, a compose service's metrics endpoint {expected or ''}")
            replicas = (services.get(service, {}).get("deploy") or {}).get("replicas", 1)
            if replicas > 1:
                report(kind == "A", f"prometheus finds each of {service}'s {replicas} replicas (dns_sd_configs type A)")
    report(set(endpoints) <= scraped, f"prometheus scrapes every service that serves metrics {sorted(set(endpoints) - scraped) or ''}")
    for name in UNPROBED:
        report(name in scraped, f"{name}, which Docker cannot probe, is scraped by prometheus")


def pipeline_components(config):
    """(kind, id) of every component the pipelines and the service use; each must be defined."""
    service = config.get("service") or {}
    used = {("extensions", name) for name in service.get("extensions") or []}
    for pipeline in (service.get("pipelines") or {}).values():
        for kind in ("receivers", "processors", "exporters"):
            used |= {(kind, name) for name in pipeline.get(kind) or []}
    return used


def check_collector(services):
    collector = config_of(services, "otel-collector", "/etc/otelcol-contrib/config.yaml")
    jaeger = config_of(services, "jaeger", "/etc/jaeger/config.yaml")
    for name, config in (("otel-collector", collector), ("jaeger", jaeger)):
        undefined = sorted(f"{kind}.{component}" for kind, component in pipeline_components(config)
                           if component not in (config.get(kind) or {}))
        report(not undefined and (config.get("service") or {}).get("pipelines", {}).get("traces"),
               f"{name}'s traces pipeline uses only components it defines {undefined or ''}")
    protocols = ((collector.get("receivers") or {}).get("otlp") or {}).get("protocols") or {}
    report((protocols.get("grpc") or {}).get("endpoint") == "0.0.0.0:4317"
           and (protocols.get("http") or {}).get("endpoint") == "0.0.0.0:4318",
           "otel-collector receives OTLP on 4317 (gRPC) and 4318 (HTTP, the services' OTEL_EXPORTER_OTLP_ENDPOINT)")
    exporters = (collector.get("service") or {}).get("pipelines", {}).get("traces", {}).get("exporters") or []
    jaeger_otlp = (((jaeger.get("receivers") or {}).get("otlp") or {}).get("protocols") or {}).get("grpc") or {}
    report(any(name.split("/")[0] == "otlp_grpc" and ((collector.get("exporters") or {}).get(name) or {}).get("endpoint")
               == "jaeger:" + str(jaeger_otlp.get("endpoint", "")).rpartition(":")[2] for name in exporters),
           "otel-collector exports traces over OTLP gRPC to the port on which jaeger receives them")
    readers = (((collector.get("service") or {}).get("telemetry") or {}).get("metrics") or {}).get("readers") or []
    ports = [((reader.get("pull") or {}).get("exporter") or {}).get("prometheus", {}).get("port") for reader in readers]
    report(OTHER_METRICS["otel-collector"][0] in ports, "otel-collector serves its own metrics where prometheus scrapes them")
    health = str(((jaeger.get("extensions") or {}).get("healthcheckv2") or {}).get("http", {}).get("endpoint", ""))
    test = " ".join(str(part) for part in (services["jaeger"].get("healthcheck") or {}).get("test") or [])
    report(bool(health) and f"localhost:{health.rpartition(':')[2]}/status" in test,
           "jaeger's health check calls its healthcheckv2 endpoint")


def check_grafana(services):
    grafana = services["grafana"]
    provisioning = mounted_file(grafana, "/etc/grafana/provisioning")
    report(provisioning is not None, "grafana reads its provisioning from the repository")
    if provisioning is None:
        return
    sources = []
    for name in sorted(os.listdir(os.path.join(ROOT, provisioning, "datasources"))):
        sources += load_yaml(os.path.join(provisioning, "datasources", name)).get("datasources") or []
    uids = {source.get("uid"): source for source in sources}
    report(len(uids) == len(sources) and None not in uids, f"grafana's data sources have unique uids {sorted(map(str, uids))}")
    expected = {"prometheus": f"http://prometheus:{UIS['prometheus']}", "jaeger": f"http://jaeger:{UIS['jaeger']}"}
    for kind, url in expected.items():
        report(any(source.get("type") == kind and source.get("url") == url for source in sources),
               f"grafana has a {kind} data source at {url}")
    for source in sources:
        for destination in (source.get("jsonData") or {}).get("exemplarTraceIdDestinations") or []:
            report(destination.get("datasourceUid") in uids, f"exemplars of {source.get('name')} link to a provisioned data source")

    providers = []
    for name in sorted(os.listdir(os.path.join(ROOT, provisioning, "dashboards"))):
        providers += load_yaml(os.path.join(provisioning, "dashboards", name)).get("providers") or []
    folders = [mounted_file(grafana, (provider.get("options") or {}).get("path", "")) for provider in providers]
    report(folders == [DASHBOARDS], f"grafana provisions the dashboards of {DASHBOARDS} ({folders})")
    home = environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")
    report(home is None or os.path.isfile(os.path.join(ROOT, mounted_file(grafana, home) or "-")),
           f"grafana's home dashboard {home} is a provisioned file")
    report(str(environment(grafana).get("GF_SECURITY_ADMIN_PASSWORD", "")).startswith("${GRAFANA_ADMIN_PASSWORD:?"),
           "grafana's admin password is required from .env, never defaulted")

    known = set()
    if os.path.isfile(os.path.join(ROOT, METRIC_NAMES)):
        known = {line.split()[0] for line in read(METRIC_NAMES).splitlines() if line.strip() and not line.startswith("#")}
    report(bool(known), f"{METRIC_NAMES} lists the metric names the services export")
    for name in sorted(os.listdir(os.path.join(ROOT, DASHBOARDS))):
        try:
            dashboard = json.loads(read(os.path.join(DASHBOARDS, name)))
        except ValueError as error:
            report(False, f"dashboard {name} is not valid JSON: {error}")
            continue
        check_dashboard(name, dashboard, uids, known)


def check_dashboard(name, dashboard, uids, known):
    report(bool(dashboard.get("uid")) and dashboard.get("schemaVersion", 0) >= 36 and "id" not in dashboard,
           f"dashboard {name} has a uid, a current schema version and no database id")
    variables = {variable.get("name"): variable for variable in (dashboard.get("templating") or {}).get("list") or []}
    wrong = []
    for reference in datasource_refs(dashboard):
        uid = str(reference.get("uid", ""))
        variable = variables.get(re.sub(r"^\$\{?(\w+)\}?$", r"\1", uid)) if uid.startswith("$") else None
        if variable is not None:
            ok = (variable.get("type") == "datasource" and variable.get("query") == reference.get("type")
                  and (variable.get("current") or {}).get("value") in uids)
        else:
            ok = uid in uids and uids[uid].get("type") == reference.get("type") or uid == "-- Grafana --"
        if not ok:
            wrong.append(uid)
    report(not wrong, f"dashboard {name} uses provisioned data sources only {sorted(set(wrong)) or ''}")

    boxes = []
    for panel in dashboard.get("panels") or []:
        grid = panel.get("gridPos") or {}
        x, y, w, h = (grid.get(key, -1) for key in ("x", "y", "w", "h"))
        boxes.append((x, y, w, h, panel.get("title")))
    outside = [title for x, y, w, h, title in boxes if x < 0 or y < 0 or w <= 0 or h <= 0 or x + w > 24]
    overlapping = [(a[4], b[4]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]]
    report(not outside and not overlapping, f"dashboard {name}'s panels fit the 24-column grid without overlapping "
                                            f"{outside or ''}{overlapping or ''}")
    for where, expr in dashboard_queries(dashboard):
        unknown = metric_names(substituted(expr)) - known
        report(not unknown, f"dashboard {name}, {where}: every metric is one the services export {sorted(unknown) or ''}")


def dashboard_rules():
    """Every dashboard expression as a Prometheus rule file, for promtool check rules."""
    import yaml
    rules = []
    for name in sorted(os.listdir(os.path.join(ROOT, DASHBOARDS))):
        for where, expr in dashboard_queries(json.loads(read(os.path.join(DASHBOARDS, name)))):
            rules.append({"record": f"dashboard:{len(rules)}", "expr": substituted(expr),
                          "labels": {"source": f"{name} {where}"}})
    print(yaml.safe_dump({"groups": [{"name": "dashboards", "rules": rules}]}, sort_keys=False))


# --- Dockerfile ----------------------------------------------------------------------------------

def dockerfile_stages():
    """Instructions of each stage, continuation lines joined, comments dropped."""
    instructions, current = [], ""
    for line in read("Dockerfile").splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue
        current += " " + stripped[:-1] if stripped.endswith("\\") else " " + stripped
        if not stripped.endswith("\\"):
            instructions.append(current.strip())
            current = ""
    stages = []
    for instruction in instructions:
        keyword = instruction.split(None, 1)[0].upper()
        if keyword == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((keyword, instruction.split(None, 1)[1] if " " in instruction else ""))
    return stages


def check_dockerfile(keystore_owner):
    stages = dockerfile_stages()
    report(len(stages) == 2, "Dockerfile has a build stage and a runtime stage")
    if len(stages) < 2:
        return
    build, runtime = stages[0], stages[-1]

    build_from = build[0][1]
    report(build_from.startswith("maven:3.9-eclipse-temurin-25") or build_from.startswith("eclipse-temurin:25-jdk"),
           f"build stage uses a JDK 25 image ({build_from.split()[0]})")
    report(("ARG", "SERVICE") in build, "build stage takes ARG SERVICE")
    runs = " ".join(args for keyword, args in build if keyword == "RUN")
    report("--mount=type=cache,target=/root/.m2" in runs, "Maven repository is a cache mount")
    report(re.search(r'-pl "?\$\{?SERVICE\}?"? -am', runs) is not None and "package" in runs,
           "build stage builds only the selected module and what it needs (-pl $SERVICE -am)")
    report("-Djarmode=tools" in runs and "extract --layers" in runs, "build stage extracts the layered jar (jarmode tools)")

    report(runtime[0][1].split()[0] == "eclipse-temurin:25-jre", "runtime stage is eclipse-temurin:25-jre")
    users = [args.strip() for keyword, args in runtime if keyword == "USER"]
    user = users[-1] if users else ""
    report(bool(user) and user.split(":")[0] not in ("root", "0"), f"runtime stage runs as a non-root USER ({user or 'none'})")
    report(re.fullmatch(r"\d+:\d+", user) is not None, "runtime USER is a numeric uid:gid (Kubernetes runAsNonRoot can verify it)")
    report(keystore_owner == user, f"certs service hands the keystore to the image's user ({keystore_owner} = {user})")
    last_user = max(index for index, (keyword, _) in enumerate(runtime) if keyword == "USER") if users else -1
    report(all(keyword != "RUN" for keyword, _ in runtime[last_user + 1:]), "nothing runs as root after USER")

    copies = [args for keyword, args in runtime if keyword == "COPY" and "--from=" in args]
    copied_layers = [layer for args in copies for layer in LAYERS if f"/extracted/{layer}/" in args]
    report(copied_layers == LAYERS, "runtime stage copies each jar layer separately, least changed first")

    entrypoints = [args for keyword, args in runtime if keyword == "ENTRYPOINT"]
    try:
        entrypoint = json.loads(entrypoints[-1]) if entrypoints else []
    except ValueError:
        entrypoint = []
    report(bool(entrypoint) and entrypoint[0] == "java", "ENTRYPOINT is exec form starting java (PID 1 gets SIGTERM)")
    report(any(flag.startswith("-XX:MaxRAMPercentage=") for flag in entrypoint), "JVM heap follows the container memory limit")
    report(entrypoint[-2:] == ["-jar", "app.jar"] or entrypoint[-1:] == ["org.springframework.boot.loader.launch.JarLauncher"],
           "ENTRYPOINT launches the extracted application")


# --- .dockerignore -------------------------------------------------------------------------------

def ignore_rules():
    rules = []
    for line in read(".dockerignore").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = os.path.normpath(line.lstrip("!").lstrip("/"))
        regex, i = "", 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                regex, i = regex + "(?:.*/)?", i + 3
            elif pattern.startswith("**", i):
                regex, i = regex + ".*", i + 2
            elif pattern[i] == "*":
                regex, i = regex + "[^/]*", i + 1
            elif pattern[i] == "?":
                regex, i = regex + "[^/]", i + 1
            else:
                regex, i = regex + re.escape(pattern[i]), i + 1
        rules.append((re.compile(regex + r"\Z"), negate))
    return rules


def ignored(path, rules):
    """Docker's rule: the last matching pattern wins; a pattern matching a parent matches the path."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    result = False
    for regex, negate in rules:
        if any(regex.match(prefix) for prefix in prefixes):
            result = not negate
    return result


def check_dockerignore():
    rules = ignore_rules()
    modules = reactor_modules()
    needed = ["pom.xml", ".mvn/wrapper/maven-wrapper.properties"] + [f"{module}/pom.xml" for module in modules]
    needed += [f"{module}/src/main/java/io/paygate/Example.java" for module in modules if module != "system-tests"]
    needed += [f"{module}/src/main/resources/application.yml" for module in SERVICE_PORTS]
    leaked = [path for path in needed if ignored(path, rules)]
    report(not leaked, f".dockerignore keeps the reactor in the build context {leaked or ''}")
    kept_out = [".env", ".git/HEAD", "payment-service/target/payment-service.jar", "target/x", ".paygate/mongo/db"]
    kept = [path for path in kept_out if not ignored(path, rules)]
    report(not kept, f".dockerignore keeps secrets, VCS data and build output out {kept or ''}")


def check_env_example():
    path = os.path.join(ROOT, ".env.example")
    values = {}
    if os.path.isfile(path):
        for line in read(".env.example").splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip()
    report(SECRETS <= set(values), ".env.example names every required secret")
    report(all(not values.get(secret) for secret in SECRETS), ".env.example holds no secret value")


def list_context():
    rules = ignore_rules()
    for directory, subdirectories, files in os.walk(ROOT):
        relative = os.path.relpath(directory, ROOT)
        prefix = "" if relative == "." else relative + "/"
        subdirectories[:] = [name for name in subdirectories if not ignored(prefix + name, rules)]
        for name in files:
            if not ignored(prefix + name, rules):
                print(prefix + name)


def build_run_command():
    build = dockerfile_stages()[0]
    command = " ".join(args for keyword, args in build if keyword == "RUN")
    print(re.sub(r"--mount=\S+\s+", "", command))


MODES = {"--context": list_context, "--build-run": build_run_command, "--dashboard-rules": dashboard_rules}

if len(sys.argv) > 2:
    MODES[sys.argv[2]]()
else:
    keystore_owner = check_compose()
    check_observability()
    check_dockerfile(keystore_owner)
    check_dockerignore()
    check_env_example()
