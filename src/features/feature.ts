/** A feature owns one area of the helpline: its flows and named code, HTTP routes, pages and jobs. */
import type { Router as ExpressRouter } from 'express';
import type { FlowParts } from '../conversation/registry.js';
import type { Job } from '../scheduler/scheduler.js';
import type { DashboardPage } from './kit/dashboard/page.js';
import type { Services } from './services.js';

export type { Services } from './services.js';

export interface Feature extends FlowParts {
  /** Officer API routes, mounted under /api behind the bearer token. */
  api?: (api: ExpressRouter, services: Services) => void;
  /** Other HTTP routes (webhooks, pages), mounted at the root. */
  http?: (app: ExpressRouter, services: Services) => void;
  /** Dashboard pages, mounted under /dashboard behind sign-in, role and CSRF checks. */
  pages?: DashboardPage[];
  /** Scheduled jobs. */
  jobs?: (services: Services) => Job[];
  /** Runs once when the app is built, after migrations (e.g. load shipped reference data). */
  init?: (services: Services) => void;
  /** Runs once after the channels started (not awaited by start; e.g. probe officer chats). */
  started?: (services: Services) => void | Promise<void>;
}
