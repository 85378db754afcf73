/** Property files (پرونده ملک), persons and districts as the desk uses them. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type PropertyDetail = paths['/api/properties/{id}']['get']['responses'][200]['content']['application/json'];
export type Property = paths['/api/properties']['get']['responses'][200]['content']['application/json']['items'][number];
export type CreatePropertyBody = paths['/api/properties']['post']['requestBody']['content']['application/json'];
export type LandUse = NonNullable<CreatePropertyBody['landUse']>;
export type Person = paths['/api/persons']['get']['responses'][200]['content']['application/json']['items'][number];
export type CreatePersonBody = paths['/api/persons']['post']['requestBody']['content']['application/json'];
export type District = paths['/api/districts']['get']['responses'][200]['content']['application/json']['items'][number];

/** The land uses the API accepts (its enum), in the order the desk picks them. */
export const LAND_USES: readonly LandUse[] = ['مسکونی', 'تجاری', 'اداری', 'آموزشی', 'مختلط', 'صنعتی', 'فضای سبز', 'درمانی'];

export const propertyKey = (id: string) => ['properties', id] as const;

export function useProperty(id: string | null | undefined) {
  return useQuery({
    queryKey: propertyKey(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/properties/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

export function useDistricts() {
  return useQuery({ queryKey: ['districts'], queryFn: () => unwrap(api.GET('/api/districts')), staleTime: Infinity });
}

/** The person with this national code (کد ملی) or company id (شناسه ملی), or null when none is registered. */
export async function findPerson(nationalCode: string): Promise<Person | null> {
  const page = await unwrap(api.GET('/api/persons', { params: { query: { nationalCode, page: 1, pageSize: 1, sort: 'createdAt', order: 'desc' } } }));
  return page.items[0] ?? null;
}

export function createPerson(body: CreatePersonBody): Promise<Person> {
  return unwrap(api.POST('/api/persons', { body }));
}
