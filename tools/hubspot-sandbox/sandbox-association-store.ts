import type { ChangeListener, ChangeSource } from './sandbox-changes.ts';
import type { SandboxClock } from './sandbox-clock.ts';
import { OBJECT_TYPE_IDS } from './sandbox-object-types.ts';
import type { AssociationTypeDef, PortalState } from './sandbox-portal-state.ts';

export interface ObjectRef {
  typeId: string;
  id: string;
}

export interface AssociatedObject {
  toId: string;
  typeIds: number[];
}

interface AssociationStoreDeps {
  clock: SandboxClock;
  emit: ChangeListener;
  markDirty(): void;
}

const keyOf = (ref: ObjectRef): string => `${ref.typeId}:${ref.id}`;

/** Objects a line item can belong to; HubSpot docs "CRM API: Quotes, Line items, Associations v4": a quote's line items are its own copies. */
const LINE_ITEM_PARENTS: ReadonlySet<string> = new Set([
  OBJECT_TYPE_IDS.deals,
  OBJECT_TYPE_IDS.quotes,
  OBJECT_TYPE_IDS.invoices,
]);

/**
 * Associations between records. HubSpot records every association in both directions, each with
 * its own type id (deal->line item 19, line item->deal 20), so writing one side writes both.
 */
export class AssociationStore {
  private readonly deps: AssociationStoreDeps;

  constructor(deps: AssociationStoreDeps) {
    this.deps = deps;
  }

  /** Associated records of one target type, ordered by id like HubSpot's paging. */
  list(portal: PortalState, from: ObjectRef, toTypeId: string): AssociatedObject[] {
    const edges = portal.associations[keyOf(from)] ?? {};
    const prefix = `${toTypeId}:`;
    return Object.entries(edges)
      .filter(([key, typeIds]) => key.startsWith(prefix) && typeIds.length > 0)
      .map(([key, typeIds]) => ({ toId: key.slice(prefix.length), typeIds: [...typeIds] }))
      .sort((a, b) => Number(a.toId) - Number(b.toId));
  }

  has(portal: PortalState, from: ObjectRef, toTypeId: string): boolean {
    return this.list(portal, from, toTypeId).length > 0;
  }

  /**
   * Why this association may not be written, or undefined. A line item belongs to one deal, quote or
   * invoice: associating a deal's line item with a quote is refused so the app copies it instead.
   */
  conflict(portal: PortalState, from: ObjectRef, to: ObjectRef): string | undefined {
    const lineItem =
      from.typeId === OBJECT_TYPE_IDS.line_items ? from : to.typeId === OBJECT_TYPE_IDS.line_items ? to : undefined;
    const parent = lineItem === from ? to : from;
    if (!lineItem || !LINE_ITEM_PARENTS.has(parent.typeId)) return undefined;
    for (const parentTypeId of LINE_ITEM_PARENTS) {
      const other = this.list(portal, lineItem, parentTypeId).find(
        (entry) => parentTypeId !== parent.typeId || entry.toId !== parent.id,
      );
      if (other) {
        return `Line item ${lineItem.id} already belongs to object ${parentTypeId}:${other.toId}; a line item can have only one parent deal, quote or invoice (copy it instead).`;
      }
    }
    return undefined;
  }

  add(portal: PortalState, from: ObjectRef, to: ObjectRef, def: AssociationTypeDef, source: ChangeSource): void {
    const added = this.addDirection(portal, from, to, def.typeId);
    this.addDirection(portal, to, from, def.inverseTypeId);
    if (added) this.emit(portal, from, to, def.typeId, false, source);
    this.deps.markDirty();
  }

  /** Removes every association type between the two records, both directions. */
  remove(portal: PortalState, from: ObjectRef, to: ObjectRef, source: ChangeSource): boolean {
    const forward = portal.associations[keyOf(from)];
    const typeIds = forward?.[keyOf(to)] ?? [];
    if (!forward || typeIds.length === 0) return false;
    Reflect.deleteProperty(forward, keyOf(to));
    const backward = portal.associations[keyOf(to)];
    if (backward) Reflect.deleteProperty(backward, keyOf(from));
    for (const typeId of typeIds) this.emit(portal, from, to, typeId, true, source);
    this.deps.markDirty();
    return true;
  }

  /** Drops every association of a record (HubSpot removes them when a record is archived). */
  removeAll(portal: PortalState, ref: ObjectRef, source: ChangeSource): void {
    for (const key of Object.keys(portal.associations[keyOf(ref)] ?? {})) {
      const separator = key.lastIndexOf(':');
      this.remove(portal, ref, { typeId: key.slice(0, separator), id: key.slice(separator + 1) }, source);
    }
    Reflect.deleteProperty(portal.associations, keyOf(ref));
  }

  private addDirection(portal: PortalState, from: ObjectRef, to: ObjectRef, typeId: number): boolean {
    const edges = (portal.associations[keyOf(from)] ??= {});
    const typeIds = (edges[keyOf(to)] ??= []);
    if (typeIds.includes(typeId)) return false;
    typeIds.push(typeId);
    return true;
  }

  private emit(
    portal: PortalState,
    from: ObjectRef,
    to: ObjectRef,
    typeId: number,
    removed: boolean,
    source: ChangeSource,
  ): void {
    this.deps.emit({
      kind: 'associationChange',
      portalId: portal.portalId,
      occurredAt: this.deps.clock.now(),
      source,
      fromTypeId: from.typeId,
      fromId: from.id,
      toTypeId: to.typeId,
      toId: to.id,
      associationTypeId: typeId,
      removed,
    });
  }
}
