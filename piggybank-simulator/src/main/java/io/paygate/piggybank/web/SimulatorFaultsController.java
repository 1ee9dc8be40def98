package io.paygate.piggybank.web;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.paygate.piggybank.behaviour.FaultSettings;
import io.paygate.piggybank.behaviour.SimulatedFaults;
import io.paygate.simulator.FaultsEndpoint;

/** The Piggy Bank's knobs at run time, for tests and benchmarks; not part of the bank's API proper. */
@RestController
@RequestMapping("/simulator/faults")
class SimulatorFaultsController extends FaultsEndpoint<FaultSettings, FaultsChange, FaultsView> {

    SimulatorFaultsController(SimulatedFaults faults) {
        super(faults, FaultsView::of);
    }
}
