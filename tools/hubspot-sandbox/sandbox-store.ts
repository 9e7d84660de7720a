import { AssociationStore } from './sandbox-association-store.ts';
import type { ChangeListener, CrmChange } from './sandbox-changes.ts';
import type { SandboxClock } from './sandbox-clock.ts';
import { resourceNotFound } from './sandbox-errors.ts';
import { ObjectStore } from './sandbox-object-store.ts';
import { findObjectType } from './sandbox-object-types.ts';
import { toFullObject, type PublicObject } from './sandbox-object-view.ts';
import { createPortalState, type PortalState } from './sandbox-portal-state.ts';
import type { OAuthStateData } from './sandbox-token-store.ts';

/** Everything the sandbox remembers; what a state file holds. */
export interface SandboxStateData {
  version: 1;
  portals: Record<string, PortalState>;
  oauth: OAuthStateData;
}

export function emptyStateData(): SandboxStateData {
  return { version: 1, portals: {}, oauth: { accessTokens: {}, refreshTokens: {} } };
}

/**
 * The sandbox's state (exposed as `sandbox.state`): portals with their records, associations,
 * properties and schemas, plus OAuth tokens. Change events go to listeners (the webhook
 * dispatcher); `markDirty` tells the persister to write the state file.
 */
export class SandboxStore {
  readonly defaultPortalId: number;
  readonly objects: ObjectStore;
  readonly associations: AssociationStore;
  private dataValue: SandboxStateData;
  private readonly clock: SandboxClock;
  private readonly listeners = new Set<ChangeListener>();
  private readonly dirtyListeners = new Set<() => void>();
  private muted = 0;

  constructor(options: { clock: SandboxClock; defaultPortalId: number; data?: SandboxStateData }) {
    this.clock = options.clock;
    this.defaultPortalId = options.defaultPortalId;
    this.dataValue = options.data ?? emptyStateData();
    const deps = {
      clock: this.clock,
      emit: (change: CrmChange) => this.emit(change),
      markDirty: () => this.markDirty(),
    };
    this.associations = new AssociationStore(deps);
    this.objects = new ObjectStore({ ...deps, associations: this.associations });
  }

  get data(): SandboxStateData {
    return this.dataValue;
  }

  /** Swaps in another state (loading a state file, admin reset). */
  replace(data: SandboxStateData): void {
    this.dataValue = data;
    this.markDirty();
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onDirty(listener: () => void): () => void {
    this.dirtyListeners.add(listener);
    return () => this.dirtyListeners.delete(listener);
  }

  markDirty(): void {
    for (const listener of this.dirtyListeners) listener();
  }

  /** Runs `work` without emitting change events (seeding must not fire webhooks). */
  silently<T>(work: () => T): T {
    this.muted += 1;
    try {
      return work();
    } finally {
      this.muted -= 1;
    }
  }

  findPortal(portalId: number = this.defaultPortalId): PortalState | undefined {
    return this.dataValue.portals[String(portalId)];
  }

  portal(portalId: number = this.defaultPortalId): PortalState {
    const portal = this.findPortal(portalId);
    if (!portal) throw resourceNotFound(`Portal ${portalId} does not exist in the sandbox`);
    return portal;
  }

  createPortal(portalId: number, options: { enterprise?: boolean } = {}): PortalState {
    const existing = this.findPortal(portalId);
    if (existing) return existing;
    const portal = createPortalState(portalId, options.enterprise ?? true, this.clock.now());
    this.dataValue.portals[String(portalId)] = portal;
    this.markDirty();
    return portal;
  }

  /** Enterprise on = custom object schemas allowed; off emulates a Starter/Professional portal (403). */
  setEnterprise(enterprise: boolean, portalId: number = this.defaultPortalId): void {
    this.portal(portalId).enterprise = enterprise;
    this.markDirty();
  }

  /** Every record of a type (archived included) with all its properties, for tests and benchmarks. */
  listObjects(objectType: string, portalId: number = this.defaultPortalId): PublicObject[] {
    const portal = this.portal(portalId);
    const type = findObjectType(portal, objectType);
    if (!type) return [];
    return Object.values(portal.objects[type.objectTypeId] ?? {})
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((record) => toFullObject(record));
  }

  snapshot(): SandboxStateData {
    return structuredClone(this.dataValue);
  }

  private emit(change: CrmChange): void {
    if (this.muted > 0) return;
    for (const listener of this.listeners) listener(change);
  }
}
