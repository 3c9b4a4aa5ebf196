import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  GovernmentListSchema,
  OrganisationListSchema,
  SegmentListSchema,
  ThemeListSchema,
} from '../../contracts/reference.contract.js';
import type { AppContext } from '../context.js';
import { organisationKindLabel } from '../presenters/labels.js';

const tags = ['reference data'];

export function referenceRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const catalogue = () => context.persistence.catalogue.get();

  api.get(
    '/api/v1/themes',
    { schema: { tags, summary: 'The themes, labelled in the requested language', response: { 200: ThemeListSchema } } },
    async (request) => {
      const language = request.language;
      const { themes } = await catalogue();
      return {
        language,
        items: themes.map((t) => ({ key: t.key, label: t.label[language], labels: t.label, inSeed: t.inSeed })),
      };
    },
  );

  api.get(
    '/api/v1/governments',
    { schema: { tags, summary: 'The governments', response: { 200: GovernmentListSchema } } },
    async (request) => {
      const language = request.language;
      const { governments } = await catalogue();
      return {
        language,
        items: governments.map((g) => ({
          key: g.key,
          name: g.name,
          country: g.country,
          level: g.level,
          kind: g.kind,
          label: g.label[language],
        })),
      };
    },
  );

  api.get(
    '/api/v1/segments',
    { schema: { tags, summary: 'The border segments and their sides', response: { 200: SegmentListSchema } } },
    async (request) => {
      const language = request.language;
      const { segments } = await catalogue();
      return {
        language,
        items: segments.map((s) => ({
          key: s.key,
          label: s.name[language] ?? s.name.nl ?? s.key,
          labels: s.name as Record<string, string>,
          sides: s.sides,
        })),
      };
    },
  );

  api.get(
    '/api/v1/organisations',
    { schema: { tags, summary: 'The organisations', response: { 200: OrganisationListSchema } } },
    async (request) => {
      const language = request.language;
      const { organisations } = await catalogue();
      return {
        language,
        items: organisations.map((o) => ({
          key: o.key,
          name: o.name,
          government: o.government,
          kind: o.kind,
          kindLabel: organisationKindLabel(o.kind, language),
        })),
      };
    },
  );
}
