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
 * The complaint flow as src/features/cases/complaint.ts has it, for a new contact: language, the one-time
 * announcements question, then consent, who, category (numbered as src/domain/cases/categories.ts),
 * country (numbered as data/countries.json), city, own name, employer/agency, description,
 * evidence (none), home district (skipped), contact preference, summary confirmation. Ends with a stored case. The
 * description holds no danger words, so the report is not urgent (no officer alert branch).
 */
export const COMPLAINT_SCRIPT: Script = {
  name: 'complaint flow (16 messages)',
  steps: [
    { text: 'halo', flow: 'language', note: 'first contact: language chooser' },
    { text: '2', flow: 'askSubscribe', note: 'English: announcements question (once)' },
    { text: '2', flow: 'main', note: 'no announcements: main menu' },
    { text: '1', flow: 'complaint', note: 'report a problem: consent question' },
    { text: '1', flow: 'complaint', note: 'consent yes: who is reporting' },
    { text: '1', flow: 'complaint', note: 'myself: category' },
    { text: '1', flow: 'complaint', note: 'unpaid wages: country' },
    { text: '3', flow: 'complaint', note: 'Malaysia: city' },
    { text: 'Kuala Lumpur', flow: 'complaint', note: 'city: own name' },
    { text: 'Siti Aminah', flow: 'complaint', note: 'name: employer or agency' },
    { text: 'PT Maju Jaya Sentosa', flow: 'complaint', note: 'agency: description' },
    { text: 'My salary has not been paid for three months and the agency does not answer my calls.', flow: 'complaint', note: 'description: evidence' },
    { text: '-', flow: 'complaint', note: 'no evidence: home district' },
    { text: '-', flow: 'complaint', note: 'home skipped: contact preference' },
    { text: '1', flow: 'complaint', note: 'contact through this chat: summary to confirm' },
    { text: '1', flow: 'complaint', note: 'send: case stored, reference and PIN last, "written them down?"' },
  ],
};

/** The complaint transcript when the complaint flow exists, else today's menus. */
export function pickScript(registry: FlowRegistry): Script {
  return registry.flows.complaint ? COMPLAINT_SCRIPT : MENU_SCRIPT;
}
