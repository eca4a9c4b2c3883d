/** The company that pays: the debtor of every transfer. */
export interface Debtor {
  readonly name: string;
  readonly iban: string;
  readonly bic: string;
}

/** One employee's reimbursement. */
export interface CreditTransfer {
  readonly name: string;
  readonly iban: string;
  /** Optional within the EEA since 2016 (IBAN only). */
  readonly bic?: string;
  /** EUR cents, exactly. */
  readonly amountCents: bigint;
  /** Carried unchanged to the employee's bank and back in its reports: the batch line's id. */
  readonly endToEndId: string;
  /** The text the employee reads on the statement. */
  readonly remittance: string;
}

/** A reimbursement batch as the batcher hands it over. */
export interface ReimbursementBatch {
  readonly messageId: string;
  readonly paymentInfoId: string;
  readonly createdAt: Date;
  /** The day the company's bank should debit it, `YYYY-MM-DD`. */
  readonly executionDate: string;
  readonly debtor: Debtor;
  readonly transfers: readonly CreditTransfer[];
}

/** The same batch once checked: texts in the SEPA set, IBAN and BIC in their electronic form, totals computed. */
export interface CheckedBatch extends Omit<ReimbursementBatch, 'debtor' | 'transfers'> {
  readonly debtor: Debtor;
  readonly transfers: readonly CreditTransfer[];
  readonly numberOfTransactions: number;
  readonly controlSumCents: bigint;
}
