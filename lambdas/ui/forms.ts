/**
 * From an HTML form to the same input the JSON routes take: the page builds the
 * body object from form fields and validates it with the route's own zod schema
 * (lambdas/api/schemas/), so the UI accepts exactly what the API accepts.
 * Problems come back per field, in plain words, for the error summary.
 */
import { safeParse } from 'zod/mini';
import type { $ZodIssue, $ZodType, output } from 'zod/v4/core';
import type { FieldIssue } from '../shared/errors';
import type { FieldErrors } from './components';

/** `body.requester.name` / `exemptions[2]` / `requester.email` → the form field's name. */
export function fieldNameOf(path: string): string {
  return path
    .replace(/^body\./, '')
    .replace(/\[\d+\].*$/, '')
    .replace(/\.\d+(\..*)?$/, '');
}

function plain(issue: $ZodIssue): string {
  const i = issue as $ZodIssue & {
    minimum?: number | bigint;
    maximum?: number | bigint;
    origin?: string;
    input?: unknown;
    expected?: string;
  };
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined || i.input === ''
        ? 'Fill this in.'
        : `Enter a valid ${i.expected ?? 'value'}.`;
    case 'too_small':
      if (i.origin === 'string')
        return Number(i.minimum) <= 1 ? 'Fill this in.' : `Enter at least ${i.minimum} characters.`;
      if (i.origin === 'array') return `Choose at least ${i.minimum}.`;
      return `Enter ${i.minimum} or more.`;
    case 'too_big':
      if (i.origin === 'string') return `Use at most ${i.maximum} characters.`;
      if (i.origin === 'array') return `Choose at most ${i.maximum}.`;
      return `Enter ${i.maximum} or less.`;
    case 'invalid_value':
      return 'Choose one of the options.';
    case 'invalid_format':
      return i.message && !/^Invalid/.test(i.message) ? `Enter ${i.message}.` : 'Check the format.';
    case 'unrecognized_keys':
      return 'The form has fields this page does not know; reload it.';
    default:
      return i.message || 'Check this.';
  }
}

export type Parsed<S extends $ZodType> = { ok: true; data: output<S> } | { ok: false; errors: FieldErrors };

/** Validates a body built from a form with the route's schema. */
export function parseForm<S extends $ZodType>(schema: S, body: unknown): Parsed<S> {
  const result = safeParse(schema, body);
  if (result.success) return { ok: true, data: result.data as output<S> };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const name = fieldNameOf(issue.path.map(String).join('.'));
    errors[name] ??= plain(issue);
  }
  return { ok: false, errors };
}

/** A domain's 400 issues (`{ path, message }`) as field errors. */
export function errorsOfIssues(issues: readonly FieldIssue[] | undefined, fallback: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues ?? []) errors[fieldNameOf(issue.path)] ??= capitalize(issue.message);
  if (!Object.keys(errors).length) errors[''] = fallback;
  return errors;
}

const capitalize = (text: string) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : text);

/** A trimmed field; undefined when empty (optional fields are left out of the body). */
export function optionalText(form: URLSearchParams, name: string): string | undefined {
  const value = form.get(name)?.trim();
  return value ? value : undefined;
}

/** A number field: undefined when empty, NaN when not a number (the schema says so). */
export function optionalNumber(form: URLSearchParams, name: string): number | undefined {
  const value = form.get(name)?.trim();
  if (!value) return undefined;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
}

/** The revision the page was rendered with. */
export function revisionOf(form: URLSearchParams): number {
  return optionalNumber(form, 'revision') ?? Number.NaN;
}
