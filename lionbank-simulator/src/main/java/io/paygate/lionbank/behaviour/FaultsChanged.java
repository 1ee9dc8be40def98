package io.paygate.lionbank.behaviour;

/** Published after every change of the knobs, so that the listener can go down or come back up at once. */
public record FaultsChanged(FaultSettings settings) {
}
