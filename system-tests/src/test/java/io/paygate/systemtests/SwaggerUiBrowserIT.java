package io.paygate.systemtests;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A developer's first payment from Swagger UI in a real browser (headless Chromium), through the gateway over HTTPS:
 * what {@link SwaggerUiIT} checks piece by piece, clicked through as a whole.
 */
@ExtendWith(SharedStack.Extension.class)
class SwaggerUiBrowserIT {

    private static final String APPROVED_CARD = "4111111111111111";
    private static final Path SCREENSHOT =
            Path.of("target", "screenshots", "swagger-ui-try-it-out.png").toAbsolutePath();

    private Chromium chromium;
    private ChromeDriver browser;

    @BeforeEach
    void findTheBrowser() {
        // Before the test asks for the stack: without a browser the test is reported skipped, and no stack is started.
        chromium = Chromium.installedOrSkip();
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void pays_with_a_merchant_key_through_try_it_out(SharedStack stack) {
        // A merchant of its own: "Try it out" also sends the example idempotency key Swagger UI fills in
        // (ORD-5023-attempt-1), and keys are scoped to the merchant.
        String apiKey = stack.createMerchant("Swagger UI Books", List.of("GBP"));
        String reference = "ORD-" + UUID.randomUUID().toString().substring(0, 8);
        browser = chromium.start(Gateway.read(stack.local().certificate()), 1200, 900);
        SwaggerUi page = new SwaggerUi(browser);

        try {
            page.open(stack.gateway().baseUri().resolve("/swagger-ui.html"));
            page.authorize(apiKey);
            SwaggerUi.Response response = page.execute("POST", "/payments", """
                    {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "123"},
                     "amount": 1050, "currency": "GBP", "reference": "%s"}""".formatted(APPROVED_CARD, reference));

            assertThat(response.status()).as("status Swagger UI shows for POST /payments (body: %s)", response.body())
                    .isEqualTo("201");
            JsonNode payment = JsonMapper.builder().build().readTree(response.body());
            assertThat(payment.path("id").asString()).startsWith("pay_");
            assertThat(payment.path("reference").asString()).isEqualTo(reference);
            assertThat(payment.path("status").asString()).isEqualTo("Authorized");
            assertThat(payment.path("source").path("last4").asString()).isEqualTo("1111");
            assertThat(payment.path("source").has("number")).isFalse();
            assertThat(response.body()).doesNotContain(APPROVED_CARD);
        } finally {
            System.out.println("SCREENSHOT " + page.screenshot(SCREENSHOT));
        }
    }
}
