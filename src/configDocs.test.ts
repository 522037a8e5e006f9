import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

/** Values computed from others, not read from the environment. */
const DERIVED = new Set(['DB_PATH']);

describe('configuration documentation', () => {
  it('every variable the code reads is in the README table and in .env.example', () => {
    const names = Object.keys(parseConfig({})).filter((k) => !DERIVED.has(k));
    expect(names.length).toBeGreaterThan(20);
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = fs.readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'));
    expect(names.filter((n) => !table.includes(`\`${n}\``))).toEqual([]);
    expect(names.filter((n) => !new RegExp(`^${n}=`, 'm').test(example))).toEqual([]);
  });
});
