import { z } from 'zod';
import { CLASSIFICATIONS, LIFECYCLES } from '../../domain/kind.js';

export const Uuid = z.string().min(1).max(64);
export const Label = z.object({ id: z.string(), en: z.string() });

export const ProblemBody = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string() })).optional(),
  })
  .loose()
  .meta({ id: 'Problem' });

export const ElementBody = z
  .object({
    id: z.string(),
    kind: z.string(),
    code: z.string().nullable(),
    name: z.string(),
    description: z.string().nullable(),
    orgUnitId: z.string().nullable(),
    refCode: z.string().nullable(),
    lifecycle: z.string(),
    classification: z.string(),
    attributes: z.record(z.string(), z.unknown()),
    provenance: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Element' });

const text = (max: number) => z.string().max(max);

export const ElementCreateBody = z.strictObject({
  kind: z.string().min(1).max(64),
  code: text(100).nullable().optional(),
  name: z.string().trim().min(1).max(500),
  description: text(20000).nullable().optional(),
  orgUnitId: z.string().max(64).nullable().optional(),
  refCode: text(100).nullable().optional(),
  lifecycle: z.enum(LIFECYCLES).optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  provenance: text(500).nullable().optional(),
});

export const ElementPatchBody = ElementCreateBody.partial().extend({
  // Accepted so clients can send back what they read; ignored.
  id: z.string().optional(),
  version: z.number().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  createdBy: z.string().nullable().optional(),
  updatedBy: z.string().nullable().optional(),
});

export const Limit = z.coerce.number().int().min(1).max(500).default(50);

export const EndpointSummary = z.object({ id: z.string(), kind: z.string(), code: z.string().nullable(), name: z.string() });
export const RelationBody = z
  .object({
    id: z.string(),
    type: z.string(),
    sourceId: z.string(),
    targetId: z.string(),
    attributes: z.record(z.string(), z.unknown()),
    provenance: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    source: EndpointSummary.optional(),
    target: EndpointSummary.optional(),
  })
  .meta({ id: 'Relation' });

export const problemResponses = {
  400: ProblemBody,
  401: ProblemBody,
  403: ProblemBody,
  404: ProblemBody,
  409: ProblemBody,
  422: ProblemBody,
  428: ProblemBody,
};
