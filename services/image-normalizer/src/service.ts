import { serviceEntry } from '@ndf/catalog';
import { receiptServiceDependencies } from '@ndf/receipt-pipeline';
import { defineService } from '@ndf/runtime';
import { handle } from './handler.js';

export const service = defineService({ entry: serviceEntry('image-normalizer'), dependencies: receiptServiceDependencies, handle });
