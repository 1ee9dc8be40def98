package io.paygate.lionbank.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.paygate.lionbank.store.AuthorizationLedger;
import io.paygate.lionbank.store.LedgerStats;

/** What the host decided, for tests of other modules; not part of the bank's ISO 8583 interface. */
@RestController
@RequestMapping("/simulator/stats")
class SimulatorStatsController {

    private final AuthorizationLedger ledger;

    SimulatorStatsController(AuthorizationLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping
    LedgerStats stats() {
        return ledger.stats();
    }

    /** Forgets every transaction too, so that a test starts from a clean bank. */
    @DeleteMapping
    ResponseEntity<Void> reset() {
        ledger.reset();
        return ResponseEntity.noContent().build();
    }
}
