import type { StreamSubscription } from '@ndf/catalog';
import type { ChangeMessage } from '@ndf/contracts';

/** The services a change goes to: its event, its item type and the subscription's attribute filter. */
export function targetsOf(change: ChangeMessage, subscriptions: readonly StreamSubscription[]): string[] {
  // The item as it is after the change; as it was, for a removal.
  const image = change.newImage ?? change.oldImage ?? {};
  return subscriptions
    .filter(
      (subscription) =>
        subscription.events.includes(change.eventName) &&
        subscription.itemTypes.includes(change.itemType) &&
        Object.entries(subscription.whereByType?.[change.itemType] ?? subscription.where).every(([attribute, values]) =>
          values.includes(String(image[attribute])),
        ),
    )
    .map((subscription) => subscription.service);
}
