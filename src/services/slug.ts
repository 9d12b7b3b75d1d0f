/** A name as an ASCII code or file-name part: lower case, letters and digits joined by single hyphens. */
export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
