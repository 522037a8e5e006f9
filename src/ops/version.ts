/** The helpline's version, from package.json (shown by the start-up banner and the doctor). */
import fs from 'node:fs';

const PACKAGE_JSON = new URL('../../package.json', import.meta.url);

/** The `version` field of package.json, or "unknown" when it cannot be read. */
export function appVersion(): string {
  try {
    return String((JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as { version?: string }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}
