/** A menu option source shared by features whose actions compute the options first. */
import type { Json, SourceOption } from '../../conversation/flow.js';

/** Options an action stored in `data.options` (pure: the engine only reads the flow's data). */
export const optionsFromData = (data: Record<string, Json>): SourceOption[] =>
  Array.isArray(data.options) ? (data.options as unknown as SourceOption[]) : [];
