package io.paygate.systemtests;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.paygate.systemtests.CardDataScanner.Finding;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PCI DSS 3.3-3.5 as an auditor would check it: after card payments of every outcome, no log, no MongoDB document, no
 * file of the MongoDB store on disk and no message at rest on the broker holds a card number or a CVV in clear.
 */
@ExtendWith(SharedStack.Extension.class)
class CardDataScanIT {

    private static LocalStack stack;
    private static Gateway gateway;
    private static String apiKey;
    private static String lionBankApiKey;

    @BeforeAll
    static void connect(SharedStack running) {
        stack = running.local();
        gateway = running.gateway();
        apiKey = running.createMerchant("Scanned Books", List.of("GBP"));
        lionBankApiKey = running.createMerchant("Scanned Lion Books", "lionbank", "lion-scan", List.of("GBP"));
    }

    @Test
    void the_scanner_finds_what_it_looks_for_and_not_timestamps() {
        assertThat(CardDataScanner.scan("sample", "{\"number\":\"4111111111111111\",\"cvv\":\"737\"}"))
                .extracting(Finding::what).containsExactly("card number 411111******1111", "CVV in field 'cvv'");
        assertThat(CardDataScanner.scan("sample", "at 1733340000000 ms, 5555555555554444 and 378282246310005"))
                .hasSize(2);
        assertThat(CardDataScanner.scan("sample", "bin 411111 last4 1111 processed 2026-12-04T10:00:00Z cvv_invalid"))
                .isEmpty();
    }

    @Test
    void no_log_document_store_file_or_queued_message_holds_a_card_number_or_cvv() throws IOException {
        String reference = "SCAN-" + UUID.randomUUID();
        // Through both banks: the Piggy Bank's HTTP adapter, and the Lion Bank's ISO 8583 one (approved, declined
        // 20051, and retried 91 then declined 20091).
        for (String card : List.of("4111111111111111", "4242424242424242", "5555555555554444", "4000000000000010")) {
            pay(apiKey, card, 1050, reference);
        }
        for (long amount : List.of(1050L, 2051L, 2091L)) {
            pay(lionBankApiKey, "5555555555554444", amount, reference);
        }

        List<Finding> findings = new ArrayList<>();
        findings.addAll(logs());
        findings.addAll(storeFiles());
        findings.addAll(documents());
        findings.addAll(queuedMessages());

        assertThat(findings).isEmpty();
    }

    private static void pay(String key, String card, long amount, String reference) {
        String body = """
                {"source": {"type": "card", "number": "%s", "expiry_month": 12, "expiry_year": 2030, "cvv": "737",
                            "name": "Jane Doe"},
                 "amount": %d, "currency": "GBP", "reference": "%s", "metadata": {"order": "5023"}}"""
                .formatted(card, amount, reference);
        assertThat(gateway.post("/payments", key, UUID.randomUUID().toString(), body).status()).isIn(201, 202);
    }

    /** Every service's log; the banks' own are left out: a bank is where the card number is meant to go. */
    private static List<Finding> logs() throws IOException {
        try (Stream<Path> logs = Files.list(stack.home().resolve("logs"))) {
            return logs.filter(log -> !log.getFileName().toString().matches("(piggybank|lionbank)-simulator.*"))
                    .flatMap(log -> CardDataScanner.scan(log.toString(), read(log)).stream()).toList();
        }
    }

    /** The MongoDB wire server's journal and snapshots, read as bytes. */
    private static List<Finding> storeFiles() throws IOException {
        try (Stream<Path> files = Files.walk(stack.home().resolve("data"))) {
            return files.filter(Files::isRegularFile)
                    .flatMap(file -> CardDataScanner.scan(file.toString(), read(file)).stream()).toList();
        }
    }

    private static List<Finding> documents() {
        List<Finding> findings = new ArrayList<>();
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + stack.port("MONGODB_PORT"))) {
            for (String database : mongo.listDatabaseNames()) {
                for (String collection : mongo.getDatabase(database).listCollectionNames()) {
                    for (Document document : mongo.getDatabase(database).getCollection(collection).find()) {
                        findings.addAll(CardDataScanner.scan(database + "." + collection, document.toJson()));
                    }
                }
            }
        }
        return findings;
    }

    private static List<Finding> queuedMessages() {
        List<Finding> findings = new ArrayList<>();
        try (Broker broker = new Broker(stack.rabbitUri())) {
            for (String queue : stack.queuesWithoutConsumers()) {
                for (byte[] body : broker.peek(queue)) {
                    findings.addAll(CardDataScanner.scan("queue " + queue, new String(body, StandardCharsets.UTF_8)));
                }
            }
        }
        return findings;
    }

    private static String read(Path file) {
        try {
            // ISO-8859-1 maps every byte to one character, so a binary file's digit runs read as they are.
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
