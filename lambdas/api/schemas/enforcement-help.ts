// The enforcement help content the city edits: input schema (it also makes the OpenAPI document).
// The domain (validateHelpContent) checks the same limits and the rules across fields.
import * as z from 'zod/mini';
import { text } from './common';
import {
  HELP_LIMITS as L,
  OWNING_DEPARTMENT,
  PHONE_PLACEHOLDER,
  VIOLATION_IDS,
} from '../../domain/enforcement/help-content';
import { DEPARTMENTS } from '../../shared/city-profile';
import { schema } from './schema';

const lines = (min: number, max: number, description?: string) =>
  z
    .array(text(3, L.line))
    .check(z.minLength(min), z.maxLength(max), ...(description ? [z.describe(description)] : []));

const Slug = /* @__PURE__ */ schema(() =>
  z
    .string()
    .check(z.maxLength(L.id), z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase words joined by dashes')),
);
const Department = /* @__PURE__ */ schema(() =>
  z.enum(DEPARTMENTS.map((d) => d.id) as [string, ...string[]]),
);
const OFFICES: string[] = /* @__PURE__ */ schema(() => [...DEPARTMENTS.map((d) => d.id), OWNING_DEPARTMENT]);
const Office = /* @__PURE__ */ schema(() =>
  z
    .enum(OFFICES as [string, ...string[]])
    .check(z.describe(`A department id, or ${OWNING_DEPARTMENT} for the department that owns the dataset`)),
);
const Email = /* @__PURE__ */ schema(() => z.email().check(z.maxLength(L.email)));
const Phone = /* @__PURE__ */ schema(() =>
  z
    .string()
    .check(
      z.maxLength(60),
      z.describe(`A phone number, or "${PHONE_PLACEHOLDER}" until the city fills it in (never shown)`),
    ),
);

const Links = /* @__PURE__ */ schema(() =>
  z.optional(
    z
      .array(
        z.strictObject({
          label: text(1, L.linkLabel),
          href: z
            .string()
            .check(
              z.maxLength(L.href),
              z.regex(/^(?:https:\/\/\S+|\/(?!\/)\S*)$/, 'an https:// link or a path on this site'),
            ),
        }),
      )
      .check(z.maxLength(L.links)),
  ),
);

const Enforcer = /* @__PURE__ */ schema(() =>
  z.strictObject({
    office: Office,
    name: text(2, L.name),
    enforces: lines(1, L.enforces, 'What this office enforces, one item per line'),
    contact: z.optional(z.strictObject({ email: Email, phone: z.optional(Phone), hours: text(3, L.hours) })),
    departmentContacts: z.optional(
      z
        .array(
          z.strictObject({
            department: Department,
            name: text(2, L.name),
            email: Email,
            phone: z.optional(Phone),
          }),
        )
        .check(
          z.minLength(1),
          z.maxLength(DEPARTMENTS.length),
          z.describe(`Only on the ${OWNING_DEPARTMENT} entry: each department's contact`),
        ),
    ),
  }),
);

const Violation = /* @__PURE__ */ schema(() =>
  z.strictObject({
    id: z.enum(VIOLATION_IDS),
    title: text(3, L.title),
    description: text(10, L.description),
    examples: lines(0, L.examples),
    handledBy: z
      .array(Office)
      .check(z.minLength(1), z.maxLength(L.handledBy), z.describe('Enforcer offices, the leading one first')),
    afterReport: lines(1, L.violationSteps, 'What happens after a report, in order'),
    links: Links,
  }),
);

export const HelpContentBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      revision: z
        .number()
        .check(
          z.int(),
          z.minimum(0),
          z.describe('The revision you read (0 for the defaults); a stale one gets 409 STALE_REVISION'),
        ),
      enforcers: z.array(Enforcer).check(z.minLength(1), z.maxLength(L.enforcers)),
      violations: z
        .array(Violation)
        .check(
          z.minLength(VIOLATION_IDS.length),
          z.maxLength(VIOLATION_IDS.length),
          z.describe(`Each category once: ${VIOLATION_IDS.join(', ')}`),
        ),
      faq: z
        .array(
          z.strictObject({
            id: Slug,
            question: text(5, L.question),
            answer: text(10, L.answer, 'Plain text; paragraphs separated by a blank line'),
            links: Links,
          }),
        )
        .check(z.minLength(1), z.maxLength(L.faq)),
      howTo: z
        .array(
          z.strictObject({
            id: Slug,
            title: text(3, L.title),
            summary: z.optional(text(3, L.summary)),
            steps: lines(1, L.steps),
            links: Links,
          }),
        )
        .check(z.minLength(1), z.maxLength(L.howTo)),
      penalties: z.strictObject({
        finesNote: text(20, L.line, 'Says that fines are set by city ordinance (the platform imposes none)'),
        platformActions: lines(1, L.platformActions),
        apiMisuse: z
          .array(
            z.strictObject({
              level: z.enum(['first', 'repeat', 'continuing']),
              sanction: z.enum(['notice', 'suspend', 'revoke']),
              title: text(3, L.title),
              description: text(10, L.line),
            }),
          )
          .check(
            z.minLength(3),
            z.maxLength(3),
            z.describe('first → notice, repeat → suspend, continuing → revoke (the platform’s rules)'),
          ),
      }),
    })
    .register(z.globalRegistry, { id: 'EnforcementHelpContent' }),
);
