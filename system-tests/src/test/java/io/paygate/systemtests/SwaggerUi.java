package io.paygate.systemtests;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.pagefactory.ByChained;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Swagger UI as a developer uses it in a browser, by what they see and click (Swagger UI 5's page). */
final class SwaggerUi {

    private final ChromeDriver browser;
    private final WebDriverWait wait;

    SwaggerUi(ChromeDriver browser) {
        this.browser = browser;
        // A payment is answered within seconds (AUTHORIZATION_TIMEOUT, 5 s by default); a cold page loads in less.
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** Opens the page and waits until the selected API's operations are listed. */
    void open(URI page) {
        browser.get(page.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".opblock")));
    }

    /** Enters the key in the "Authorize" dialog for the bearer scheme, then closes the dialog. */
    void authorize(String bearer) {
        click(By.cssSelector(".auth-wrapper button.authorize"));
        // By its label: once authorised, the form shows the value as ****** instead of the input.
        By scheme = By.xpath("//div[contains(@class, 'modal-ux')]//form[.//label[@for='auth-bearer-value']]");
        wait.until(ExpectedConditions.visibilityOfElementLocated(scheme))
                .findElement(By.cssSelector("input[aria-label='auth-bearer-value']")).sendKeys(bearer);
        click(within(scheme, "button.authorize"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                new ByChained(scheme, By.xpath(".//h6[.='Authorized']"))));
        click(By.cssSelector(".modal-ux button.btn-done"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
    }

    /** Expands the operation, clicks "Try it out", replaces the example body with {@code json} and clicks "Execute". */
    Response execute(String method, String path, String json) {
        By operation = By.xpath("//div[contains(@class, 'opblock-" + method.toLowerCase() + "')]"
                + "[.//*[contains(@class, 'opblock-summary-path') and @data-path='" + path + "']]");
        click(within(operation, ".opblock-summary-control"));
        click(within(operation, "button.try-out__btn"));
        WebElement editor = wait.until(
                ExpectedConditions.elementToBeClickable(within(operation, "textarea.body-param__text")));
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys(json);
        click(within(operation, "button.execute"));
        String status = wait.until(ExpectedConditions.visibilityOfElementLocated(
                within(operation, ".live-responses-table tr.response .response-col_status"))).getText().strip();
        // The request's URL, the status and the body fill the screenshot.
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'})",
                browser.findElement(within(operation, ".responses-inner .request-url")));
        // textContent: the whole body, also what the code box shows only when scrolled. No box for an empty body.
        String answer = browser.findElements(
                        within(operation, ".live-responses-table .response-col_description .highlight-code pre"))
                .stream().map(body -> body.getDomProperty("textContent")).findFirst().orElse("");
        return new Response(status, answer);
    }

    /** Saves what the browser shows as a PNG. */
    Path screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void click(By element) {
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    private static By within(By parent, String css) {
        return new ByChained(parent, By.cssSelector(css));
    }

    /** What the page shows under "Server response". */
    record Response(String status, String body) {
    }
}
