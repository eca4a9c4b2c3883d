import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableName } from '@ndf/catalog';
import { receiptServiceDependencies, type ReceiptServiceDependencies } from '@ndf/receipt-pipeline';
import type { DependencyContext } from '@ndf/runtime';

/** A receipt service's, and the notes table itself: intake reads what a receipt recorded, and claims digests. */
export interface IntakeDependencies extends ReceiptServiceDependencies {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the notes table. */
  readonly notesTable: string;
  /** When an original is indexed for the daily seal. */
  readonly now: () => Date;
}

export function intakeDependencies(context: Pick<DependencyContext, 'name' | 'clients' | 'prefix'>): IntakeDependencies {
  return {
    ...receiptServiceDependencies(context),
    dynamodb: context.clients.dynamodb,
    notesTable: tableName(context.prefix, 'notes'),
    now: () => new Date(),
  };
}
