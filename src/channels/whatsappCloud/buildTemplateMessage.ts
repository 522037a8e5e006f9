/**
 * WhatsApp template messages: the only kind the Cloud API delivers outside the 24-hour customer
 * service window. Names and languages come from config; this turns a message's TemplateFallback
 * into the Graph API body. Pure.
 */
import type { Lang, TemplateFallback, TemplateKind } from '../../core/types.js';

/** Graph error codes meaning the template cannot be used as asked (missing, not approved, paused, badly filled). */
export const TEMPLATE_ERROR_CODES: ReadonlyMap<number, string> = new Map([
  [132000, 'the number of parameters does not match the template'],
  [132001, 'the template does not exist in this language or is not approved'],
  [132005, 'the translated text is too long'],
  [132007, 'the template content breaks a WhatsApp policy'],
  [132012, 'the parameters do not match the template format'],
  [132015, 'the template is paused (low quality)'],
  [132016, 'the template is disabled'],
]);

export interface TemplateSettings {
  /** Template name per kind; an empty name means "not configured". */
  names: Record<TemplateKind, string>;
  /** Template language code per contact language (Javanese falls back to Indonesian by default). */
  languages: Record<Lang, string>;
}

export interface GraphTemplateMessage {
  type: 'template';
  template: {
    name: string;
    language: { code: string; policy: 'deterministic' };
    components?: { type: 'body'; parameters: { type: 'text'; text: string }[] }[];
  };
}

/** The template names the configuration uses ('off' and empty mean "not used"): what must be approved. */
export function configuredTemplateNames(config: {
  WHATSAPP_TEMPLATE_CASE_UPDATE: string;
  WHATSAPP_TEMPLATE_ANNOUNCEMENT: string;
  WHATSAPP_TEMPLATE_NEUTRAL?: string;
}): string[] {
  return [config.WHATSAPP_TEMPLATE_CASE_UPDATE, config.WHATSAPP_TEMPLATE_ANNOUNCEMENT, config.WHATSAPP_TEMPLATE_NEUTRAL ?? ''].filter((n) => n && n !== 'off');
}

/** Parses "id:id,en:en,jv:id" (contact language : template language code). */
export function parseTemplateLanguages(spec: string): Record<Lang, string> {
  const out: Record<Lang, string> = { id: 'id', en: 'en', jv: 'id' };
  for (const part of spec.split(',')) {
    const [lang, code] = part.split(':').map((s) => s.trim());
    if ((lang === 'id' || lang === 'en' || lang === 'jv') && code) out[lang] = code;
  }
  return out;
}

/** The template to send for a kind in a contact's language, or undefined when none is configured. */
export function resolveTemplate(settings: TemplateSettings, kind: TemplateKind, lang: Lang): { name: string; language: string } | undefined {
  const name = settings.names[kind];
  return name ? { name, language: settings.languages[lang] ?? settings.languages.id } : undefined;
}

/**
 * What a contact in discreet mode gets instead: the neutral template, without parameters (a
 * reference on a locked screen tells whoever reads the phone that there is a report).
 */
export function discreetFallback(fallback: TemplateFallback): TemplateFallback {
  return fallback.kind === 'neutral_update' ? fallback : { kind: 'neutral_update', params: [] };
}

/** The Graph API message body of a template with body parameters ({{1}}, {{2}} …). */
export function buildTemplateMessage(name: string, language: string, params: string[]): GraphTemplateMessage {
  const template: GraphTemplateMessage['template'] = { name, language: { code: language, policy: 'deterministic' } };
  if (params.length) template.components = [{ type: 'body', parameters: params.map((text) => ({ type: 'text', text })) }];
  return { type: 'template', template };
}
