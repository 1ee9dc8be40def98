package io.paygate.lionbank.web;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.paygate.lionbank.behaviour.FaultSettings;
import io.paygate.lionbank.behaviour.SimulatedFaults;
import io.paygate.simulator.FaultsEndpoint;

/** The Lion Bank's knobs at run time, for tests and benchmarks; not part of the bank's ISO 8583 interface. */
@RestController
@RequestMapping("/simulator/faults")
class SimulatorFaultsController extends FaultsEndpoint<FaultSettings, FaultsChange, FaultsView> {

    SimulatorFaultsController(SimulatedFaults faults) {
        super(faults, FaultsView::of);
    }
}
