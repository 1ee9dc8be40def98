#!/usr/bin/env bash
# Runs the Dockerfile's build stage for one module on this machine, without a Docker engine, and
# checks what the runtime stage would copy:   docker/build-stage.sh payment-service
#
# - the build context is the one Docker would send (.dockerignore applied, see checks.py --context);
# - the RUN command is read from the Dockerfile itself, with /workspace pointing at a temporary
#   copy and `mvn` being the repo's wrapper on JDK 25 (the image runs Maven 3.9 on Temurin 25);
#   ~/.m2 plays the part of the image build's cache mount;
# - the four layers are then merged as the runtime stage's COPY instructions merge them, and the
#   result must hold app.jar, its main class and every jar its manifest's Class-Path names.
# It compiles the module and what it needs: minutes on two cores, so it is not part of
# check-compose.sh. Needs JDK 25 (JAVA_HOME, or /usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail

service="${1:?usage: docker/build-stage.sh <module>}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if ! "$java_home/bin/java" -version 2>&1 | grep -q 'version "25'; then
  java_home=/usr/lib/jvm/temurin-25-jdk-amd64
fi
[ -x "$java_home/bin/java" ] || { echo "no JDK 25 found (set JAVA_HOME)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
context="$work/workspace"
mkdir -p "$context" "$work/bin" "$work/app"

python3 "$here/checks.py" "$root" --context | (cd "$root" && tar -cf - -T -) | tar -xf - -C "$context"
echo "build context: $(find "$context" -type f | wc -l) files"

printf '#!/bin/sh\nexec "%s/mvnw" "$@"\n' "$context" >"$work/bin/mvn"
chmod +x "$work/bin/mvn"
run="$(python3 "$here/checks.py" "$root" --build-run)"
run="${run//\/workspace/$context}"
echo "RUN $run"
(cd "$context" && SERVICE="$service" JAVA_HOME="$java_home" PATH="$work/bin:$java_home/bin:$PATH" sh -c "$run")

for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  [ -d "$context/extracted/$layer" ] || { echo "FAIL layer $layer was not extracted" >&2; exit 1; }
  echo "layer $layer: $(du -sh "$context/extracted/$layer" | cut -f1)"
  cp -a "$context/extracted/$layer/." "$work/app/"
done

python3 - "$work/app" "$service" <<'EOF'
import os, sys, zipfile
app, service = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(os.path.join(app, "app.jar")) as jar:
    manifest = jar.read("META-INF/MANIFEST.MF").decode().replace("\r\n", "\n").replace("\n ", "")
    headers = dict(line.split(": ", 1) for line in manifest.splitlines() if ": " in line)
    main_class = headers.get("Main-Class", "")
    if main_class.replace(".", "/") + ".class" not in jar.namelist():
        sys.exit(f"FAIL main class {main_class or '(none)'} is not in app.jar")
class_path = headers.get("Class-Path", "").split()
missing = [entry for entry in class_path if not os.path.isfile(os.path.join(app, entry))]
if missing:
    sys.exit(f"FAIL Class-Path entries missing from the merged layers: {missing}")
print(f"ok   {service}: app.jar (Main-Class {main_class}) and its {len(class_path)} Class-Path jars,"
      " merged as the runtime stage copies them")
EOF
