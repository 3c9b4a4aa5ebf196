import { data } from 'react-router';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';

/** The obstacle of a page and the reference data; a 404 of the API becomes the not-found page. */
export async function loadObstacle(api: ApiClient, reference: string | undefined) {
  if (!reference) throw data({ reference: '' }, { status: 404 });
  try {
    const [{ obstacle }, referenceData] = await Promise.all([api.getObstacle(reference), api.referenceData()]);
    return { obstacle, reference: referenceData };
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) throw data({ reference }, { status: 404 });
    throw error;
  }
}
