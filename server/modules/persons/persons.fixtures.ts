/** Test data for persons, shared by the API suites that need citizens. */

/** A valid کد ملی from nine digits (the check digit computed); Isfahan prefixes (127–129) pass the prefix check. */
export function nationalCode(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const r = sum % 11;
  return nine + String(r < 2 ? r : 11 - r);
}
