/**
 * What is wrong with an exception's expiry date, or undefined for a real day written YYYY-MM-DD.
 * The shape alone would let `2030-13-45` or `2027-02-30` through: compared as text, such a date
 * expires on no day anyone can name, or never.
 */
export function expiryProblem(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'is not a date written YYYY-MM-DD';
  // Date rolls an impossible day over into the next month; only a real day reads back unchanged.
  const day = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(day.getTime()) || !day.toISOString().startsWith(date)
    ? 'is not a real date'
    : undefined;
}
