"""Structural checks of docker-compose.yml, Dockerfile and .dockerignore, run by check-compose.sh.

Reads the files as written (YAML anchors and merge keys resolved, variables not interpolated), so
the result does not depend on which compose implementation is installed. Prints one line per check:
"PASS|message" or "FAIL|message".

  checks.py ROOT              the checks
  checks.py ROOT --context    the files Docker would send as build context (.dockerignore applied)
  checks.py ROOT --build-run  the build stage's RUN command, without its --mount flags
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
}
LAYERS = ["dependencies", "spring-boot-loader", "snapshot-dependencies", "application"]


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
            report(target in services and condition == expected,
                   f"{name} depends on {target} with condition {expected}")
    for name in sorted(one_shot):
        awaited = any(
            (depends_on(svc).get(name) or {}).get("condition") == "service_completed_successfully"
            for svc in services.values())
        report(awaited, f"one-shot {name} is awaited with service_completed_successfully")

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
        port = SERVICE_PORTS.get(module)
        scheme = "https" if module == "api-gateway" else "http"
        report(port is not None and f"{scheme}://localhost:{port}/actuator/health" in test,
               f"{name} health check calls {scheme}://localhost:{port}/actuator/health")
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


MODES = {"--context": list_context, "--build-run": build_run_command}

if len(sys.argv) > 2:
    MODES[sys.argv[2]]()
else:
    keystore_owner = check_compose()
    check_dockerfile(keystore_owner)
    check_dockerignore()
    check_env_example()
