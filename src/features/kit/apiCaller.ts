/** Who called the officer API (set by the bearer-token check) and the role refusal every API route answers alike. */
import type { Response } from 'express';
import type { OfficerRole } from '../../domain/officers/accounts.js';
import type { AdminAction } from '../../domain/officers/permissions.js';
import type { Services } from '../services.js';

/** The admin token (`api`, automation) or an officer account's own token (`dashboard:ID`), with its role. */
export interface ApiCaller {
  actor: string;
  role: OfficerRole;
}

/** The caller of this API request. */
export function apiCaller(res: Response): ApiCaller {
  return (res.locals.apiCaller as ApiCaller | undefined) ?? { actor: 'api', role: 'admin' };
}

/** Answers 403 for an admin-only action and audits the refusal. */
export function refuseRole(res: Response, services: Services, action: AdminAction, subject?: string): void {
  services.audit.record(services.clock.now(), apiCaller(res).actor, 'role_refused', subject ?? action, action);
  res.status(403).json({ error: `only an admin may do this (${action})` });
}
