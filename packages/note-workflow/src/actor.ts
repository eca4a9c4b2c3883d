import type { ActingRole, HistoryActor, TenantRole } from '@ndf/contracts';
import type { Permitted } from './transitions.js';

/** Who asks for a transition: a user with their tenant roles (a token's), or a service of the platform. */
export type WorkflowActor = { readonly user: string; readonly roles: readonly TenantRole[] } | { readonly service: string };

/**
 * The capacity in which the actor may make a transition that `who` permits, before looking at
 * the note: the owner (whether they are is the note's to say), a role they hold, or their service.
 * Undefined when none of `who` can ever be them.
 */
export function actingAs(who: readonly Permitted[], actor: WorkflowActor): HistoryActor | undefined {
  if ('service' in actor) {
    return who.some((permitted) => typeof permitted === 'object' && permitted.service === actor.service)
      ? { kind: 'service', id: actor.service }
      : undefined;
  }
  if (who.includes('owner')) return { kind: 'user', id: actor.user, role: 'owner' };
  const role = who.find(
    (permitted): permitted is ActingRole => typeof permitted === 'string' && actor.roles.includes(permitted as TenantRole),
  );
  return role === undefined ? undefined : { kind: 'user', id: actor.user, role };
}

/** Whether the capacity is the note's owner's (checked against the note), or a role that may never act on one's own note. */
export const actsAsOwner = (acting: HistoryActor): boolean => acting.kind === 'user' && acting.role === 'owner';
export const actsInRole = (acting: HistoryActor): boolean => acting.kind === 'user' && acting.role !== 'owner';
