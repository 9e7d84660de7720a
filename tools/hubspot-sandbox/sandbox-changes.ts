/**
 * A change to CRM data, recorded by the stores and turned into webhook events by the dispatcher.
 * `changeSource`/`sourceId` follow HubSpot's webhook fields: writes through the API by an app carry
 * `INTEGRATION` and the app id, so the app can recognise (and ignore) its own writes; edits a user
 * makes in HubSpot carry `CRM_UI` and `userId:<id>`.
 */
export interface ChangeSource {
  changeSource: string;
  sourceId: string;
}

interface ChangeBase {
  portalId: number;
  occurredAt: number;
  source: ChangeSource;
}

export interface ObjectLifecycleChange extends ChangeBase {
  kind: 'creation' | 'deletion';
  objectTypeId: string;
  objectId: string;
}

export interface PropertyChange extends ChangeBase {
  kind: 'propertyChange';
  objectTypeId: string;
  objectId: string;
  propertyName: string;
  propertyValue: string;
}

export interface AssociationChange extends ChangeBase {
  kind: 'associationChange';
  fromTypeId: string;
  fromId: string;
  toTypeId: string;
  toId: string;
  associationTypeId: number;
  removed: boolean;
}

export type CrmChange = ObjectLifecycleChange | PropertyChange | AssociationChange;

export type ChangeListener = (change: CrmChange) => void;

export function integrationSource(appId: number): ChangeSource {
  return { changeSource: 'INTEGRATION', sourceId: String(appId) };
}

export function userSource(userId: number): ChangeSource {
  return { changeSource: 'CRM_UI', sourceId: `userId:${userId}` };
}
