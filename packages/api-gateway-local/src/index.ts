export { gatewayClaims } from './claims.js';
export { buildEvent, gatewayRequestId, gatewayTime, isTextContentType, type EventContext } from './event.js';
export { createJwtAuthorizer, type Authorization, type JwtAuthorizerOptions } from '@ndf/jwt-authorizer';
export { answerOf, gatewayMessage, type HttpAnswer } from './result.js';
export { gatewayEvent, type GatewayEventOptions } from './gateway-event.js';
export { serveApiLocally } from './serve-api.js';
export { routeMatcher, type RouteConfig, type RouteMatch } from './routes.js';
export {
  GATEWAY_INTEGRATION_TIMEOUT_MS,
  GATEWAY_PAYLOAD_LIMIT_BYTES,
  startApiGatewayLocal,
  type ApiGatewayLocal,
  type ApiGatewayLocalOptions,
  type LambdaHandler,
} from './server.js';
