import { data } from 'react-router';
import type { ResolvedText } from '../../../components/localized-text';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';

/** Related obstacles shown with their titles; more than this are listed by reference only. */
const RELATED_WITH_TITLES = 20;

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

/** The obstacle page's data: the obstacle, and the titles of its related obstacles (from the API too). */
export async function loadObstacleWithRelated(api: ApiClient, reference: string | undefined) {
  const loaded = await loadObstacle(api, reference);
  const links = loaded.obstacle.links ?? [];
  const titles = await Promise.all(
    links.slice(0, RELATED_WITH_TITLES).map((link) =>
      api.getObstacle(link.reference).then(
        ({ obstacle }): ResolvedText | null => obstacle.text.title,
        () => null,
      ),
    ),
  );
  const related = links.map((link, index) => ({ ...link, title: titles[index] ?? null }));
  return { ...loaded, related };
}
