import { describe, expect, it } from 'vitest';
import { buildTemplateMessage, configuredTemplateNames, parseTemplateLanguages, resolveTemplate, TEMPLATE_ERROR_CODES } from './buildTemplateMessage.js';
import { classifyGraphError, GraphSendError } from './classifyGraphError.js';

describe('template messages', () => {
  it('builds the Graph body with the reference as the body parameter', () => {
    expect(buildTemplateMessage('case_update', 'id', ['BWI-2611-0042'])).toEqual({
      type: 'template',
      template: { name: 'case_update', language: { code: 'id', policy: 'deterministic' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'BWI-2611-0042' }] }] },
    });
    expect(buildTemplateMessage('announcement_notice', 'en', [])).toEqual({ type: 'template', template: { name: 'announcement_notice', language: { code: 'en', policy: 'deterministic' } } });
  });

  it('maps contact languages to template languages (Javanese to Indonesian by default) and skips unconfigured kinds', () => {
    expect(parseTemplateLanguages('id:id,en:en,jv:id')).toEqual({ id: 'id', en: 'en', jv: 'id' });
    expect(parseTemplateLanguages('en:en_US')).toEqual({ id: 'id', en: 'en_US', jv: 'id' });
    const settings = { names: { case_update: 'case_update', announcement: '', neutral_update: 'new_message' }, languages: parseTemplateLanguages('id:id,en:en_US,jv:id') };
    expect(resolveTemplate(settings, 'case_update', 'jv')).toEqual({ name: 'case_update', language: 'id' });
    expect(resolveTemplate(settings, 'case_update', 'en')).toEqual({ name: 'case_update', language: 'en_US' });
    expect(resolveTemplate(settings, 'announcement', 'id')).toBeUndefined();
  });

  it('names the templates the configuration needs approved (for npm run doctor)', () => {
    expect(configuredTemplateNames({ WHATSAPP_TEMPLATE_CASE_UPDATE: 'case_update', WHATSAPP_TEMPLATE_ANNOUNCEMENT: '' })).toEqual(['case_update']);
    expect(configuredTemplateNames({ WHATSAPP_TEMPLATE_CASE_UPDATE: 'off', WHATSAPP_TEMPLATE_ANNOUNCEMENT: 'announcement_notice' })).toEqual(['announcement_notice']);
    expect(configuredTemplateNames({ WHATSAPP_TEMPLATE_CASE_UPDATE: 'case_update', WHATSAPP_TEMPLATE_ANNOUNCEMENT: '', WHATSAPP_TEMPLATE_NEUTRAL: 'new_message' })).toEqual(['case_update', 'new_message']);
  });

  it('knows the template error codes and keeps Graph’s code on the error', () => {
    expect([...TEMPLATE_ERROR_CODES.keys()]).toEqual([132000, 132001, 132005, 132007, 132012, 132015, 132016]);
    const e = classifyGraphError(400, { error: { code: 132001, message: 'Template name does not exist in the translation' } }).error;
    expect(e).toBeInstanceOf(GraphSendError);
    expect(e).toMatchObject({ kind: 'permanent', code: 132001 });
    expect(classifyGraphError(400, { error: { code: 131047, message: 'Re-engagement message' } }).error).toMatchObject({ code: 131047 });
  });
});
