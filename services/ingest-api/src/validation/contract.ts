import { openApiDocument } from '@ndf/contracts';
import { Contract } from '@ndf/http-api';

/** The id under which the ingest API's OpenAPI document is known to the validator. */
export const CONTRACT_ID = 'https://ndf.local/ingest-api/openapi.json';

/** The validator of the ingest API's own document. */
export const ingestContract = (): Contract => new Contract(openApiDocument, CONTRACT_ID);
