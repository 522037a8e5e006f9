/**
 * WhatsApp Cloud API: the token, the phone number id, the app secret (a signed self-test through the
 * bot's own verifier, and Graph's appsecret_proof) and the message templates (when a WABA id is set).
 * Neither the token nor the secret nor the helpline's phone number is ever printed.
 */
import { createHmac } from 'node:crypto';
import { type ApiAnswer, callGraphApi } from '../platformApi.js';
import { type DoctorResult, type DoctorContext, fail, ok, warn } from './check.js';

/** Meta app secrets are 32 hexadecimal characters. */
const APP_SECRET_SHAPE = /^[0-9a-f]{32}$/i;
/** Templates read in one call (a helpline has a handful). */
const TEMPLATE_PAGE_SIZE = 200;

const TOKEN_FIX =
  'Create a permanent token: Meta Business settings → System users → (add the app and the WhatsApp account as assets) → Generate token with whatsapp_business_messaging and whatsapp_business_management; put it in .env as WHATSAPP_CLOUD_TOKEN. The 24-hour token from API setup expires.';
const PHONE_FIX = 'Copy the Phone number ID from WhatsApp → API setup in the Meta app (a long number, not the phone number itself) into WHATSAPP_CLOUD_PHONE_NUMBER_ID.';
const SECRET_FIX = 'Copy App settings → Basic → App secret (Show) of the same app as the token into WHATSAPP_CLOUD_APP_SECRET.';

interface PhoneNumberInfo {
  id: string;
  verified_name?: string;
  quality_rating?: string;
}

interface TemplateList {
  data: { name: string; language: string; status: string }[];
}

/** Graph's appsecret_proof: HMAC-SHA256 of the access token under the app secret. */
export function appSecretProof(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

function unreachable(answer: ApiAnswer<unknown>): boolean {
  return !answer.ok && answer.status === 0;
}

function tokenRefused(answer: ApiAnswer<unknown>): boolean {
  return !answer.ok && (answer.code === 190 || answer.status === 401);
}

/** Signs a sample webhook body with the secret and verifies it through the bot's verifier. */
function selfTest(ctx: DoctorContext): DoctorResult {
  const secret = ctx.config.WHATSAPP_CLOUD_APP_SECRET;
  const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'doctor-self-test', changes: [] }] });
  const header = ctx.signer.sign(body, secret);
  const accepted = ctx.signer.verify(Buffer.from(body), header, secret);
  const tamperedRefused = !ctx.signer.verify(Buffer.from(`${body} `), header, secret);
  if (!accepted || !tamperedRefused) {
    return fail('WhatsApp Cloud app secret', "the bot's own webhook verifier does not accept a body signed with WHATSAPP_CLOUD_APP_SECRET", SECRET_FIX);
  }
  if (!APP_SECRET_SHAPE.test(secret)) {
    return warn('WhatsApp Cloud app secret', 'signed self-test passed, but the secret does not look like a Meta app secret (32 hexadecimal characters)', SECRET_FIX);
  }
  return ok('WhatsApp Cloud app secret', 'signed self-test passed: a webhook signed with this secret is accepted, a changed body is refused');
}

/** Templates present and approved (needs WHATSAPP_CLOUD_WABA_ID). */
async function checkTemplates(ctx: DoctorContext): Promise<DoctorResult[]> {
  const { config } = ctx;
  const name = 'WhatsApp templates';
  const required = ctx.requiredTemplates ?? [];
  if (!config.WHATSAPP_CLOUD_WABA_ID) {
    return [
      warn(
        name,
        'not checked: WHATSAPP_CLOUD_WABA_ID is empty (templates are the only way to reach someone 24 hours after their last message)',
        'Put the WhatsApp Business Account ID (WhatsApp Manager → Account tools, or WhatsApp → API setup) in .env as WHATSAPP_CLOUD_WABA_ID.',
      ),
    ];
  }
  const r = await callGraphApi<TemplateList>(
    config.WHATSAPP_CLOUD_API_ROOT,
    config.WHATSAPP_CLOUD_TOKEN,
    `${encodeURIComponent(config.WHATSAPP_CLOUD_WABA_ID)}/message_templates?fields=name,language,status&limit=${TEMPLATE_PAGE_SIZE}`,
    ctx.timeoutMs,
  );
  if (!r.ok) {
    return [
      fail(
        name,
        `cannot read the templates of WhatsApp Business Account ${config.WHATSAPP_CLOUD_WABA_ID}: ${r.description}`,
        'Check WHATSAPP_CLOUD_WABA_ID (WhatsApp Manager → Account tools) and that the token has whatsapp_business_management for that account.',
      ),
    ];
  }
  const templates = r.result.data ?? [];
  const approved = templates.filter((t) => t.status === 'APPROVED');
  const out: DoctorResult[] = [];
  for (const t of required) {
    const found = templates.filter((x) => x.name === t);
    if (!found.length) out.push(fail(name, `template ${t} does not exist`, `Create ${t} in WhatsApp Manager → Message templates (see the README) and wait for approval.`));
    else if (!found.some((x) => x.status === 'APPROVED')) {
      out.push(fail(name, `template ${t} is not approved (${found.map((x) => `${x.language}: ${x.status}`).join(', ')})`, `Open ${t} in WhatsApp Manager → Message templates: fix what Meta rejected, or wait for review.`));
    }
  }
  for (const t of templates.filter((x) => x.status !== 'APPROVED' && !required.includes(x.name))) {
    out.push(warn(name, `template ${t.name} (${t.language}) is ${t.status}`, `Open ${t.name} in WhatsApp Manager → Message templates: fix what Meta rejected, or wait for review.`));
  }
  if (!approved.length && !required.length) {
    out.push(warn(name, 'no approved template: replies more than 24 hours after a person last wrote cannot be delivered', 'Create a utility template in WhatsApp Manager → Message templates (see the README).'));
  } else if (approved.length) {
    out.push(ok(name, `${approved.length} approved: ${[...new Set(approved.map((t) => t.name))].join(', ')}`));
  }
  return out;
}

/** Token, phone number id, app secret and templates; nothing to do when the channel is off. */
export async function checkWhatsAppCloud(ctx: DoctorContext): Promise<DoctorResult[]> {
  const { config } = ctx;
  if (!config.WHATSAPP_CLOUD_TOKEN) return [ok('WhatsApp Cloud API', 'off (the WHATSAPP_CLOUD_* variables are empty)')];
  const root = config.WHATSAPP_CLOUD_API_ROOT;
  const phoneId = encodeURIComponent(config.WHATSAPP_CLOUD_PHONE_NUMBER_ID);
  const out: DoctorResult[] = [];
  const phone = await callGraphApi<PhoneNumberInfo>(root, config.WHATSAPP_CLOUD_TOKEN, `${phoneId}?fields=verified_name,quality_rating`, ctx.timeoutMs);
  if (unreachable(phone)) {
    return [fail('WhatsApp Cloud token', phone.ok ? '' : phone.description, `The bot needs outgoing HTTPS to ${new URL(root).host}: check the network, firewall or proxy (or WHATSAPP_CLOUD_API_ROOT).`), selfTest(ctx)];
  }
  if (tokenRefused(phone)) {
    return [fail('WhatsApp Cloud token', `Graph refused WHATSAPP_CLOUD_TOKEN (${phone.ok ? '' : phone.description}): it is wrong or expired`, TOKEN_FIX), selfTest(ctx)];
  }
  out.push(ok('WhatsApp Cloud token', 'accepted by the Graph API'));
  if (!phone.ok) {
    out.push(fail('WhatsApp Cloud phone number', `Graph does not give this token the phone number id ${config.WHATSAPP_CLOUD_PHONE_NUMBER_ID} (${phone.description})`, PHONE_FIX));
  } else {
    const quality = phone.result.quality_rating;
    const label = `${phone.result.verified_name ? `"${phone.result.verified_name}"` : 'the number'}${quality ? `, quality ${quality}` : ''}`;
    out.push(
      quality === 'RED'
        ? warn('WhatsApp Cloud phone number', `${label}: Meta may limit sending`, 'Look at WhatsApp Manager → Insights: people blocked or reported the number; send fewer unsolicited messages.')
        : ok('WhatsApp Cloud phone number', `found: ${label}`),
    );
  }
  const self = selfTest(ctx);
  out.push(self);
  if (self.status !== 'fail' && phone.ok) {
    const proof = appSecretProof(config.WHATSAPP_CLOUD_TOKEN, config.WHATSAPP_CLOUD_APP_SECRET);
    const check = await callGraphApi<PhoneNumberInfo>(root, config.WHATSAPP_CLOUD_TOKEN, `${phoneId}?fields=id&appsecret_proof=${proof}`, ctx.timeoutMs);
    if (!check.ok && /appsecret_proof/i.test(check.description)) {
      out.push(fail('WhatsApp Cloud app secret', 'WHATSAPP_CLOUD_APP_SECRET is not the secret of the app the token belongs to: every webhook from Meta would be refused', SECRET_FIX));
    }
  }
  out.push(...(await checkTemplates(ctx)));
  return out;
}
