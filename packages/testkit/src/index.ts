export { AwsJsonError, awsJson, awsJsonTarget, type AwsJsonTarget } from './aws-json.js';
export { readLedger, type LedgerLine } from './chaos-ledger.js';
export { CHAOS_SERVICE_MAIN, chaosService, ledgerKey, type ChaosOptions } from './chaos-service.js';
export { startFaultProxy, type Fault, type FaultMode, type FaultProtocol, type FaultProxy, type FaultProxyOptions } from './fault-proxy.js';
export { startServiceProcess, type ServiceProcess, type ServiceProcessOptions } from './service-process.js';
export { gatewayEvent, type GatewayEventOptions } from './gateway-event.js';
export { QuarantinedError, startServiceUnderTest, type Delivery, type ServiceUnderTest } from './service-under-test.js';
export { putReceiptItem, readItem, type ReceiptItemOptions, type TestReceipt } from './receipt-items.js';
