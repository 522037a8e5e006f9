/**
 * Officer chat commands (DESIGN §5): /cases, /case REF, /reply REF text, /status REF STATUS [note],
 * /assign REF me. The engine refuses and audits non-officers before these run.
 */
import { DateTime } from 'luxon';
import type { Action, ActionContext } from '../../conversation/actions.js';
import type { ActionResult, CommandDef, Flow, Text, VarValue } from '../../conversation/flow.js';
import { assistanceDetails, officerCaseSubject, programLabel, schoolLevelLine } from '../../domain/assistance/requestCase.js';
import { APPLICATION_STATUSES, changeApplicationStatus, isApplication, isApplicationStatus } from '../../domain/assistance/applications.js';
import { linkedAgency } from '../../domain/cases/agency.js';
import { countryLabel } from '../../domain/cases/alerts.js';
import { STATUSES, isStatus } from '../../domain/cases/categories.js';
import { assignCase, changeStatus, replyToReporter } from '../../domain/cases/ops.js';
import { expandShortcut, readerLanguage } from '../../domain/officers/savedReplies.js';
import { normalizeRef } from '../../domain/cases/ref.js';
import { type Case, caseByRef, caseEvents, openCases } from '../../domain/cases/cases.js';
import { teamOfCase } from '../../domain/cases/teams.js';
import { attachmentsOf } from '../../domain/cases/evidence.js';
import { cloudWindowNotice, heldNotice, windowText } from '../../domain/delivery/safeWindows.js';
import { isSafeWindow } from '../../outbox/safeTime.js';
import { chatOfficerActor, identifyActor } from '../../domain/officers/actors.js';
import { caseHomeVar } from '../../domain/places.js';

/** Cases shown by /cases; events shown by /case. */
export const MAX_CASES_SHOWN = 20;
export const MAX_EVENTS_SHOWN = 20;

const say = (key: string, vars?: Record<string, VarValue>): ActionResult => ({ replies: [{ text: vars ? { key, vars } : { key } }] });

/** Splits "/cmd@bot REF rest of text" (from the raw message, so line breaks in a reply survive). */
export function parseCommand(text: string): { ref: string | null; rest: string } {
  const m = /^\/\S+\s+(\S+)\s*([\s\S]*)$/.exec(text.trim());
  if (!m) return { ref: null, rest: '' };
  return { ref: normalizeRef(m[1]), rest: m[2].trim() };
}

function findCase(ctx: ActionContext): { c?: Case; rest: string; error?: ActionResult } {
  const { ref, rest } = parseCommand(ctx.inbound.text);
  if (!ref) return { rest, error: say('officer.usage') };
  const c = caseByRef(ctx.db, ref);
  if (!c) return { rest, error: say('officer.notFound', { ref }) };
  return { c, rest };
}

const actorOf = (ctx: ActionContext) => chatOfficerActor(ctx.contact.id);

function when(ctx: ActionContext, at: number): string {
  return DateTime.fromMillis(at, { zone: ctx.config.HOME_TIMEZONE }).toFormat('dd-MM HH:mm');
}

/** How an actor of the case history reads in an officer's chat ("you" for the officer asking). */
function actorLabel(ctx: ActionContext, actor: string): VarValue {
  const who = identifyActor(ctx.db, actor);
  switch (who.kind) {
    case 'api':
      return 'API';
    case 'account':
      return { t: 'officer.actor.dashboard', vars: { name: who.username ?? String(who.accountId) } };
    case 'chatOfficer':
      return who.contactId === ctx.contact.id ? { t: 'officer.actor.you' } : { t: 'officer.actor.officer', vars: { id: String(who.contactId) } };
    default:
      return { t: `officer.actor.${who.kind === 'reporter' ? 'reporter' : 'system'}` };
  }
}

const listCases: Action = (ctx): ActionResult => {
  const cases = openCases(ctx.db, MAX_CASES_SHOWN);
  if (!cases.length) return say('officer.noOpenCases');
  const lines: Text[] = [{ key: 'officer.openCasesTitle', vars: { count: cases.length } }];
  for (const c of cases) {
    lines.push({
      key: 'officer.caseLine',
      vars: {
        mark: c.urgent ? '🚨 ' : '',
        ref: c.ref,
        category: officerCaseSubject(c),
        status: { t: `case.status.${c.status}` },
        hours: Math.floor((ctx.now - c.createdAt) / 3600_000),
        assignee: c.assigneeContactId === null ? { t: 'officer.unassigned' } : actorLabel(ctx, chatOfficerActor(c.assigneeContactId)),
      },
    });
  }
  ctx.audit('cases_listed', undefined, String(cases.length));
  return { replies: [{ text: { lines } }] };
};

const dash = (s: string | null | undefined) => s || '-';

/** The reporter's current window with its place ("Late night, 21:00–24:00 (Hong Kong time)"), if any. */
function reporterWindow(ctx: ActionContext, contactId: number): VarValue | undefined {
  const r = ctx.contacts.get(contactId);
  if (!r || !isSafeWindow(r.safeWindow)) return undefined;
  return windowText(r.safeWindow, r.country, r.safeZone, ctx.lang);
}

/** How the reporter can be reached, for /case. */
function contactVar(ctx: ActionContext, c: Case): VarValue {
  if (c.anonymous) return { t: 'officer.contactPref.anonymous' };
  if (c.reporterContactId === null) return { t: 'officer.contactPref.erased' };
  // Reports since issue 14 store a window name; older ones the worker's own words.
  const time: VarValue = isSafeWindow(c.safeTime) ? reporterWindow(ctx, c.reporterContactId) ?? { t: `safeTime.window.${c.safeTime}` } : dash(c.safeTime);
  return { t: `officer.contactPref.${c.contactPref ?? 'any'}`, vars: { time } };
}

/** The fields block of /case: a complaint's problem, place and people, or a request's program and village. */
function caseFields(ctx: ActionContext, c: Case): Text {
  const language: VarValue = c.language ? { t: `common.langName.${c.language}` } : '-';
  const help = assistanceDetails(c);
  if (c.kind === 'assistance') {
    const reach = help?.reach;
    return {
      key: 'officer.assistanceFields',
      vars: {
        program: programLabel(c.category),
        who: { t: `officer.assistanceWho.${help?.who ?? 'other'}` },
        home: caseHomeVar(ctx.db, c.id, help?.village),
        phone: !reach || reach === 'chat' ? '-' : reach,
        language,
        contact: contactVar(ctx, c),
      },
    };
  }
  return {
    key: 'officer.caseFields',
    vars: {
      category: { t: `case.category.${c.category}` },
      country: countryLabel(c.country, c.countryText, ctx.contact.language),
      city: dash(c.city),
      who: { t: c.anonymous ? 'officer.who.anonymous' : `officer.who.${c.onBehalf}` },
      name: dash(c.workerName),
      agency: dash(c.agencyText),
      home: caseHomeVar(ctx.db, c.id),
      language,
      contact: contactVar(ctx, c),
    },
  };
}

/** The register entry a complaint's agency text was linked to, with its status today. */
function agencyLines(ctx: ActionContext, c: Case): Text[] {
  const link = linkedAgency(ctx.db, c, ctx.now, ctx.config.HOME_TIMEZONE);
  if (!link) return [];
  if (!link.agency || !link.status) return [{ key: 'officer.agencyGone', vars: { license: link.license } }];
  const status = link.status === 'active' ? 'licensed' : link.status;
  return [{ key: 'officer.agencyLinked', vars: { name: link.agency.name, license: link.license, status: { t: `agency.kind.${status}` } } }];
}

/** The whole case for an officer: fields, description, files and history. Audited. */
/** "Team: P4MI Banyuwangi" when the case was routed or referred to a team. */
function teamLines(ctx: ActionContext, c: Case): Text[] {
  const team = teamOfCase(ctx.db, c.id);
  return team ? [{ key: 'officer.teamLine', vars: { team: team.name } }] : [];
}

const showCase: Action = (ctx): ActionResult => {
  const { c, error } = findCase(ctx);
  if (!c) return error as ActionResult;
  const lines: Text[] = [
    {
      key: 'officer.caseHeader',
      vars: {
        mark: c.urgent ? '🚨 ' : '',
        ref: c.ref,
        kind: { t: `officer.kind.${c.kind}` },
        status: { t: `case.status.${c.status}` },
        created: when(ctx, c.createdAt),
        assignee: c.assigneeContactId === null ? { t: 'officer.unassigned' } : actorLabel(ctx, chatOfficerActor(c.assigneeContactId)),
      },
    },
    ...teamLines(ctx, c),
    caseFields(ctx, c),
    ...agencyLines(ctx, c),
  ];
  if (c.erasedAt) lines.push({ key: 'officer.erased' });
  const help = assistanceDetails(c);
  if (help?.schoolLevel) lines.push(schoolLevelLine(help.schoolLevel));
  if (c.kind === 'assistance') lines.push({ key: 'officer.needTitle' }, { raw: help?.need ?? '-' });
  else lines.push({ key: 'officer.descriptionTitle' }, { raw: dash(c.description) });
  const files = attachmentsOf(ctx.db, c.id);
  if (files.length) {
    lines.push({ key: 'officer.filesTitle', vars: { count: files.length } });
    for (const f of files) {
      lines.push({
        key: 'officer.fileLine',
        vars: { kind: { t: `case.mediaKind.${f.kind}` }, size: f.size ? Math.ceil(f.size / 1024) : '?', state: { t: `officer.fileState.${f.state}` }, sha: f.sha256?.slice(0, 12) ?? '-' },
      });
    }
  }
  lines.push({ key: 'officer.historyTitle' });
  for (const e of caseEvents(ctx.db, c.id, MAX_EVENTS_SHOWN)) {
    lines.push({
      key: 'officer.eventLine',
      vars: { at: when(ctx, e.at), actor: actorLabel(ctx, e.actor), what: { t: `officer.event.${e.kind}`, vars: { status: e.status ? { t: `case.status.${e.status}` } : '' } } },
    });
    if (e.text && e.kind !== 'assigned') lines.push({ raw: `    ${e.text}` });
  }
  ctx.audit('case_viewed', c.ref);
  return { replies: [{ text: { lines } }] };
};

/** Adds "will be delivered at 21:00 their time (…)" when the reporter's safe time holds the message. */
function withHeldNotice(ctx: ActionContext, c: Case, result: ActionResult): ActionResult {
  const held = heldNotice(ctx.db, c.reporterContactId, c.ref, ctx.now, ctx.contact.language ?? ctx.config.DEFAULT_LANGUAGE, ctx.config.HOME_TIMEZONE);
  const templated = !['', 'off'].includes(ctx.config.WHATSAPP_TEMPLATE_CASE_UPDATE);
  // Held for the safe time, the WhatsApp question is settled when the window opens.
  const notice = held ?? cloudWindowNotice(ctx.db, c.reporterContactId, ctx.now, templated);
  const [first, ...rest] = result.replies ?? [];
  if (!notice || !first) return result;
  return { ...result, replies: [{ ...first, text: { lines: [first.text, notice] } }, ...rest] };
}

const reply: Action = (ctx): ActionResult => {
  const { c, rest, error } = findCase(ctx);
  if (!c) return error as ActionResult;
  if (!rest) return say('officer.usage');
  // "/reply REF #shortname": the saved reply, filled, in the reporter's language when there is one.
  const me = identifyActor(ctx.db, actorOf(ctx));
  const signature = (me.kind === 'chatOfficer' && me.username) || ctx.translator.t(readerLanguage(ctx.db, c) ?? ctx.config.DEFAULT_LANGUAGE, 'workspace.replies.anOfficer');
  const { text, used } = expandShortcut(ctx.db, rest, c, signature);
  const sent = replyToReporter(ctx.db, ctx.notify, c, actorOf(ctx), text, ctx.now);
  ctx.audit('case_replied', c.ref, used ? `saved:${used.shortname}:${used.language}` : undefined);
  const done = say(sent ? 'officer.replySent' : 'officer.replyStored', { ref: c.ref });
  const told = used ? { replies: [{ text: { lines: [done.replies![0].text, { key: 'workspace.replies.chatUsed', vars: { name: used.shortname, language: { t: `common.langName.${used.language}` } } }] } }] } : done;
  return withHeldNotice(ctx, c, told);
};

const status: Action = (ctx): ActionResult => {
  const { c, rest, error } = findCase(ctx);
  if (!c) return error as ActionResult;
  const [word, ...note] = rest.split(/\s+/);
  const next = word?.toLowerCase();
  // An application also takes its own statuses (received, checking, documents_needed, approved, not_approved).
  if (isApplication(c) && isApplicationStatus(next)) {
    const label = ctx.translator.t(ctx.lang, 'applications.officerNote', { status: { t: `applications.status.${next}` } });
    const told = changeApplicationStatus(ctx.db, ctx.notify, c, actorOf(ctx), next, note.join(' ') || null, label, ctx.now);
    ctx.audit('case_status', c.ref, `application:${next}`);
    return withHeldNotice(ctx, c, say(told ? 'officer.statusSet' : 'officer.statusSetQuiet', { ref: c.ref, status: { t: `applications.status.${next}` } }));
  }
  if (!isStatus(next)) return say('officer.statusUsage', { statuses: [...STATUSES, ...(isApplication(c) ? APPLICATION_STATUSES : [])].join(' | ') });
  const told = changeStatus(ctx.db, ctx.notify, c, actorOf(ctx), next, note.join(' ') || null, ctx.now);
  ctx.audit('case_status', c.ref, next);
  return withHeldNotice(ctx, c, say(told ? 'officer.statusSet' : 'officer.statusSetQuiet', { ref: c.ref, status: { t: `case.status.${next}` } }));
};

const assign: Action = (ctx): ActionResult => {
  const { c, rest, error } = findCase(ctx);
  if (!c) return error as ActionResult;
  if (rest.toLowerCase() !== 'me' && rest.toLowerCase() !== 'saya') return say('officer.assignUsage');
  assignCase(ctx.db, ctx.notify, c, actorOf(ctx), ctx.contact.id, ctx.now);
  ctx.audit('case_assigned', c.ref, actorOf(ctx));
  return say('officer.assignedToYou', { ref: c.ref });
};

const step = (name: string) => ({ call: `officer.${name}`, next: 'idle' });

/** After a command the officer may type the next one; any other text returns to the main menu. */
export const officerFlow: Flow = {
  id: 'officer',
  start: 'idle',
  steps: {
    cases: step('cases'),
    case: step('case'),
    reply: step('reply'),
    status: step('status'),
    assign: step('assign'),
    idle: { ask: 'officer.idle', check: 'officer.any', save: 'last', next: 'leave' },
    leave: { end: true },
  },
};

export const officerCommands: Record<string, CommandDef> = Object.fromEntries(
  ['cases', 'case', 'reply', 'status', 'assign'].map((name) => [name, { target: { flow: 'officer', step: name }, officerOnly: true }]),
);

export const officerActions: Record<string, Action> = {
  'officer.cases': listCases,
  'officer.case': showCase,
  'officer.reply': reply,
  'officer.status': status,
  'officer.assign': assign,
};

