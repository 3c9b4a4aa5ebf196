import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import {
  CreateOrganisationRequest,
  OrganisationKeyParams,
  OrganisationSchema,
  UpdateOrganisationRequest,
} from '../../contracts/reference.contract.js';
import { can, denied } from '../../core/access/access.js';
import { addOrganisation, type OrganisationRecord, updateOrganisation } from '../../core/organisations/manage-organisations.js';
import type { Language } from '../../core/shared/language.js';
import { KyselyOrganisationStore } from '../../db/repositories/organisation-store.js';
import type { AppContext } from '../context.js';
import { requireUser } from '../plugins/authentication.js';
import { organisationKindLabel } from '../presenters/labels.js';

const tags = ['reference data'];

function present(o: OrganisationRecord, language: Language) {
  return { key: o.key, name: o.name, government: o.government, kind: o.kind, kindLabel: organisationKindLabel(o.kind, language) };
}

/** Organisations, edited by admins (core/access `manage_organisations`); everyone reads them at GET /api/v1/organisations. */
export function organisationRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const store = new KyselyOrganisationStore(context.database.db);
  const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

  api.post(
    '/api/v1/organisations',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Add an organisation (admins)',
        body: CreateOrganisationRequest,
        response: { 201: OrganisationSchema, ...problems, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (!can(request.actor, 'manage_organisations')) throw denied(request.actor);
      const { government, ...rest } = request.body;
      const organisation = await addOrganisation({
        input: { ...rest, government: government ?? null },
        store,
        actor: request.actor,
        clock: context.clock,
      });
      // Every reader of the reference data in this process sees the change at once.
      context.persistence.catalogue.invalidate();
      return reply
        .code(201)
        .header('location', `/api/v1/organisations/${organisation.key}`)
        .send(present(organisation, request.language));
    },
  );

  api.patch(
    '/api/v1/organisations/:key',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Change an organisation’s name, kind or government (admins)',
        params: OrganisationKeyParams,
        body: UpdateOrganisationRequest,
        response: { 200: OrganisationSchema, ...problems, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (!can(request.actor, 'manage_organisations')) throw denied(request.actor);
      const organisation = await updateOrganisation({
        key: request.params.key,
        changes: request.body,
        store,
        actor: request.actor,
        clock: context.clock,
      });
      context.persistence.catalogue.invalidate();
      return reply.send(present(organisation, request.language));
    },
  );
}
