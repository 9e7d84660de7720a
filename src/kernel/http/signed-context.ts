import type { Response } from 'express';
import type { PortalId } from '../db/portal-id.ts';
import { AppError } from '../errors/app-error.ts';

/** What a verified HubSpot signature tells us about the caller; nothing else is trusted. */
export interface SignedContext {
  signatureVersion: 'v1' | 'v2' | 'v3';
  /** From the signed query (card calls); undefined on webhook deliveries (portal is per event). */
  portalId: PortalId | undefined;
  userId: number | undefined;
  userEmail: string | undefined;
  appId: number | undefined;
}

interface Locals {
  signed?: SignedContext;
}

export function setSignedContext(res: Response, context: SignedContext): void {
  (res.locals as Locals).signed = context;
}

export function getSignedContext(res: Response): SignedContext {
  const signed = (res.locals as Locals).signed;
  if (!signed) throw new AppError('internal', 'SIGNED_CONTEXT_MISSING', 'Route is not behind the signature middleware');
  return signed;
}

/** The portal of a card call, taken from the signed query string only. */
export function requireSignedPortal(res: Response): PortalId {
  const { portalId } = getSignedContext(res);
  if (portalId === undefined) {
    throw new AppError('unauthenticated', 'SIGNATURE_PORTAL_MISSING', 'Signed request carries no portalId');
  }
  return portalId;
}
