/**
 * What the simulated contacts type, as data. Each step is one inbound message; `flow` is where the
 * session must be after it (checked once per run on a validation contact, so the benchmark measures
 * the walk it claims to measure).
 *
 * The conversation benchmark walks COMPLAINT_SCRIPT when the registry has a `complaint` flow and
 * MENU_SCRIPT otherwise (see `pickScript`). The peer always walks COMPLAINT_SCRIPT.
 */
import type { FlowRegistry } from '../../src/conversation/flow.js';

export interface ScriptStep {
  text: string;
  /** The flow the contact's session is in after this message (checked for ours, not the peer). */
  flow?: string;
  note: string;
}

export interface Script {
  name: string;
  steps: ScriptStep[];
}

/** Today's menus, 12 messages: language, safety info, emergency contacts, subscribe, my data, back. */
export const MENU_SCRIPT: Script = {
  name: 'menus (language, safety, account, my data)',
  steps: [
    { text: 'halo', flow: 'language', note: 'first contact: language chooser' },
    { text: '2', flow: 'main', note: 'English, main menu' },
    { text: '6', flow: 'safety', note: 'safe migration submenu' },
    { text: '1', flow: 'main', note: 'before leaving text, main menu' },
    { text: '6', flow: 'safety', note: 'safe migration submenu' },
    { text: '3', flow: 'main', note: 'emergency contacts (action), main menu' },
    { text: '7', flow: 'account', note: 'announcements and my data' },
    { text: '1', flow: 'main', note: 'subscribe (contact write)' },
    { text: 'my data', flow: 'main', note: 'data summary (audit row)' },
    { text: '7', flow: 'account', note: 'announcements and my data' },
    { text: '0', flow: 'main', note: 'back' },
    { text: 'menu', flow: 'main', note: 'global word' },
  ],
};

/**
 * The complaint flow as the complaint issue describes it: consent, who, category, country, city,
 * worker name, employer/agency, description, contact preference, summary confirmation. After the
 * complaint branch is merged, check the answers below against its flow (numbers of the options)
 * and its transcript test; the `flow` expectations catch a mismatch at run time.
 */
export const COMPLAINT_SCRIPT: Script = {
  name: 'complaint flow (13 messages)',
  steps: [
    { text: 'halo', flow: 'language', note: 'first contact: language chooser' },
    { text: '2', flow: 'main', note: 'English, main menu' },
    { text: '1', flow: 'complaint', note: 'report a problem: consent question' },
    { text: '1', flow: 'complaint', note: 'consent yes: who is reporting' },
    { text: '1', flow: 'complaint', note: 'myself: category' },
    { text: '1', flow: 'complaint', note: 'unpaid wages: country' },
    { text: '2', flow: 'complaint', note: 'Malaysia: city' },
    { text: 'Kuala Lumpur', flow: 'complaint', note: 'city: worker name' },
    { text: 'Siti Aminah', flow: 'complaint', note: 'name: employer or agency' },
    { text: 'PT Maju Jaya Sentosa', flow: 'complaint', note: 'agency: description' },
    { text: 'My salary has not been paid for three months and my passport is held by the employer.', flow: 'complaint', note: 'description: contact preference' },
    { text: '1', flow: 'complaint', note: 'contact by this chat: summary to confirm' },
    { text: '1', flow: 'main', note: 'confirm: case reference, main menu' },
  ],
};

/** The complaint transcript when the complaint flow exists, else today's menus. */
export function pickScript(registry: FlowRegistry): Script {
  return registry.flows.complaint ? COMPLAINT_SCRIPT : MENU_SCRIPT;
}
