import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { matchTransactions } from '@ndf/card-statements';
import { ITEM_TYPES, tenantScope, type CardTransactionItem, type NoteItem, type TenantScope } from '@ndf/contracts';
import { itemReader, readChange, readNoteWithReceipts, writeNoteStage } from '@ndf/receipt-pipeline';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { cardHolders, type SettingsCache } from '@ndf/tenant-settings';
import { CardStore } from './card-store.js';
import { dayOffset, hasReceipt, isMatchable, matchOutcome, MAX_DAYS_APART, noteForMatching, transactionOf } from './matching.js';

export const SERVICE = 'card-matcher';

export interface MatcherDependencies {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the notes table. */
  readonly notesTable: string;
  readonly settings: SettingsCache;
  readonly clock: () => Date;
}

type Context = Pick<ServiceContext<'dynamodb'>, 'call' | 'log'>;

/**
 * A payment imported, or a note (or its receipt) changed: pairs the payment with the holder's
 * note of that amount a few days around it, or the note with such a payment, and records the
 * pair on both (the note's stage says it was paid by card). Recomputed from the items as they
 * stand: a repeat, or the other side's message, finds the pair recorded and changes nothing.
 */
export async function handle(message: InboundMessage, context: Context, dependencies: MatcherDependencies): Promise<void> {
  const change = await readChange(message.body, itemReader(dependencies.dynamodb, dependencies.notesTable), context.call);
  if (change === undefined) return;
  const image = (change.newImage ?? {}) as { tenant?: unknown; type?: unknown; noteId?: unknown; transactionId?: unknown };
  if (typeof image.tenant !== 'string') throw new PermanentError(`The change of ${change.keys.pk} ${change.keys.sk} carries no tenant.`);
  const scope = tenantScope({ tenant: image.tenant, user: SERVICE, roles: [] });
  const matcher = new Matcher(scope, context, dependencies);
  if (change.itemType === ITEM_TYPES.cardTransaction && typeof image.transactionId === 'string')
    await matcher.onTransaction(image.transactionId);
  else if (typeof image.noteId === 'string') await matcher.onNote(image.noteId);
}

class Matcher {
  private readonly store: CardStore;

  constructor(
    private readonly scope: TenantScope,
    private readonly context: Context,
    private readonly dependencies: MatcherDependencies,
  ) {
    this.store = new CardStore(dependencies.dynamodb, dependencies.notesTable);
  }

  private call<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.context.call('dynamodb', work);
  }

  private async holders() {
    const cards = await this.call((signal) => this.dependencies.settings.read(this.scope, 'CARDS', signal));
    return cardHolders(cards.value);
  }

  /** A payment: the best of its holder's notes around its date that no other payment claims. */
  async onTransaction(transactionId: string): Promise<void> {
    const transaction = await this.call((signal) => this.store.transaction(this.scope, transactionId, signal));
    if (transaction === undefined || transaction.direction !== 'debit' || transaction.matchedNoteId !== undefined) return;
    const holders = await this.holders();
    // The holder when the card was known at import, else the tenant's settings now (a card given its holder since).
    const holder = transaction.holder ?? (transaction.cardLast4 === undefined ? undefined : holders[transaction.cardLast4]);
    if (holder === undefined) {
      // No listing of every employee's notes: a payment of an unknown card waits for its note to change.
      this.context.log.info({ event: 'card-payment-without-holder', transactionId });
      return;
    }
    const from = dayOffset(transaction.date, -MAX_DAYS_APART);
    const to = dayOffset(transaction.date, MAX_DAYS_APART);
    const notes = (await this.call((signal) => this.store.notesAround(this.scope, holder, from, to, signal))).filter(isMatchable);
    const claimed = await this.call((signal) =>
      this.store.claimedNotes(
        this.scope,
        notes.map((note) => note.noteId),
        signal,
      ),
    );
    const free = notes.filter((note) => !claimed.has(note.noteId));
    const [best] = matchTransactions([transactionOf(transaction)], free.map(noteForMatching), {
      holders: { ...holders, ...(transaction.cardLast4 ? { [transaction.cardLast4]: holder } : {}) },
      maxDaysApart: MAX_DAYS_APART,
    }).matches;
    if (best === undefined) return;
    await this.record(transaction, best.noteId, best);
  }

  /** A note: the payment it claims already, else the best unmatched payment around its date that may be its owner's. */
  async onNote(noteId: string): Promise<void> {
    const claim = await this.call((signal) => this.store.claimOf(this.scope, noteId, signal));
    if (claim !== undefined) {
      const transaction = await this.call((signal) => this.store.transaction(this.scope, claim.transactionId, signal));
      // Its stage brought to the note's version, its payment's settlement to its receipts; the match as it was made.
      if (transaction !== undefined) await this.record(transaction, noteId, claim, claim.matchedAt);
      return;
    }
    const found = await this.call((signal) =>
      readNoteWithReceipts(this.dependencies.dynamodb, this.dependencies.notesTable, this.scope, noteId, signal),
    );
    if (found === undefined || !isMatchable(found.note)) return;
    const { note } = found;
    const from = dayOffset(note.date, -MAX_DAYS_APART);
    const to = dayOffset(note.date, MAX_DAYS_APART);
    const candidates = await this.call((signal) => this.store.unmatchedAround(this.scope, note.owner, from, to, signal));
    const holders = await this.holders();
    const [best] = matchTransactions(candidates.map(transactionOf), [noteForMatching(note)], {
      holders,
      maxDaysApart: MAX_DAYS_APART,
    }).matches;
    const transaction = candidates.find((candidate) => candidate.transactionId === best?.transactionId);
    if (best === undefined || transaction === undefined) return;
    await this.record(transaction, noteId, best);
  }

  /**
   * Claims the pair (both sides, conditionally), then writes the note's stage at its current
   * version and whether its payment is settled. A pair one side of which is taken meanwhile is
   * left: the message of that other match did the work.
   */
  private async record(
    transaction: CardTransactionItem,
    noteId: string,
    match: { score: number; reasons: readonly string[] },
    matchedAt = this.dependencies.clock().toISOString(),
  ) {
    const found = await this.call((signal) =>
      readNoteWithReceipts(this.dependencies.dynamodb, this.dependencies.notesTable, this.scope, noteId, signal),
    );
    if (found === undefined) return;
    const settled = hasReceipt(found.receipts);
    const claimed = await this.call((signal) =>
      this.store.claim(this.scope, { transaction, noteId, score: match.score, reasons: match.reasons, settled }, matchedAt, signal),
    );
    if (!claimed) {
      this.context.log.info({ event: 'card-match-taken', transactionId: transaction.transactionId, noteId });
      return;
    }
    await this.writeStage(found.note, transaction, match);
    this.context.log.info({ event: 'card-matched', transactionId: transaction.transactionId, noteId, score: match.score, settled });
  }

  private async writeStage(note: NoteItem, transaction: CardTransactionItem, match: { score: number; reasons: readonly string[] }) {
    await this.call((signal) =>
      writeNoteStage(
        this.dependencies.dynamodb,
        this.dependencies.notesTable,
        this.scope,
        SERVICE,
        note,
        { status: 'succeeded', outcome: { ...matchOutcome(transaction, match) } },
        signal,
      ),
    );
  }
}
