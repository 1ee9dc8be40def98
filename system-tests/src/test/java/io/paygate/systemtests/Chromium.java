package io.paygate.systemtests;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Debian's {@code chromium} and {@code chromium-driver}, found on the {@code PATH} or where Debian installs them.
 * Selenium is given both paths, so it never runs Selenium Manager, which would download a browser.
 */
record Chromium(Path browser, Path driver) {

    private static final String INSTALL = "apt-get install -y chromium chromium-driver";

    /**
     * The installed browser. Without one the test is skipped, so that {@code ./mvnw verify} passes on a machine that
     * has only what the README asks for; with {@code PAYGATE_REQUIRE_BROWSER=1} (set by {@code .ci/run}) it fails.
     */
    static Chromium installedOrSkip() {
        Optional<Path> browser = executable("chromium");
        Optional<Path> driver = executable("chromedriver");
        if (browser.isPresent() && driver.isPresent()) {
            return new Chromium(browser.get(), driver.get());
        }
        String missing = "chromium or chromedriver is not installed: " + INSTALL;
        if ("1".equals(System.getenv("PAYGATE_REQUIRE_BROWSER"))) {
            return fail(missing + " (PAYGATE_REQUIRE_BROWSER=1)");
        }
        return abort(missing + ", or set PAYGATE_REQUIRE_BROWSER=1 to fail instead of skipping");
    }

    /**
     * A headless browser that accepts the stack's development certificate and no other untrusted one: Chromium
     * ignores certificate errors only for the public key named in {@code --ignore-certificate-errors-spki-list}
     * (honoured because chromedriver always passes a {@code --user-data-dir}).
     */
    ChromeDriver start(Certificate trusted, int width, int height) {
        ChromeOptions options = new ChromeOptions()
                .setBinary(browser.toFile())
                .addArguments("--headless", "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                        "--ignore-certificate-errors-spki-list=" + publicKeyPin(trusted));
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium refuses to start its sandbox as root (CI containers).
            options.addArguments("--no-sandbox");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
        return new ChromeDriver(service, options);
    }

    /** Base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium pins keys. */
    private static String publicKeyPin(Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> executable(String name) {
        Stream<Path> onThePath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(directory -> !directory.isEmpty()).map(directory -> Path.of(directory, name));
        return Stream.concat(onThePath, Stream.of(Path.of("/usr/bin", name))).filter(Files::isExecutable).findFirst();
    }
}
