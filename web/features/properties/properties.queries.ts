/** Property files (پرونده ملک) and persons as the desk uses them. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type PropertyDetail = paths['/api/properties/{id}']['get']['responses'][200]['content']['application/json'];
export type Property = paths['/api/properties']['get']['responses'][200]['content']['application/json']['items'][number];
export type PropertyQuery = NonNullable<paths['/api/properties']['get']['parameters']['query']>;
export type CreatePropertyBody = paths['/api/properties']['post']['requestBody']['content']['application/json'];
export type LandUse = NonNullable<CreatePropertyBody['landUse']>;
export type Person = paths['/api/persons']['get']['responses'][200]['content']['application/json']['items'][number];
export type CreatePersonBody = paths['/api/persons']['post']['requestBody']['content']['application/json'];

/** The land uses the API accepts (its enum), in the order the desk picks them. */
export const LAND_USES: readonly LandUse[] = ['مسکونی', 'تجاری', 'اداری', 'آموزشی', 'مختلط', 'صنعتی', 'فضای سبز', 'درمانی'];

export const propertyKeys = {
  all: ['properties'] as const,
  search: (query: PropertyQuery) => [...propertyKeys.all, 'search', query] as const,
  detail: (id: string) => [...propertyKeys.all, id] as const,
};

export function useProperty(id: string | null | undefined) {
  return useQuery({
    queryKey: propertyKeys.detail(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/properties/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

/** A page of property files matching the query (the desk's search). */
export function propertySearch(query: PropertyQuery) {
  return { queryKey: propertyKeys.search(query), queryFn: () => unwrap(api.GET('/api/properties', { params: { query } })) };
}

/** Registers a new property file, or saves an edit of one at the version the desk was shown. */
export function useSaveProperty(property: PropertyDetail | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePropertyBody) =>
      property
        ? unwrap(api.PATCH('/api/properties/{id}', { params: { path: { id: property.id } }, body: { ...body, version: property.version } }))
        : unwrap(api.POST('/api/properties', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: propertyKeys.all }),
  });
}

/** After a refusal for a stale version: the file fetched again as it is now. */
export function useReloadProperty(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: propertyKeys.detail(id) });
}

/** The person with this national code (کد ملی) or company id (شناسه ملی), or null when none is registered. */
async function findPerson(nationalCode: string): Promise<Person | null> {
  const page = await unwrap(api.GET('/api/persons', { params: { query: { nationalCode, page: 1, pageSize: 1, sort: 'createdAt', order: 'desc' } } }));
  return page.items[0] ?? null;
}

/** Looks a person up when the clerk asks (a lookup on demand, so a mutation rather than a cached query). */
export function useFindPerson(onFound: (person: Person | null) => void) {
  return useMutation({ mutationFn: findPerson, onSuccess: onFound });
}

export function useCreatePerson(onCreated: (person: Person) => void) {
  return useMutation({
    mutationFn: async (body: CreatePersonBody) => {
      try {
        return await unwrap(api.POST('/api/persons', { body }));
      } catch (error) {
        // Registered meanwhile at another desk: that record is the person.
        if (error instanceof ApiError && error.body.code === 'DUPLICATE_PERSON') {
          const existing = await findPerson(body.nationalCode);
          if (existing) return existing;
        }
        throw error;
      }
    },
    onSuccess: onCreated,
  });
}
