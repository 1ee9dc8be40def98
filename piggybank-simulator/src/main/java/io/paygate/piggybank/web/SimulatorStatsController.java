package io.paygate.piggybank.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.paygate.piggybank.store.AuthorizationLedger;
import io.paygate.piggybank.store.LedgerStats;

/** What the bank decided, for tests of other modules; not part of the bank's API proper. */
@RestController
@RequestMapping("/simulator")
class SimulatorStatsController {

    private final AuthorizationLedger ledger;

    SimulatorStatsController(AuthorizationLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/stats")
    LedgerStats stats() {
        return ledger.stats();
    }

    @DeleteMapping("/stats")
    ResponseEntity<Void> deleteStats() {
        ledger.reset();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/reset")
    ResponseEntity<Void> reset() {
        ledger.reset();
        return ResponseEntity.noContent().build();
    }
}
