export { DEFAULT_AUDIENCE, startTokenIssuer, type MintClaims, type TokenIssuer, type TokenIssuerOptions } from './token-issuer.js';
export { InvalidMintRequestError, ROLES, type Role } from './claims.js';
