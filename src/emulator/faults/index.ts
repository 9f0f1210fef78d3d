// Fault injection for the emulator: parse a spec, apply it per request (see SPEC.md, Faults).
export { FAULT_SERVICES, FaultSpecError, parseFaultSpec, type FaultAmount, type FaultRule, type FaultSpec, type FaultTarget } from './fault-spec.js';
export { FaultInjector, parseSdkAttempt, type FaultDecision, type FaultRequest, type InjectedFault } from './fault-injector.js';
